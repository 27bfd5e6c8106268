"""What the people pages read, in a fixed number of queries whatever the data size."""

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils.functional import SimpleLazyObject

from intranet.paging import page_number, paginate
from people.contributions import directory_filters
from people.models import Profile, ProfileExpertise

PEOPLE_PER_PAGE = 24


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


# Choosing people, on a community's members page and in the admin's people chooser.

CHOOSER_MAX_LENGTH = 100
CHOOSER_MAX_WORDS = 4


def people_matching(people: QuerySet, query: str) -> QuerySet:
    """`people` (users) whose name, username, email or department holds every word of
    `query`, its first few words at most."""
    for word in query.strip()[:CHOOSER_MAX_LENGTH].split()[:CHOOSER_MAX_WORDS]:
        people = people.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(username__icontains=word)
            | Q(email__icontains=word)
            | Q(profile__display_name__icontains=word)
            | Q(profile__department__icontains=word)
        )
    return people


def choosable_people() -> QuerySet:
    """Active people with their profile, by name."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .select_related("profile")
        .order_by("first_name", "last_name", "username")
    )
