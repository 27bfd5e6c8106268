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

from communities.queries import CommunityValues, community_values
from insights.services import Scope
from intranet.caching import PAGES, cached_block, digest

# Only bounds a missed signal (a title changed with QuerySet.update, say).
KEPT_FOR = 60 * 60


def scope_key(scope: Scope) -> str:
    """The name of what `scope` reads: "all", or the subtrees of the reader's teams."""
    return "all" if scope.reads_all else digest(sorted(scope.team_paths))


def readable_communities(scope: Scope) -> tuple[CommunityValues, ...]:
    """The communities `scope` reads, in tree order.

    A tuple of tuples, which no request can change: each server holds it in its
    memory and gives every request the same one.
    """
    return cached_block(
        f"insights-communities:{scope_key(scope)}",
        # Bumped by `home.signals` when a page is published, unpublished or moved,
        # and when a community is created or deleted.
        (PAGES,),
        lambda: tuple(community_values(scope.communities())),
        KEPT_FOR,
        in_process=True,
    )
