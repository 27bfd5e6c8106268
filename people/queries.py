"""What the people pages read, in a fixed number of queries whatever the data size."""

from django.contrib.auth import get_user_model
from django.db.models import Count, F, Q, QuerySet
from django.template.loader import get_template

from communities.models import CommunityPage, CommunityTeamMember, DiscussionPage, Membership
from communities.queries import paginate
from conversation.queries import recent_comments_by, with_comment_counts
from guides.queries import owned_guides
from intranet.caching import PROFILES, cached_block
from intranet.site_lookup import SITES_TOPIC
from intranet.view_restrictions import outside, private_places
from people.models import Profile, ProfileExpertise

PEOPLE_PER_PAGE = 24
# The longest the cached lists below are kept, should a change go unnoticed.
CACHE_LIFE = 60 * 60
RECENT_DISCUSSIONS = 5
SUGGESTIONS = 6


def person_with_profile(user_id: int):
    """A person with their profile, for a link to them with their face.

    Kept until anyone's name or face changes; without the password's hash,
    which has no business in a cache.
    """
    return cached_block(
        f"person-with-profile:{user_id}",
        (PROFILES,),
        lambda: (
            get_user_model()
            .objects.select_related("profile")
            .defer("password")
            .filter(pk=user_id)
            .first()
        ),
        CACHE_LIFE,
    )


def active_profiles() -> QuerySet:
    """Everyone still here; people marked as having left drop out of the directory."""
    return Profile.objects.filter(user__is_active=True)


def directory(
    q: str = "", department: str = "", location: str = "", community: int | None = None
) -> QuerySet:
    """The directory's people, searched by name, job title or expertise and filtered."""
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
    if community is not None:
        people = people.filter(
            user_id__in=Membership.objects.filter(community_id=community).values("user_id")
        )
    return people.select_related("user").with_expertise().order_by("display_name", "pk")


def directory_results(people: QuerySet, number: int, query_string: str) -> tuple[int, str]:
    """Page `number` of `people` (or the nearest), rendered, with the number of the page shown;
    its links keep the search and filters."""
    page = paginate(people, number, PEOPLE_PER_PAGE)
    return page.number, get_template("people/includes/directory_results.html").render(
        {"people": page, "query_string": query_string}
    )


def distinct_values(field: str) -> list[str]:
    """The departments (or locations) people are in, for the directory's filters."""
    return list(
        active_profiles()
        .exclude(**{field: ""})
        .values_list(field, flat=True)
        .distinct()
        .order_by(field)
    )


def filter_values() -> dict[str, list[str]]:
    """The departments and locations the directory filters on, kept until a profile or an
    account changes (`people.signals`).

    Reading them means reading every profile: on a large organisation that was
    most of the directory's time, for lists that rarely change.
    """
    return cached_block(
        "directory-filters",
        (PROFILES,),
        lambda: {field: distinct_values(field) for field in ("department", "location")},
        CACHE_LIFE,
    )


# A person's sections are the same for every reader, and kept until one of
# these changes: their profile or expertise (or anyone's name), a membership or
# a team, a page published or a comment posted, edited or hidden.
SECTIONS_TOPICS = (PROFILES, "memberships", "discussions", SITES_TOPIC)
# Seconds kept even if no signal says they changed: an expertise tag deleted
# from the admin sends none.
SECTIONS_LIFETIME = 10 * 60
RECENT_COMMENTS = 5


def person_sections(profile: Profile, request) -> str:
    """The about, communities, discussions, guides and comments of a person's page, rendered.

    The request only tells page links which site they are written for.
    """
    user = profile.user
    return get_template("people/includes/person_sections.html").render(
        {
            "request": request,
            "profile": profile,
            "expertise": profile.expertise_tags,
            "communities": person_communities(user),
            "discussions": recent_discussions(user),
            "comments": recent_comments_by(user, RECENT_COMMENTS),
            "owned_guides": outside(owned_guides(user), private_places()),
        }
    )


def open_communities() -> QuerySet:
    """The live communities anyone may open: what a person's page, kept for every reader,
    says of their communities."""
    return outside(CommunityPage.objects.live(), private_places())


def person_communities(user) -> list[dict]:
    """The live communities a person belongs to or helps run, with their team role; those
    behind a view restriction stay out, as on every list kept for all readers."""
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
    """The person's latest discussions that anyone may read: kept for every reader, so none
    behind a view restriction (nor an alias of one)."""
    discussions = outside(DiscussionPage.objects.live(), private_places()).filter(author=user)
    return with_comment_counts(discussions).order_by("-first_published_at")[:RECENT_DISCUSSIONS]


def people_to_know(profile: Profile, viewer) -> list[Profile]:
    """Colleagues who share communities or expertise with this person, most in common first.

    The visitor is left out: on a colleague's page, they already know themselves.
    The ranking reads every member of the person's communities, so it is kept
    until memberships or profiles change (`home.signals`, `people.signals`);
    then one query loads the few people ranked first.
    """
    ranked = cached_block(
        f"people-to-know:{profile.pk}",
        ("memberships", PROFILES),
        lambda: _ranked_colleagues(profile),
        CACHE_LIFE,
    )
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
    # Kept for every reader: a community behind a view restriction counts for nothing.
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
