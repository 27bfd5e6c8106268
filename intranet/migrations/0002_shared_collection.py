"""Give the Communicators a "Shared" collection instead of the root collection.

Wagtail's collection permissions pass down to every collection below the one
they are granted on, and each community's collection sits below the root. Held
on the root, the Communicators' rights reached into closed and secret
communities' files: they could open, replace or move them out of their
community. Held on "Shared", a sibling of the communities' collections, they
cover only the files meant for everyone. Files kept at the root move there too,
so the Communicators keep the ones they could edit before.
"""

from django.db import migrations

COMMUNICATORS = "Communicators"
SHARED = "Shared"

# treebeard's materialised path: four base-36 characters a level.
STEP_LENGTH = 4
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def next_child_path(parent, children) -> str:
    last = children.order_by("-path").values_list("path", flat=True).first()
    if last is None:
        return parent.path + ALPHABET[0] * (STEP_LENGTH - 1) + ALPHABET[1]
    number = int(last[-STEP_LENGTH:], 36) + 1
    step = ""
    while number:
        number, digit = divmod(number, len(ALPHABET))
        step = ALPHABET[digit] + step
    return parent.path + step.rjust(STEP_LENGTH, ALPHABET[0])


def media_models(apps):
    return apps.get_model("wagtailimages", "Image"), apps.get_model("wagtaildocs", "Document")


def move_to_shared(apps, schema_editor):
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root = Collection.objects.get(depth=1)
    children = Collection.objects.filter(depth=2, path__startswith=root.path)
    shared = children.filter(name=SHARED).first()
    if shared is None:
        shared = Collection.objects.create(
            name=SHARED, path=next_child_path(root, children), depth=2, numchild=0
        )
        root.numchild += 1
        root.save(update_fields=["numchild"])
    GroupCollectionPermission.objects.filter(
        group__name=COMMUNICATORS, collection=root
    ).update(collection=shared)
    for model in media_models(apps):
        model.objects.filter(collection=root).update(collection=shared)


def move_back_to_root(apps, schema_editor):
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root = Collection.objects.get(depth=1)
    shared = Collection.objects.filter(depth=2, name=SHARED).first()
    if shared is None:
        return
    GroupCollectionPermission.objects.filter(
        group__name=COMMUNICATORS, collection=shared
    ).update(collection=root)
    for model in media_models(apps):
        model.objects.filter(collection=shared).update(collection=root)


class Migration(migrations.Migration):
    dependencies = [
        ("intranet", "0001_roles"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(move_to_shared, move_back_to_root)]
