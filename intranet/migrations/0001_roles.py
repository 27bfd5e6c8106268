"""Create the role groups from DESIGN.md and retire Wagtail's starter groups.

Wagtail's "Editors" and "Moderators" can edit every page from the root down;
here, editing rights come from community teams and the Communicators group
instead, so the starter groups are removed before anyone is put in them.
"""

from django.db import migrations

EMPLOYEES = "Employees"
COMMUNICATORS = "Communicators"
INSIGHTS_READERS = "Insights readers"

# Media rights Communicators hold on the root collection, so they can illustrate
# and attach files to the guides they write.
COMMUNICATOR_MEDIA = {
    ("wagtailimages", "image"): ("add_image", "change_image", "choose_image"),
    ("wagtaildocs", "document"): ("add_document", "change_document", "choose_document"),
}


def permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    perm, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": codename.replace("_", " ").capitalize()},
    )
    return perm


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    Group.objects.filter(name__in=["Editors", "Moderators"]).delete()

    Group.objects.get_or_create(name=EMPLOYEES)
    communicators, _ = Group.objects.get_or_create(name=COMMUNICATORS)
    insights_readers, _ = Group.objects.get_or_create(name=INSIGHTS_READERS)

    access_admin = permission(apps, "wagtailadmin", "admin", "access_admin")
    communicators.permissions.add(access_admin)
    insights_readers.permissions.add(access_admin)

    root_collection = Collection.objects.get(depth=1)
    for (app_label, model), codenames in COMMUNICATOR_MEDIA.items():
        for codename in codenames:
            GroupCollectionPermission.objects.get_or_create(
                group=communicators,
                collection=root_collection,
                permission=permission(apps, app_label, model, codename),
            )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=[EMPLOYEES, COMMUNICATORS, INSIGHTS_READERS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
