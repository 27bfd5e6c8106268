"""Recording what people do, cheaply, and who may read the figures.

Recording is one INSERT per event; a page view is an INSERT that does nothing
when the person already read that page today, so reading a page costs at most
one write whatever the traffic.
"""

import re

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.utils import timezone

from wagtail.models import Page

from communities.models import CommunityPage, CommunityTeamMember
from insights.models import Event, EventKind, PageView
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
        and not request.path.startswith("/admin/")
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


def is_insights_reader(user) -> bool:
    """Insights readers (and administrators) read every community's figures."""
    return user.is_active and (
        user.is_superuser or user.groups.filter(name=INSIGHTS_READERS).exists()
    )


def team_paths(user) -> list[str]:
    """The tree paths of the communities whose team `user` is on."""
    return list(CommunityTeamMember.objects.filter(user=user).values_list("page__path", flat=True))


def subtree_filter(paths: list[str], field: str = "path") -> Q:
    """Pages at or below any of `paths`; a filter that matches nothing for no paths."""
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(**{f"{field}__startswith": path})
    return condition


def readable_communities(user) -> QuerySet:
    """The communities whose figures `user` may read: all for readers, else their teams' subtrees."""
    if not user.is_authenticated or not user.is_active:
        return CommunityPage.objects.none()
    if is_insights_reader(user):
        return CommunityPage.objects.all()
    return CommunityPage.objects.filter(subtree_filter(team_paths(user)))


def can_read_insights(user) -> bool:
    return user.is_authenticated and (
        is_insights_reader(user) or CommunityTeamMember.objects.filter(user=user).exists()
    )
