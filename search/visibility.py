"""What search leaves out for one reader: the view restrictions they do not pass.

Read once per request, in one query. Two readers with the same `Visibility`
are shown the same results, so it is part of the key that kept results are
found under (`search.kept`).
"""

import hashlib
from dataclasses import dataclass

from django.db.models import CharField, Value

from wagtail.models import CollectionViewRestriction, PageViewRestriction

from intranet.view_restrictions import not_passed

PAGE, COLLECTION = "page", "collection"


@dataclass(frozen=True)
class Visibility:
    # Pages behind a restriction the reader does not pass: search never shows their subtrees.
    pages: tuple[str, ...] = ()
    # Collections likewise: documents in them, or in collections below them, are left out.
    collections: tuple[str, ...] = ()

    def digest(self) -> str:
        """A short stand-in for both lists, for a cache key: a reader may have hundreds."""
        return hashlib.sha256(repr((self.pages, self.collections)).encode()).hexdigest()[:32]


def visibility(request) -> Visibility:
    """The reader's restricted pages and collections, by tree path, in one query."""

    def paths(model, kind: str, path: str):
        return not_passed(model, request).values_list(Value(kind, output_field=CharField()), path)

    rows = paths(PageViewRestriction, PAGE, "page__path").union(
        paths(CollectionViewRestriction, COLLECTION, "collection__path")
    )
    found = {PAGE: set(), COLLECTION: set()}
    for kind, path in rows:
        found[kind].add(path)
    # Sorted, so that the same restrictions give the same key whatever order they come in.
    return Visibility(
        pages=tuple(sorted(found[PAGE])), collections=tuple(sorted(found[COLLECTION]))
    )
