"""Wagtail's database search backend, with a faster relevance ordering on SQLite.

`SearchBackend` picks the backend as Wagtail's database backend does, by the
database in use, and on SQLite with full-text search swaps in
`search.sqlite_ranking`, which scores only the rows a page of results shows.
PostgreSQL, MySQL and the search servers are left as they are.
"""

from modelsearch.backends import database


# The name Wagtail looks up in a backend's module.
def SearchBackend(params):
    backend = database.SearchBackend(params)
    if type(backend).__name__ == "SQLiteSearchBackend":
        from search.sqlite_ranking import BestRowsSQLiteSearchBackend

        return BestRowsSQLiteSearchBackend(params)
    return backend
