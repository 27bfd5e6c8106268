"""Recording what people do, cheaply, and who may read the figures.

Recording is one INSERT per event; a page view is an INSERT that does nothing
when the person already read that page today, so reading a page costs at most
one write whatever the traffic.
"""

import re
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, Group
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from wagtail.models import Page

from communities.models import CommunityPage
from insights.models import Event, EventKind, PageView
from intranet.middleware import ADMIN_PREFIX
from intranet.roles import INSIGHTS_READERS

# User agents of crawlers, link previewers and uptime monitors: not readers.
BOT_USER_AGENT = re.compile(r"bot|crawl|spider|slurp|monitor|preview|scan", re.IGNORECASE)


# Recording


def counts_as_view(request) -> bool:
    """Whether serving a page to this request is a person reading it.

    Previews, the admin, other methods than GET and bots are left out.
    """
    user = getattr(request, "user", AnonymousUser())
    return (
        user.is_authenticated
        and request.method == "GET"
        and not getattr(request, "is_preview", False)
        and not request.path.startswith(ADMIN_PREFIX)
        and not BOT_USER_AGENT.search(request.headers.get("User-Agent", ""))
    )


def record_view(user, page: Page) -> None:
    """Count `user` reading `page` today, once per day whatever the number of visits."""
    # ignore_conflicts makes this INSERT … ON CONFLICT DO NOTHING (INSERT OR
    # IGNORE on SQLite): no read first, and no error when a second tab races.
    PageView.objects.bulk_create(
        [PageView(user_id=user.pk, page_id=page.pk, day=timezone.localdate())],
        ignore_conflicts=True,
    )


def record_event(
    kind: str, user_id: int | None, page_id: int | None, results: int | None = None
) -> Event:
    return Event.objects.create(
        kind=kind, user_id=user_id, page_id=page_id, day=timezone.localdate(), results=results
    )


def record_search(user, query: str, results: int) -> Event | None:
    """Count one search and how many results it found; a blank query is not a search.

    The query's words are not kept here: the search app's own log holds them.
    """
    if not query.strip() or results < 0:
        return None
    user_id = user.pk if user.is_authenticated else None
    return record_event(EventKind.SEARCH, user_id, None, results=results)


# Who reads the figures


@dataclass(frozen=True)
class Scope:
    """Which communities' figures one person may read.

    Insights readers and administrators read them all; a community's team reads
    its community and everything below it; everyone else reads none.
    """

    reads_all: bool
    team_paths: tuple[str, ...]

    @property
    def reads_any(self) -> bool:
        return self.reads_all or bool(self.team_paths)

    def communities(self) -> QuerySet:
        if self.reads_all:
            return CommunityPage.objects.all()
        return CommunityPage.objects.filter(subtree_filter(self.team_paths))

    def includes(self, page: Page) -> bool:
        return self.reads_all or any(page.path.startswith(path) for path in self.team_paths)

    def page_filter(self, field: str = "path") -> Q:
        """A filter on pages (through `field`, a path) that keeps the ones in scope."""
        return Q() if self.reads_all else subtree_filter(self.team_paths, field)


def subtree_filter(paths, field: str = "path") -> Q:
    """Pages at or below any of `paths`; a filter that matches nothing for no paths."""
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(**{f"{field}__startswith": path})
    return condition


def scope_for(user) -> Scope:
    """What `user` may read, in one query."""
    if not user.is_authenticated or not user.is_active:
        return Scope(reads_all=False, team_paths=())
    if user.is_superuser:
        return Scope(reads_all=True, team_paths=())
    readers = Group.objects.filter(user=OuterRef("pk"), name=INSIGHTS_READERS)
    # One row per team the person is on (or one with no path), each saying
    # whether they are an Insights reader.
    rows = (
        get_user_model()
        .objects.filter(pk=user.pk)
        .annotate(reader=Exists(readers))
        .values_list("reader", "community_teams__page__path")
    )
    rows = list(rows)
    if any(reader for reader, _path in rows):
        return Scope(reads_all=True, team_paths=())
    return Scope(reads_all=False, team_paths=tuple(sorted({p for _r, p in rows if p})))


def request_scope(request) -> Scope:
    """`scope_for` the request's user, asked once per request (the menu asks too)."""
    if not hasattr(request, "_insights_scope"):
        request._insights_scope = scope_for(request.user)
    return request._insights_scope
