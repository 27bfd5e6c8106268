"""What the people pages read, in a fixed number of queries whatever the data size."""

from functools import cached_property

from django.contrib.auth import get_user_model
from django.db.models import Count, F, Q, QuerySet
from django.utils.functional import SimpleLazyObject

from communities.models import CommunityPage, CommunityTeamMember, DiscussionPage, Membership
from conversation.queries import recent_comments_by, with_comment_counts
from guides.queries import owned_guides
from intranet.paging import page_number, paginate
from intranet.view_restrictions import outside, private_places
from people.contributions import directory_filters
from people.models import Profile, ProfileExpertise

PEOPLE_PER_PAGE = 24
RECENT_DISCUSSIONS = 5
SUGGESTIONS = 6


def person_with_profile(user_id: int):
    """A person with their profile, for a link to them with their face."""
    return get_user_model().objects.select_related("profile").filter(pk=user_id).first()


def active_profiles() -> QuerySet:
    """Everyone still here; people marked as having left drop out of the directory."""
    return Profile.objects.filter(user__is_active=True)


def directory(q: str = "", department: str = "", location: str = "", **contributed) -> QuerySet:
    """The directory's people, searched by name, job title or expertise and filtered.

    `contributed`: the values of the filters apps above people add
    (`people.contributions.DirectoryFilter`), by their names.
    """
    people = active_profiles()
    for word in q.split():
        # A subquery, not a join: a join on tags would repeat a person once per match.
        with_expertise = ProfileExpertise.objects.filter(tag__name__icontains=word).values(
            "content_object_id"
        )
        people = people.filter(
            Q(display_name__icontains=word)
            | Q(user__first_name__icontains=word)
            | Q(user__last_name__icontains=word)
            | Q(job_title__icontains=word)
            | Q(pk__in=with_expertise)
        )
    if department:
        people = people.filter(department=department)
    if location:
        people = people.filter(location=location)
    for directory_filter in directory_filters():
        if directory_filter.name in contributed:
            people = directory_filter.filter(people, contributed[directory_filter.name])
    return people.select_related("user").with_expertise().order_by("display_name", "pk")


def directory_page(people: QuerySet, requested: str | None):
    """The page of `people` the directory shows for the `requested` number, and its number.

    The first page, the usual one, is read only when it is rendered; any other
    is counted first, so that a number past the last is shown (and cached) as
    the last page's.
    """
    number = page_number(requested)
    if number == 1:
        return SimpleLazyObject(lambda: paginate(people, 1, PEOPLE_PER_PAGE)), 1
    page = paginate(people, number, PEOPLE_PER_PAGE)
    return page, page.number


def filter_values() -> dict[str, list[str]]:
    """The departments and locations people are in, for the directory's filters, in one query."""
    pairs = active_profiles().order_by().values_list("department", "location").distinct()
    departments, locations = set(), set()
    for department, location in pairs:
        departments.add(department)
        locations.add(location)
    return {
        "department": sorted(departments - {""}),
        "location": sorted(locations - {""}),
    }


RECENT_COMMENTS = 5


class PersonSections:
    """The about, communities, discussions, guides and comments of a person's page.

    The same for every reader, so none behind a view restriction; each list is
    read only when the page's cached fragment is rendered.
    """

    def __init__(self, profile: Profile):
        self.profile = profile
        self.user = profile.user

    @cached_property
    def expertise(self) -> list:
        return self.profile.expertise_tags

    @cached_property
    def communities(self) -> list[dict]:
        return person_communities(self.user)

    @cached_property
    def discussions(self) -> QuerySet:
        return recent_discussions(self.user)

    @cached_property
    def comments(self) -> QuerySet:
        return recent_comments_by(self.user, RECENT_COMMENTS)

    @cached_property
    def owned_guides(self) -> QuerySet:
        return outside(owned_guides(self.user), private_places())


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
