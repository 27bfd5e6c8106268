"""Give every account that existed before profiles its profile.

New accounts get one from a post_save signal; this covers the accounts made
before the people app was installed.
"""

from django.conf import settings
from django.db import migrations


def create_missing_profiles(apps, schema_editor):
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    Profile = apps.get_model("people", "Profile")
    without_profile = User.objects.filter(profile__isnull=True).iterator(chunk_size=1000)
    batch = []
    for user in without_profile:
        name = f"{user.first_name} {user.last_name}".strip() or user.username
        batch.append(Profile(user=user, display_name=name, email=user.email))
        if len(batch) >= 1000:
            Profile.objects.bulk_create(batch)
            batch = []
    Profile.objects.bulk_create(batch)


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    # Going back leaves the profiles: 0001's reversal drops the table anyway.
    operations = [migrations.RunPython(create_missing_profiles, migrations.RunPython.noop)]
