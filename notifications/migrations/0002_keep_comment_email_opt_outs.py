"""Whoever had stopped comment emails gets every kind of email switched off."""

from django.db import migrations

KINDS = ("reply", "mention", "comment", "discussion")


def copy_opt_outs(apps, schema_editor):
    EmailOptOut = apps.get_model("conversation", "EmailOptOut")
    EmailPreference = apps.get_model("notifications", "EmailPreference")
    EmailPreference.objects.bulk_create(
        [
            EmailPreference(user_id=user_id, kind=kind, frequency="off")
            for user_id in EmailOptOut.objects.values_list("user_id", flat=True)
            for kind in KINDS
        ],
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0001_initial"),
        ("conversation", "0001_initial"),
    ]

    operations = [migrations.RunPython(copy_opt_outs, migrations.RunPython.noop)]
