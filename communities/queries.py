"""What the community pages read, in a fixed number of queries whatever the data size."""

from functools import cached_property
from typing import NamedTuple

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Length, Substr
from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from communities import services
from communities.models import (
    CommunityPage,
    CommunityTeamMember,
    Decision,
    DiscussionPage,
    Invitation,
    JoinRequest,
    Membership,
)
from conversation.queries import with_comment_counts
from intranet.breadcrumbs import breadcrumb
from intranet.counting import count_of
from intranet.paging import page_number
from intranet.view_restrictions import kept_out, outside, private_places
from people.contributions import DirectoryFilter, PersonSection
from people.models import Profile, ProfileExpertise
from people.queries import active_profiles, choosable_people, people_matching
from people.services import default_display_name

DISCUSSIONS_PER_PAGE = 10
MEMBERS_PER_PAGE = 30
MEMBER_PREVIEW_SIZE = 8
SEARCH_MAX_LENGTH = 100
# The people chooser: a few characters before it asks, a few people in answer.
CHOOSER_MIN_LENGTH = 2
CHOOSER_RESULTS = 10


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
        # Leaving covers the team too (`services.leave_community`).
        "can_leave": is_member or any(path == community.path for path in services.team_paths(user)),
        **joining_context(user, community, is_member),
    }


def joining_context(user, community: CommunityPage, is_member: bool) -> dict:
    """How someone not yet in may join, for the community's page and its front door
    (`communities/includes/joining.html`): their invitation, or their request waiting."""
    return {
        "is_member": is_member,
        "invitation": None if is_member else _pending(Invitation, user, community),
        "has_asked": (
            not is_member
            and community.takes_requests()
            and _pending(JoinRequest, user, community) is not None
        ),
        "takes_requests": community.takes_requests(),
    }


def _pending(model, user, community: CommunityPage):
    return (
        model.objects.filter(user=user, community=community, status=Decision.PENDING)
        .select_related("invited_by" if model is Invitation else "user")
        .first()
    )


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


def find_people(query: str) -> list:
    """Active people whose name, email or department holds every word of `query`, a few
    at most, with their profile (for the chooser's second line). Empty for a query too
    short to say much."""
    if len(query.strip()) < CHOOSER_MIN_LENGTH:
        return []
    return list(people_matching(choosable_people(), query)[:CHOOSER_RESULTS])


def chooser_entry(person) -> dict:
    """What the chooser shows of one person: their name, and email and department to tell
    two namesakes apart."""
    profile = getattr(person, "profile", None)
    department = profile.department if profile else ""
    return {
        "id": person.pk,
        "name": default_display_name(person),
        "detail": " · ".join(part for part in (person.email, department) if part),
    }


def team_places(community: CommunityPage) -> dict[int, CommunityTeamMember]:
    """Who is on the community's own team, by user id, with their discipline and role: to
    mark them in its list of members and show their place in the form that changes it."""
    return {member.user_id: member for member in CommunityTeamMember.objects.filter(page=community)}


# What a person's page and the directory show of communities (people.contributions).

RECENT_DISCUSSIONS = 5
SUGGESTIONS = 6


def open_communities() -> QuerySet:
    """The live communities anyone may open: what a person's page, cached for every reader,
    says of their communities."""
    return outside(CommunityPage.objects.live(), private_places())


def person_communities(user) -> list[dict]:
    """The live communities a person belongs to or helps run, with their team role; those
    behind a view restriction stay out, as on every list cached for all readers."""
    shown = open_communities()
    teams = CommunityTeamMember.objects.filter(user=user, page__in=shown).select_related("page")
    memberships = (
        Membership.objects.filter(user=user, community__in=shown)
        .select_related("community")
        .order_by("community__title")
    )
    communities = {m.community_id: {"community": m.community, "team": None} for m in memberships}
    # A team member need not have joined: they belong to the community all the same.
    for team in teams:
        communities.setdefault(team.page_id, {"community": team.page, "team": None})["team"] = team
    return sorted(communities.values(), key=lambda item: item["community"].title)


