"""Comments leave Wagtail's reference index (`Comment.wagtail_reference_index_ignore`):
the rows indexed before would otherwise stay in pages' "Usage" until a rebuild."""

from django.db import migrations


def forget_comments(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ReferenceIndex = apps.get_model("wagtailcore", "ReferenceIndex")
    comment = ContentType.objects.filter(app_label="conversation", model="comment").first()
    if comment is not None:
        ReferenceIndex.objects.filter(content_type=comment).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("conversation", "0003_reactions_by_when"),
        ("wagtailcore", "0096_referenceindex_referenceindex_source_object_and_more"),
    ]

    operations = [migrations.RunPython(forget_comments, migrations.RunPython.noop)]
