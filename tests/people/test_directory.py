"""The directory at /people/ and a person's page."""

import re

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail import hooks

from communities.factories import (
    CommunityPageFactory,
    CommunityTeamMemberFactory,
    DiscussionPageFactory,
    MembershipFactory,
)
from communities.models import TeamRole
from people.contributions import DIRECTORY_FILTERS, DirectoryFilter
from people.factories import PersonFactory
from people.models import Discipline
from people.queries import PEOPLE_PER_PAGE

pytestmark = pytest.mark.django_db

DIRECTORY = reverse("people:directory")


def names(response):
    return [profile.display_name for profile in response.context["people"]]


def person(username, name, title, department, location, expertise):
    return PersonFactory(
        username=username,
        profile__display_name=name,
        profile__job_title=title,
        profile__department=department,
        profile__location=location,
        expertise=expertise,
    )


@pytest.fixture
def staff(db):
    return {
        "ana": person(
            "ana", "Ana Silva", "Security engineer", "IT", "Lisbon", ["phishing", "networks"]
        ),
        "ben": person("ben", "Ben Okoro", "Payroll officer", "Finance", "Lagos", ["payroll"]),
        "cleo": person("cleo", "Cleo Martin", "Recruiter", "HR", "Lisbon", ["interviews"]),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("silva", ["Ana Silva"]),  # name
        ("payroll off", ["Ben Okoro"]),  # job title, every word must match
        ("PHISH", ["Ana Silva"]),  # expertise, any case
        ("interview", ["Cleo Martin"]),
        ("nobody-matches", []),
    ],
)
def test_search_by_name_title_or_expertise(employee_client, staff, query, expected):
    response = employee_client.get(DIRECTORY, {"q": query})
    assert response.status_code == 200
    assert names(response) == expected


def test_a_person_matching_two_tags_is_listed_once(employee_client, staff):
    staff["ana"].profile.expertise.add("network security", "networking")
    assert names(employee_client.get(DIRECTORY, {"q": "network"})) == ["Ana Silva"]


def test_filters_by_department_location_and_community(employee_client, staff, home):
    community = CommunityPageFactory(parent=home, title="Security champions")
    MembershipFactory(user=staff["ana"], community=community)
    MembershipFactory(user=staff["ben"], community=community)

    assert names(employee_client.get(DIRECTORY, {"location": "Lisbon"})) == [
        "Ana Silva",
        "Cleo Martin",
    ]
    assert names(employee_client.get(DIRECTORY, {"department": "HR"})) == ["Cleo Martin"]
    assert names(employee_client.get(DIRECTORY, {"community": community.pk})) == [
        "Ana Silva",
        "Ben Okoro",
    ]
    response = employee_client.get(
        DIRECTORY, {"community": community.pk, "location": "Lisbon", "q": "engineer"}
    )
    assert names(response) == ["Ana Silva"]
    assert response.context["form"].fields["department"].choices[1:] == [
        ("Finance", "Finance"),
        ("HR", "HR"),
        ("IT", "IT"),
    ]


class InitialFilter(DirectoryFilter):
    """A filter an app above people could add: people by the initial of their name."""

    name = "initial"
    label = "Initial"

    def choices(self, kept_out):
        return [("A", "A"), ("B", "B")]

    def filter(self, people, value):
        return people.filter(display_name__startswith=value)


def test_an_app_above_people_adds_a_filter_through_a_hook(employee_client, staff):
    with hooks.register_temporarily(DIRECTORY_FILTERS, InitialFilter, order=1):
        response = employee_client.get(DIRECTORY, {"initial": "B"})
    assert names(response) == ["Ben Okoro"]
    html = response.content.decode()
    # After the community filter, which the communities app adds.
    assert html.index('<select name="community"') < html.index('<select name="initial"')
    assert '<option value="B" selected>' in html


@pytest.mark.parametrize(
    "params",
    [{"community": "abc"}, {"community": "999999"}, {"department": "Nowhere"}],
)
def test_a_bad_filter_in_the_url_is_reported_and_ignored(employee_client, staff, params):
    response = employee_client.get(DIRECTORY, params)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert "Select a valid choice" in response.content.decode()
    assert len(names(response)) == 4  # the three and the visitor


def test_people_who_left_are_not_in_the_directory(employee_client, staff):
    staff["ben"].is_active = False
    staff["ben"].save()
    assert "Ben Okoro" not in names(employee_client.get(DIRECTORY))


def test_the_directory_is_paginated_and_keeps_the_filters(employee_client, employee):
    PersonFactory.create_batch(PEOPLE_PER_PAGE + 1, profile__location="Oslo")
    response = employee_client.get(DIRECTORY, {"location": "Oslo", "page": 2})
    assert len(names(response)) == 1
    assert "location=Oslo&amp;page=1" in response.content.decode()
    # A page number out of range shows the last page instead of an error.
    assert employee_client.get(DIRECTORY, {"page": "999"}).status_code == 200


def test_each_person_is_listed_with_their_expertise(employee_client, staff):
    html = employee_client.get(DIRECTORY, {"q": "Ana"}).content.decode()
    assert "<li>networks</li><li>phishing</li>" in html


def filter_choices(client, name):
    """The values the directory's drop-down `name` offers, as the reader is shown them."""
    html = client.get(DIRECTORY).content.decode()
    select = re.search(f'<select name="{name}".*?</select>', html, re.DOTALL).group()
    return re.findall(r'<option value="([^"]*)"', select)


