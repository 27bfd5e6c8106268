"""The communities a reader of the insights may open, as plain values kept between requests.

The dashboard lists every one of them (hundreds, in an organisation) in its
picker and its comparison table, and checks the one asked for against them on
every request. Built as page objects, they took a fifth of the dashboard's time;
as values they are read in one query and kept until a community is added,
renamed, moved or removed.

Who reads what is not kept here: the reader's scope is asked on every request
(`insights.services.request_scope`) and the list is kept under it, so a new
team member or a new role is seen at once.
"""

import hashlib
from dataclasses import dataclass

from insights.services import Scope
from intranet.caching import PAGES, cached_block

# Only bounds a missed signal (a title changed with QuerySet.update, say).
KEPT_FOR = 60 * 60


@dataclass(frozen=True)
class Community:
    """A community as the dashboard lists, links and measures it."""

    pk: int
    title: str
    path: str
    depth: int


def digest(values) -> str:
    """A short name for a set of values, for a cache key: the same set, the same name."""
    return hashlib.sha256(",".join(sorted(map(str, values))).encode()).hexdigest()[:32]


def scope_key(scope: Scope) -> str:
    """The name of what `scope` reads: "all", or the subtrees of the reader's teams."""
    return "all" if scope.reads_all else digest(scope.team_paths)


def readable_communities(scope: Scope) -> list[Community]:
    """The communities `scope` reads, in tree order."""
    return cached_block(
        f"insights-communities:{scope_key(scope)}",
        # Bumped by `home.signals` when a page is published, unpublished or moved,
        # and when a community is created or deleted.
        (PAGES,),
        lambda: [
            Community(*row)
            for row in scope.communities()
            .order_by("path")
            .values_list("pk", "title", "path", "depth")
        ],
        KEPT_FOR,
    )
