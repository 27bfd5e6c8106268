"""What the community pages read, in a fixed number of queries whatever the data size."""

from functools import cached_property
from typing import NamedTuple

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from communities import services
from communities.models import CommunityPage, DiscussionPage, Membership
from conversation.queries import with_comment_counts
from intranet.breadcrumbs import breadcrumb
from intranet.counting import count_of
from intranet.paging import page_number
from intranet.view_restrictions import kept_out, outside
from people.contributions import DirectoryFilter

DISCUSSIONS_PER_PAGE = 10
MEMBERS_PER_PAGE = 30
MEMBER_PREVIEW_SIZE = 8
SEARCH_MAX_LENGTH = 100


class CommunityValues(NamedTuple):
    """A community as a list, a picker or a link needs it, without building a page.

    An organisation has hundreds: search's community filter and the insights
    dashboard list every one on each request, from the cache, where page
    objects cost far more to build and to read back. A tuple, the lightest to
    read back.
    """

    pk: int
    title: str
    path: str
    depth: int


def community_values(communities: QuerySet) -> list[CommunityValues]:
    """`communities` in tree order, as values, in one query."""
    rows = communities.order_by("path").values_list("pk", "title", "path", "depth")
    return [CommunityValues(*row) for row in rows]


def communities_with_member_counts() -> QuerySet:
    return (
        CommunityPage.objects.live()
        .annotate(member_count=count_of(Membership.objects.all(), "community"))
        .order_by("title")
    )


class CommunityLists:
    """The team, members, sub-communities, guides and discussions of a community, each read
    the first time a template asks: `community_page.html` caches what they render.

    They leave out the places `below` the community that the reader is kept out
    of (`places_kept_out_below`), and hold nothing else of the reader's own.
    """

    def __init__(self, community: CommunityPage, below: tuple[str, ...], requested: int):
        self.community, self.below, self.requested = community, below, requested

    @cached_property
    def members(self) -> QuerySet:
        return Membership.objects.filter(community=self.community)

    @cached_property
    def member_count(self) -> int:
        return self.members.count()

    @cached_property
    def member_preview(self) -> QuerySet:
        return self.members.select_related("user__profile")[:MEMBER_PREVIEW_SIZE]

    @cached_property
    def team(self) -> QuerySet:
        return self.community.team_members.select_related("user__profile").order_by("sort_order")

    @cached_property
    def sub_communities(self) -> QuerySet:
        return outside(communities_with_member_counts().child_of(self.community), self.below)

    @cached_property
    def guides(self) -> QuerySet | list:
        # The guides app builds on communities, not the other way round: it
        # lists a community's guides through the "community_guides" hook.
        for community_guides in hooks.get_hooks("community_guides"):
            return community_guides(self.community, self.below)
        return []

    @cached_property
    def discussions_paginator(self) -> Paginator:
        children = DiscussionPage.objects.child_of(self.community)
        discussions = (
            with_comment_counts(outside(children, self.below))
            .live()
            .select_related("author__profile")
            .order_by("-first_published_at")
        )
        return Paginator(discussions, DISCUSSIONS_PER_PAGE)

    @cached_property
    def discussions_page(self) -> int:
        """The number of the page of discussions shown, to key its fragment on.

        The first page always exists; any other number costs a count, so that a
        number past the last is cached as the last page, never under its own.
        """
        if self.requested == 1:
            return 1
        return self.discussions.number

    @cached_property
    def discussions(self) -> PaginatorPage:
        return self.discussions_paginator.get_page(self.requested)


def places_kept_out_below(request, community: CommunityPage) -> tuple[str, ...]:
    """The places inside `community` (a sub-community, a discussion, a guide index behind a
    view restriction, or an alias of one) that the reader is kept out of."""
    return tuple(
        path
        for path in kept_out(request).pages
        if path.startswith(community.path) and path != community.path
    )


def community_page_context(request, community: CommunityPage) -> dict:
    user = request.user
    is_member = Membership.objects.filter(community=community, user=user).exists()
    is_on_team = services.is_on_team(user, community)
    below = places_kept_out_below(request, community)
    return {
        "breadcrumb": breadcrumb(community),
        # Readers kept out of the same places inside the community share its lists.
        "below": below,
        "lists": CommunityLists(community, below, page_number(request.GET.get("page"))),
        "is_member": is_member,
        "is_on_team": is_on_team,
        # The same rule as services.can_start_discussion, without asking twice.
        "can_start_discussion": is_member or is_on_team,
    }


def search_members(community: CommunityPage, query: str) -> QuerySet:
    # The profile comes along for each member's link and avatar (people's person_link).
    members = Membership.objects.filter(community=community).select_related("user__profile")
    for word in query.split():
        members = members.filter(
            Q(user__profile__display_name__icontains=word)
            | Q(user__first_name__icontains=word)
            | Q(user__last_name__icontains=word)
            | Q(user__username__icontains=word)
        )
    return members.order_by("user__first_name", "user__last_name", "user__username")


class DirectoryCommunityFilter(DirectoryFilter):
    """The directory's people in one community; one the reader may not open is not offered."""

    name = "community"
    label = _("Community")
    coerce = int

    def choices(self, kept_out: tuple[str, ...]) -> list[tuple]:
        communities = outside(CommunityPage.objects.live(), kept_out).order_by("title")
        return list(communities.values_list("pk", "title"))

    def filter(self, people: QuerySet, value) -> QuerySet:
        return people.filter(
            user_id__in=Membership.objects.filter(community_id=value).values("user_id")
        )