def recent_discussions(user) -> QuerySet:
    """The person's latest discussions that anyone may read: cached for every reader, so none
    behind a view restriction (nor an alias of one)."""
    discussions = outside(DiscussionPage.objects.live(), private_places()).filter(author=user)
    return with_comment_counts(discussions).order_by("-first_published_at")[:RECENT_DISCUSSIONS]


class PersonCommunities(PersonSection):
    template_name = "communities/includes/person_communities.html"

    @cached_property
    def communities(self) -> list[dict]:
        return person_communities(self.user)


class PersonDiscussions(PersonSection):
    template_name = "communities/includes/person_discussions.html"

    @cached_property
    def discussions(self) -> QuerySet:
        return recent_discussions(self.user)


class PeopleToKnow(PersonSection):
    """Colleagues to know, on a person's page: the reader's own, as they are left out."""

    template_name = "communities/includes/people_to_know.html"

    def __init__(self, profile: Profile, request):
        super().__init__(profile)
        self.reader = request.user

    @cached_property
    def people(self) -> list[Profile]:
        return people_to_know(self.profile, self.reader)


def people_to_know(profile: Profile, viewer) -> list[Profile]:
    """Colleagues who share communities or expertise with this person, most in common first.

    The visitor is left out: on a colleague's page, they already know themselves.
    One query ranks them, one more loads the few ranked first.
    """
    ranked = _ranked_colleagues(profile)
    ranked = [row for row in ranked if row["user_id"] != viewer.pk][:SUGGESTIONS]
    people = Profile.objects.select_related("user").in_bulk([row["pk"] for row in ranked])
    suggestions = []
    # A person removed between the two queries simply drops out.
    for row in ranked:
        person = people.get(row["pk"])
        if person is None:
            continue
        person.shared_communities = row["shared_communities"]
        person.shared_expertise = row["shared_expertise"]
        suggestions.append(person)
    return suggestions


def _ranked_colleagues(profile: Profile) -> list[dict]:
    """The colleagues sharing most with `profile`: one more than is shown, so that one
    can be the visitor.

    Two indexed semi-joins find the candidates; what each shares is counted
    over plain joins grouped by the profile's key alone (correlated subqueries
    per candidate, and grouping by every column of the profile, made the page
    slower as the data grew); DISTINCT keeps the two joins from multiplying
    each other.
    """
    # The same for every reader: a community behind a view restriction counts for nothing.
    communities = Membership.objects.filter(
        user_id=profile.user_id, community__in=open_communities()
    ).values("community_id")
    tags = ProfileExpertise.objects.filter(content_object=profile).values("tag_id")
    return list(
        active_profiles()
        .exclude(pk=profile.pk)
        .filter(
            Q(user_id__in=Membership.objects.filter(community_id__in=communities).values("user_id"))
            | Q(pk__in=ProfileExpertise.objects.filter(tag_id__in=tags).values("content_object_id"))
        )
        .values("pk", "user_id")
        .annotate(
            shared_communities=Count(
                "user__memberships",
                filter=Q(user__memberships__community_id__in=communities),
                distinct=True,
            ),
            shared_expertise=Count(
                "expertise_items", filter=Q(expertise_items__tag_id__in=tags), distinct=True
            ),
        )
        .order_by((F("shared_communities") + F("shared_expertise")).desc(), "display_name", "pk")[
            : SUGGESTIONS + 1
        ]
    )


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


def community_title_of(path_field: str) -> Subquery:
    """The title of the nearest community at or above the page whose tree path is the
    field `path_field`: a subquery, so a listing names each row's community in its own
    query (`conversation.wagtail_hooks`)."""
    holding = CommunityPage.objects.filter(
        path=Substr(OuterRef(path_field), 1, Length("path"))
    ).order_by("-depth")
    return Subquery(holding.values("title")[:1])
