"""Search in the admin: who reads the query report and the answers, who edits synonyms."""

import pytest

from django.contrib.auth.models import Group
from django.utils import timezone

from intranet.factories import UserFactory
from intranet.roles import COMMUNICATORS, INSIGHTS_READERS
from search.models import SearchFeedback, SearchQueryDay, SearchSynonym

pytestmark = pytest.mark.django_db

REPORTS = ("/admin/reports/searches/", "/admin/reports/searches/no-results/")


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def member_of(group_name, username):
    user = UserFactory(username=username)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def queries(db):
    today = timezone.localdate()
    SearchQueryDay.objects.create(day=today, query_string="leave", searches=7)
    SearchQueryDay.objects.create(
        day=today - timezone.timedelta(days=1), query_string="leave", searches=3, zero_results=1
    )
    SearchQueryDay.objects.create(day=today, query_string="unicorns", searches=2, zero_results=2)
    # Older than the report's thirty days.
    SearchQueryDay.objects.create(
        day=today - timezone.timedelta(days=40), query_string="ancient", searches=99
    )


@pytest.mark.parametrize("role", ["communicator", "insights reader", "superuser"])
def test_the_query_reports_open_for_the_listening_roles(client, queries, role):
    user = {
        "communicator": lambda: member_of(COMMUNICATORS, "carl"),
        "insights reader": lambda: member_of(INSIGHTS_READERS, "dana"),
        "superuser": lambda: UserFactory(username="admin", is_superuser=True),
    }[role]()
    client.force_login(user)
    for url in REPORTS:
        response = client.get(url)
        assert response.status_code == 200, url


def test_an_employee_cannot_read_the_reports(employee_client, queries):
    for url in REPORTS:
        response = employee_client.get(url)
        assert response.status_code in (302, 403), url
        assert "unicorns" not in response.content.decode()
        assert employee_client.get(url + "?export=csv").status_code in (302, 403)


def test_a_community_owner_with_admin_access_cannot_read_them(client, queries, make_community):
    olivia = UserFactory(username="olivia")
    make_community(lead=olivia)
    client.force_login(olivia)
    for url in REPORTS:
        response = client.get(url)
        assert "unicorns" not in response.content.decode()
        assert response.status_code in (302, 403), url


def test_the_top_searches_add_up_the_last_thirty_days(client, queries):
    client.force_login(member_of(INSIGHTS_READERS, "dana"))
    response = client.get(REPORTS[0] + "?export=csv")
    assert response.status_code == 200
    lines = body(response).decode().strip().splitlines()
    assert lines == [
        "Query,Searches,Searches with no results",
        "leave,10,1",
        "unicorns,2,2",
    ]


def test_the_zero_result_report_lists_only_queries_that_found_nothing(client, queries):
    client.force_login(member_of(INSIGHTS_READERS, "dana"))
    lines = body(client.get(REPORTS[1] + "?export=csv")).decode().strip().splitlines()
    assert lines[1:] == ["unicorns,2,2", "leave,10,1"]


def test_the_reports_export_to_excel(client, queries):
    client.force_login(member_of(COMMUNICATORS, "carl"))
    response = client.get(REPORTS[0] + "?export=xlsx")
    assert response.status_code == 200
    assert "spreadsheetml" in response["Content-Type"]
    assert body(response)[:2] == b"PK"


def test_communicators_edit_synonyms_and_employees_cannot(client, employee_client):
    url = "/admin/snippets/search/searchsynonym/add/"
    assert employee_client.post(url, {"words": "pc, laptop"}).status_code in (302, 403)
    assert not SearchSynonym.objects.exists()
    client.force_login(member_of(COMMUNICATORS, "carl"))
    response = client.post(url, {"words": "PC, laptop"})
    assert response.status_code == 302
    assert SearchSynonym.objects.get().words == "pc, laptop"
    refused = client.post(url, {"words": "laptop"})
    assert refused.status_code == 200
    assert SearchSynonym.objects.count() == 1


def test_communicators_reach_exclusions_and_pinned_results(client):
    client.force_login(member_of(COMMUNICATORS, "carl"))
    assert client.get("/admin/snippets/search/searchexclusion/").status_code == 200
    assert client.get("/admin/snippets/search/searchexclusion/add/").status_code == 200
    assert client.get("/admin/searchpicks/").status_code == 200
    assert client.get("/admin/searchpicks/add/").status_code == 200


def test_insights_readers_cannot_edit_search_settings(client):
    client.force_login(member_of(INSIGHTS_READERS, "dana"))
    assert client.get("/admin/snippets/search/searchsynonym/add/").status_code in (302, 403)
    assert client.get("/admin/searchpicks/add/").status_code in (302, 403)


@pytest.mark.parametrize("group", [COMMUNICATORS, INSIGHTS_READERS])
def test_the_answers_are_listed_for_the_listening_roles(client, group):
    SearchFeedback.objects.create(query="unicorns", text="The unicorn policy.")
    client.force_login(member_of(group, "reader"))
    response = client.get("/admin/search/searchfeedback/")
    assert response.status_code == 200
    assert "The unicorn policy." in response.content.decode()


def test_an_employee_cannot_list_the_answers(employee_client):
    SearchFeedback.objects.create(query="unicorns", text="The unicorn policy.")
    response = employee_client.get("/admin/search/searchfeedback/")
    assert response.status_code in (302, 403)
    assert "unicorn policy" not in response.content.decode()
