"""An index on django-comments-xtd's `parent_id`, which it filters on and does not index.

Its pre_save handler looks a comment's replies up by `parent_id` on every save
but the first, so each new comment (saved twice) read the whole comments
table, twice: half the time of posting one on the large data set.
The table is django-comments-xtd's, so the index is created with SQL (both
SQLite and PostgreSQL take this form) rather than declared on a model of ours.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("conversation", "0004_comments_out_of_reference_index"),
        ("django_comments_xtd", "0008_auto_20200920_2037"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS conversation_xtdcomment_parent_id "
            "ON django_comments_xtd_xtdcomment (parent_id)",
            "DROP INDEX IF EXISTS conversation_xtdcomment_parent_id",
        )
    ]
