"""What the community pages read, in a fixed number of queries whatever the data size."""

from typing import NamedTuple

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.template.loader import get_template

from communities import services
from communities.models import CommunityPage, DiscussionPage, Membership
from conversation.queries import with_comment_counts
from intranet.breadcrumbs import breadcrumb
from intranet.caching import PROFILES, digest
from intranet.counting import count_of
from intranet.paging import cached_page
from intranet.site_lookup import SITES_TOPIC, site_key
from intranet.view_restrictions import kept_out, outside

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


def paginate(items, number, per_page: int) -> PaginatorPage:
    # get_page() turns a missing, malformed or out-of-range number into a
    # sensible page instead of an error.
    return Paginator(items, per_page).get_page(number)


def communities_with_member_counts() -> QuerySet:
    return (
        CommunityPage.objects.live()
        .annotate(member_count=count_of(Membership.objects.all(), "community"))
        .order_by("title")
    )


# The community page's lists are the same for everyone and kept until one of
# these changes: a page published (a discussion, a guide, a sub-community, the
# team), a comment, a membership or a team, someone's name or face.
LISTS_TOPICS = ("discussions", "memberships", "completions", PROFILES, SITES_TOPIC)
# Seconds kept even if no signal says the lists changed: a comment hidden by a
# moderator (an update(), no signal) is counted out within this time.
LISTS_LIFETIME = 10 * 60


def community_lists(
    community: CommunityPage, number: int, request, below: tuple[str, ...] = ()
) -> tuple[int, dict]:
    """The team, members, sub-communities, guides and page `number` of the discussions (or the
    nearest), rendered; with the number of the page shown.

    They leave out the places `below` the community that the reader is kept out
    of (`places_kept_out_below`), and hold nothing else of the reader's own: the
    request only tells page links which site they are written for.
    """
    # Imported here: the guides app builds on communities, not the other way round.
    from guides.queries import community_guides

    members = Membership.objects.filter(community=community)
    discussions = (
        with_comment_counts(outside(DiscussionPage.objects.child_of(community), below))
        .live()
        .select_related("author__profile")
        .order_by("-first_published_at")
    )
    member_count = members.count()
    context = {
        "request": request,
        "page": community,
        "team": community.team_members.select_related("user__profile").order_by("sort_order"),
        "member_count": member_count,
        "member_preview": members.select_related("user__profile")[:MEMBER_PREVIEW_SIZE],
        "sub_communities": outside(communities_with_member_counts().child_of(community), below),
        "guides": community_guides(community, below),
        "discussions": paginate(discussions, number, DISCUSSIONS_PER_PAGE),
    }
    return context["discussions"].number, {
        "member_count": member_count,
        "lists_html": get_template("communities/includes/community_lists.html").render(context),
        "discussions_html": get_template("communities/includes/community_discussions.html").render(
            context
        ),
    }


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
        "shared": cached_page(
            f"community:{community.pk}:{digest(below)}:{site_key(request)}",
            request.GET.get("page"),
            LISTS_TOPICS,
            lambda number: community_lists(community, number, request, below),
            LISTS_LIFETIME,
        ),
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