def test_the_filters_follow_profiles_and_accounts(employee_client, staff):
    assert filter_choices(employee_client, "department") == ["", "Finance", "HR", "IT"]
    assert filter_choices(employee_client, "department") == ["", "Finance", "HR", "IT"]

    profile = staff["ben"].profile
    profile.department = "Payroll"
    profile.save()
    assert filter_choices(employee_client, "department") == ["", "HR", "IT", "Payroll"]

    staff["cleo"].is_active = False
    staff["cleo"].save()
    assert filter_choices(employee_client, "department") == ["", "IT", "Payroll"]
    assert filter_choices(employee_client, "location") == ["", "Lagos", "Lisbon"]


def test_everyone_is_listed_from_the_cached_pages_until_a_profile_changes(employee_client, staff):
    employee_client.get(DIRECTORY)
    with CaptureQueriesContext(connection) as queries:
        html = employee_client.get(DIRECTORY).content.decode()
    assert "Ana Silva" in html
    assert not [query for query in queries if 'FROM "people_profile"' in query["sql"]]

    profile = staff["ana"].profile
    profile.display_name = "Ana Sousa"
    profile.save()
    html = employee_client.get(DIRECTORY).content.decode()
    assert "Ana Sousa" in html
    assert "Ana Silva" not in html
    # A search is never served from the cached pages.
    assert "Ana Sousa" in employee_client.get(DIRECTORY, {"q": "Sousa"}).content.decode()


def test_a_page_of_people_past_the_last_is_shown_as_the_last(employee_client, staff):
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            html = employee_client.get(DIRECTORY, {"page": 999}).content.decode()
        assert "Ana Silva" in html
        assert [query for query in queries if 'FROM "people_profile"' in query["sql"]]


def test_the_header_links_to_the_directory(employee_client):
    response = employee_client.get(DIRECTORY)
    assert f'href="{DIRECTORY}" aria-current="page"' in response.content.decode()


# A person's page


def test_a_persons_page_shows_their_profile_communities_and_discussions(
    employee_client, staff, home
):
    ana = staff["ana"]
    ana.profile.bio = "Ten years in networks."
    ana.profile.phone = "+351 21 000"
    ana.profile.save()
    led = CommunityPageFactory(parent=home, title="Cyber security")
    CommunityTeamMemberFactory(page=led, user=ana, discipline=Discipline.IT, role=TeamRole.LEAD)
    joined = CommunityPageFactory(parent=home, title="Running club")
    MembershipFactory(user=ana, community=joined)
    draft = CommunityPageFactory(parent=home, title="Secret plans", live=False)
    MembershipFactory(user=ana, community=draft)
    DiscussionPageFactory(parent=joined, author=ana, title="Sunday 10k?")

    response = employee_client.get(reverse("people:person", args=["ana"]))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Ana Silva" in content
    assert "Security engineer" in content
    assert "Ten years in networks." in content
    assert "+351 21 000" in content
    assert content.index("Cyber security") < content.index("Running club")
    assert "Lead in the team · IT" in content
    assert "Secret plans" not in content
    assert "Sunday 10k?" in content


def suggested(response) -> list[str]:
    """The names under "People you may want to know", as the reader is shown them."""
    html = response.content.decode()
    if 'id="to-know-heading"' not in html:
        return []
    section = html[
        html.index('id="to-know-heading"') : html.index(
            "</section>", html.index('id="to-know-heading"')
        )
    ]
    return re.findall(r'<span class="person-link__name">([^<]*)</span>', section)


def test_people_you_may_want_to_know_come_from_shared_communities_and_expertise(
    employee_client, staff, home
):
    ana, ben, cleo = staff["ana"], staff["ben"], staff["cleo"]
    one, two = (CommunityPageFactory(parent=home) for _ in range(2))
    for community in (one, two):
        MembershipFactory(user=ana, community=community)
        MembershipFactory(user=ben, community=community)
    stranger = PersonFactory(profile__display_name="Dee Stranger")
    cleo.profile.expertise.add("phishing")

    response = employee_client.get(reverse("people:person", args=["ana"]))
    assert suggested(response) == ["Ben Okoro", "Cleo Martin"]
    assert stranger.profile.display_name not in response.content.decode()
    assert "2 communities in common" in response.content.decode()
    assert "1 shared expertise" in response.content.decode()


def test_the_visitor_is_not_suggested_to_themselves(employee_client, employee, staff, home):
    community = CommunityPageFactory(parent=home)
    for person in (staff["ana"], staff["ben"], employee):
        MembershipFactory(user=person, community=community)
    response = employee_client.get(reverse("people:person", args=["ana"]))
    assert suggested(response) == ["Ben Okoro"]


def test_people_to_know_follow_memberships_and_expertise(
    client, employee_client, employee, staff, home
):
    ana, ben, cleo = staff["ana"], staff["ben"], staff["cleo"]
    community = CommunityPageFactory(parent=home)
    for person in (ana, ben):
        MembershipFactory(user=person, community=community)
    page = reverse("people:person", args=["ana"])

    def known(visitor_client):
        return suggested(visitor_client.get(page))

    assert known(employee_client) == ["Ben Okoro"]
    assert known(employee_client) == ["Ben Okoro"]

    MembershipFactory(user=cleo, community=community)
    assert known(employee_client) == ["Ben Okoro", "Cleo Martin"]
    ben.profile.expertise.add("phishing")
    assert known(employee_client) == ["Ben Okoro", "Cleo Martin"]
    assert "1 shared expertise" in employee_client.get(page).content.decode()
    # Each visitor is left out of their own list.
    client.force_login(ben)
    assert known(client) == ["Cleo Martin"]
