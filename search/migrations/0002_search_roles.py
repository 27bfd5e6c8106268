"""Let the Communicators run search and the Insights readers read what people search for.

Communicators edit synonyms and exclusions, pin results (search promotions)
and read the query report and feedback; Insights readers read the report and
the feedback.
"""

from importlib import import_module

from django.db import migrations

# The roles migration's helper: a permission row, made if the app's own
# post-migrate step has not made it yet.
permission = import_module("intranet.migrations.0001_roles").permission

COMMUNICATORS = "Communicators"
INSIGHTS_READERS = "Insights readers"

READ = [
    ("search", "searchqueryday", "view_searchqueryday"),
    ("search", "searchfeedback", "view_searchfeedback"),
]
EDIT = [
    (app_label, model, f"{action}_{model}")
    for app_label, model in (
        ("search", "searchsynonym"),
        ("search", "searchexclusion"),
        ("wagtailsearchpromotions", "searchpromotion"),
    )
    for action in ("add", "change", "delete", "view")
]
GRANTS = {COMMUNICATORS: READ + EDIT, INSIGHTS_READERS: READ}


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group_name, permissions in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        group.permissions.add(*(permission(apps, *entry) for entry in permissions))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, permissions in GRANTS.items():
        group = Group.objects.filter(name=group_name).first()
        if group is not None:
            group.permissions.remove(
                *Permission.objects.filter(codename__in=[codename for *_, codename in permissions])
            )


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
        ("intranet", "0001_roles"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
