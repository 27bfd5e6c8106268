"""What the community pages read, in a fixed number of queries whatever the data size."""

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet

from communities import services
from communities.models import CommunityPage, DiscussionPage, Membership
from conversation.queries import with_comment_counts
from intranet.breadcrumbs import breadcrumb
from intranet.counting import count_of

DISCUSSIONS_PER_PAGE = 10
MEMBERS_PER_PAGE = 30
MEMBER_PREVIEW_SIZE = 8
SEARCH_MAX_LENGTH = 100


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


def community_page_context(request, community: CommunityPage) -> dict:
    # Imported here: the guides app builds on communities, not the other way round.
    from guides.queries import community_guides

    user = request.user
    team = community.team_members.select_related("user__profile").order_by("sort_order")
    members = Membership.objects.filter(community=community)
    discussions = (
        with_comment_counts(DiscussionPage.objects.child_of(community))
        .live()
        .select_related("author__profile")
        .order_by("-first_published_at")
    )
    # The count and whether the reader is among them, in one query.
    counted = members.aggregate(count=Count("pk"), mine=Count("pk", filter=Q(user=user)))
    is_member = counted["mine"] > 0
    is_on_team = services.is_on_team(user, community)
    return {
        "breadcrumb": breadcrumb(community),
        "team": team,
        "member_count": counted["count"],
        "member_preview": members.select_related("user__profile")[:MEMBER_PREVIEW_SIZE],
        "sub_communities": communities_with_member_counts().child_of(community),
        "guides": community_guides(community),
        "discussions": paginate(discussions, request.GET.get("page"), DISCUSSIONS_PER_PAGE),
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
