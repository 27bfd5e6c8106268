"""The dashboard cached between requests: shared by readers of the same communities, never by
others, and stale as soon as the roll-up or the tree changes."""

import re

import pytest

from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from communities.factories import CommunityPageFactory, CommunityTeamMemberFactory
from insights.models import CommunityDay, PageDay
from insights.rollups import rollup_day
from intranet.factories import UserFactory
from intranet.roles import INSIGHTS_READERS
from tests.communities.conftest import publish
from tests.insights.days import yesterday

pytestmark = pytest.mark.django_db

DASHBOARD = "/admin/insights/"
# The roll-ups the dashboard's figures are read from.
FIGURE_TABLES = ('"insights_communityday"', '"insights_searchday"')


def get(client, user, url=DASHBOARD):
    """The dashboard as `user` sees it, and the figure queries it took."""
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    figures = [q["sql"] for q in queries if any(table in q["sql"] for table in FIGURE_TABLES)]
    return response, len(queries), figures


def picker(response) -> set[str]:
    html = response.content.decode()
    select = html.split('id="insights-community"', 1)[1].split("</select>", 1)[0]
    # The communities offered; "Whole intranet" (value "") is not one.
    titles = re.findall(r'<option value="\d+"[^>]*>([^<]+)</option>', select)
    return {re.sub(r"^(– )*", "", t).strip() for t in titles}


def comparison_row(response, title: str) -> list[str]:
    row = response.content.decode().split(f">{title}</a></th>", 1)[1].split("</tr>", 1)[0]
    return re.findall(r"<td>([^<]*)</td>", row)


@pytest.fixture
def second_reader(db):
    user = UserFactory(username="rita")
    user.groups.add(Group.objects.get(name=INSIGHTS_READERS))
    return user


@pytest.fixture
def other_owner(db):
    return UserFactory(username="oscar")


@pytest.fixture
def theirs(make_community, other_owner):
    """A community the owner is not on the team of."""
    return make_community(title="Runners", lead=other_owner)


@pytest.fixture
def measured(community, theirs):
    """Yesterday's roll-up of both communities."""
    for one, views in ((community, 40), (theirs, 60)):
        CommunityDay.objects.create(
            community=one, day=yesterday(), members=12, views=views, last_activity=yesterday()
        )


def test_a_second_reader_of_every_community_gets_the_cached_dashboard(
    client, reader, second_reader, measured
):
    first, first_cost, first_figures = get(client, reader)
    assert first.status_code == 200 and first_figures
    second, second_cost, second_figures = get(client, second_reader)
    assert second.status_code == 200
    assert second_figures == [] and second_cost < first_cost
    assert picker(second) == {"Cyclists", "Runners"}
    assert "chart-searches" in second.content.decode()


def test_owners_on_the_same_team_share_their_dashboard(client, owner, community, measured):
    facilitator = UserFactory(username="fatima")
    CommunityTeamMemberFactory(page=community, user=facilitator)
    publish(community)
    assert get(client, owner)[2]
    response, _cost, figures = get(client, facilitator, f"{DASHBOARD}?community={community.pk}")
    assert response.status_code == 200 and figures == []


@pytest.mark.parametrize("reader_first", [True, False])
def test_an_owner_never_sees_the_dashboard_cached_for_a_reader_of_all(
    client, reader, owner, measured, reader_first
):
    def as_reader():
        response = get(client, reader)[0]
        assert picker(response) == {"Cyclists", "Runners"}
        assert "chart-searches" in response.content.decode()

    def as_owner():
        response = get(client, owner)[0]
        assert picker(response) == {"Cyclists"}
        html = response.content.decode()
        assert "Runners" not in html and "chart-searches" not in html

    for look in (as_reader, as_owner) if reader_first else (as_owner, as_reader):
        look()


def test_an_owner_of_a_sub_community_never_sees_the_dashboard_of_its_parent(
    client, make_community, owner, measured, community
):
    night_lead = UserFactory(username="nina")
    make_community(parent=community, title="Night riders", lead=night_lead)
    assert picker(get(client, owner)[0]) == {"Cyclists", "Night riders"}
    assert picker(get(client, night_lead)[0]) == {"Night riders"}


def test_someone_elses_community_is_refused_even_once_cached(
    client, reader, owner, employee, theirs, measured
):
    url = f"{DASHBOARD}?community={theirs.pk}"
    assert get(client, reader, url)[0].status_code == 200
    assert get(client, owner, url)[0].status_code == 403
    assert get(client, employee)[0].status_code == 403


def test_the_roll_up_makes_the_cached_dashboard_stale(
    client, reader, measured, django_capture_on_commit_callbacks
):
    assert comparison_row(get(client, reader)[0], "Cyclists")[3] == "40"
    with django_capture_on_commit_callbacks(execute=True):
        # Nobody read anything yesterday: counted again, the views fall under five.
        rollup_day(yesterday())
    assert comparison_row(get(client, reader)[0], "Cyclists")[3] == "&lt; 5"


def test_a_community_renamed_and_published_makes_the_cached_dashboard_stale(
    client, reader, community, measured
):
    PageDay.objects.create(page=community, day=yesterday(), views=30)
    get(client, reader)
    community.title = "Cyclists and walkers"
    publish(community)
    response = get(client, reader)[0]
    assert "Cyclists and walkers" in picker(response)
    assert comparison_row(response, "Cyclists and walkers")
    top = response.content.decode().split('id="insights-top-content"', 1)[1]
    assert ">Cyclists and walkers</a></th>" in top.split("</section>", 1)[0]


def test_a_draft_community_joins_the_cached_list(client, reader, home, measured):
    get(client, reader)
    CommunityPageFactory(parent=home, title="Walkers", live=False)
    assert picker(get(client, reader)[0]) == {"Cyclists", "Runners", "Walkers"}


def test_a_new_team_member_reads_their_new_community_at_once(client, owner, theirs, measured):
    assert picker(get(client, owner)[0]) == {"Cyclists"}
    CommunityTeamMemberFactory(page=theirs, user=owner)
    response = get(client, owner, f"{DASHBOARD}?community={theirs.pk}")[0]
    assert response.status_code == 200
    assert picker(response) == {"Cyclists", "Runners"}


def test_a_comparison_page_past_the_last_shows_the_last_cached_under_its_own_number(
    client, reader, measured
):
    past = f"{DASHBOARD}?compared=99"
    response, _cost, figures = get(client, reader, past)
    assert response.status_code == 200 and figures
    # The last page, as `Paginator.get_page` gives it.
    assert comparison_row(response, "Runners")
    for url in (past, DASHBOARD, f"{DASHBOARD}?compared=1"):
        assert get(client, reader, url)[2] == []
