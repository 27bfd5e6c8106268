"""What a portable backup holds, for `export_backup` and `import_backup`.

The dump is engine-neutral JSON (SQLite to PostgreSQL and back). Rows that
migrations or the running intranet rebuild are left out: content types and
permissions (recreated by `migrate` and referenced by natural key), sessions,
sign-in attempts, image renditions and the search index.
"""

EXCLUDED = (
    "contenttypes",
    "auth.permission",
    "sessions",
    "axes",
    "wagtailimages.rendition",
    "wagtailsearch",
)
