"""The reports: scoped to what the reader may see, masked, filtered by dates and exportable."""

import csv
import io
import re

import pytest
from openpyxl import load_workbook

from communities.factories import MembershipFactory
from communities.models import Visibility
from guides.factories import GuideIndexPageFactory
from insights.models import CommunityDay, PageDay
from intranet.factories import UserFactory
from tests.insights.days import days_ago, yesterday

pytestmark = pytest.mark.django_db

ENGAGEMENT = "/admin/reports/insights/engagement/"
STALE = "/admin/reports/insights/stale/"
UNCOMPLETED = "/admin/reports/insights/guides-not-completed/"


def exported(client, url):
    response = client.get(url, {"export": "csv"} if "?" not in url else None)
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def two_communities(make_community, owner):
    other_lead = UserFactory(username="odile")
    ours = make_community(lead=owner, title="Ours")
    theirs = make_community(lead=other_lead, title="Theirs")
    for community, views in ((ours, 30), (theirs, 50)):
        CommunityDay.objects.bulk_create(
            [
                CommunityDay(community=community, day=days_ago(n), members=12, views=views, joins=1)
                for n in range(1, 61)
            ]
        )
    return ours, theirs


def test_the_engagement_report_sums_the_last_four_weeks_by_default(client, two_communities, reader):
    client.force_login(reader)
    rows = exported(client, ENGAGEMENT)
    assert [row["Community"] for row in rows] == ["Ours", "Theirs"]
    assert rows[0]["Views"] == str(28 * 30)
    assert rows[0]["Members at the end"] == "12"
    # 28 joins show as they are; a count under five would not.
    assert rows[0]["Joined"] == "28"
    assert rows[0]["Left"] == "< 5"
    assert rows[0]["From"] == str(days_ago(28)) and rows[0]["To"] == str(yesterday())


def test_the_engagement_report_takes_a_date_range(client, two_communities, reader):
    client.force_login(reader)
    first, last = days_ago(10), days_ago(1)
    rows = exported(client, f"{ENGAGEMENT}?day_after={first}&day_before={last}&export=csv")
    assert rows[1]["Views"] == str(10 * 50)
    assert rows[1]["Joined"] == "10"
    # Four days: too few joins to show.
    rows = exported(client, f"{ENGAGEMENT}?day_after={days_ago(4)}&day_before={last}&export=csv")
    assert rows[1]["Joined"] == "< 5"


def test_a_bad_date_is_reported_on_the_filter(client, two_communities, reader):
    client.force_login(reader)
    response = client.get(ENGAGEMENT, {"day_after": "the 3rd"})
    assert response.status_code == 200
    assert "Enter a valid date" in response.content.decode()


def test_an_owner_sees_only_her_communities_in_every_report(
    client, two_communities, owner, make_guide
):
    ours, theirs = two_communities
    for community in (ours, theirs):
        index = GuideIndexPageFactory(parent=community, title=f"{community.title} guides")
        make_guide(parent=index, title=f"{community.title}' guide")
    client.force_login(owner)
    assert [row["Community"] for row in exported(client, ENGAGEMENT)] == ["Ours"]
    stale = {row["Page"] for row in exported(client, STALE)}
    assert "Ours" in stale and "Theirs" not in stale
    assert "Ours' guide" in stale and "Theirs' guide" not in stale
    assert {row["Page"] for row in exported(client, UNCOMPLETED)} == {"Ours' guide"}


def test_the_reports_refuse_employees_communicators_and_visitors(
    client, two_communities, communicator
):
    for url in (ENGAGEMENT, STALE, UNCOMPLETED, f"{ENGAGEMENT}?export=csv"):
        assert client.get(url).status_code == 302
        client.force_login(communicator)
        assert client.get(url).status_code == 403
        client.force_login(UserFactory())
        assert client.get(url).status_code == 403
        client.logout()


@pytest.fixture
def theirs_owned_and_unread(two_communities, owner):
    """The community "Theirs", owned by Olivia, with 3 views in the last days."""
    ours, theirs = two_communities
    theirs.content_owner = owner
    theirs.save()
    PageDay.objects.create(page=theirs, day=days_ago(5), views=3)
    return ours, theirs


def test_stale_content_lists_pages_with_few_views_and_their_owner(
    client, theirs_owned_and_unread, reader, owner
):
    ours, theirs = theirs_owned_and_unread
    PageDay.objects.create(page=ours, day=days_ago(5), views=40)
    # Read a lot, but before the 90 days.
    PageDay.objects.create(page=theirs, day=days_ago(120), views=400)
    client.force_login(reader)
    rows = {row["Page"]: row for row in exported(client, STALE)}
    assert "Ours" not in rows
    assert rows["Theirs"]["Views in 90 days"] == "< 5"
    assert rows["Theirs"]["Owner"] == "Olivia " + owner.last_name
    assert rows["Theirs"]["Owner's email"] == owner.email


def test_stale_content_names_no_page_of_a_secret_community_the_reader_is_not_in(
    client, make_community, make_guide, reader
):
    vault = make_community(title="Vault", visibility=Visibility.SECRET)
    plan = make_community(parent=vault, title="The secret plan")
    guide = make_guide(parent=vault, title="Vault handbook")
    readable = make_community(title="Open square")
    client.force_login(reader)
    for report in (STALE, UNCOMPLETED):
        shown = client.get(report).content.decode()
        rows = {row["Page"] for row in exported(client, report)}
        for hidden in (vault, plan, guide):
            assert hidden.title not in rows
            assert hidden.title not in shown
    assert readable.title in {row["Page"] for row in exported(client, STALE)}

    # A member reads them: they are listed.
    MembershipFactory(community=vault, user=reader)
    assert {vault.title, plan.title} <= {row["Page"] for row in exported(client, STALE)}
    assert guide.title in {row["Page"] for row in exported(client, UNCOMPLETED)}


def test_guides_nobody_completes_are_listed_with_their_owner(
    client, make_guide, reader, communicator
):
    done = make_guide(title="Read and done", content_owner=communicator)
    neglected = make_guide(title="Never finished", content_owner=communicator)
    PageDay.objects.create(page=done, day=days_ago(3), completions=2)
    PageDay.objects.create(page=neglected, day=days_ago(200), completions=9)
    client.force_login(reader)
    rows = {row["Page"]: row for row in exported(client, UNCOMPLETED)}
    assert "Read and done" not in rows
    assert rows["Never finished"]["Owner"].startswith("Cora")


def test_reports_export_as_xlsx_too(client, two_communities, reader):
    client.force_login(reader)
    response = client.get(ENGAGEMENT, {"export": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][0] == "Community"
    assert [row[0] for row in values[1:]] == ["Ours", "Theirs"]


def test_the_reports_menu_lists_insights_reports_for_readers(client, two_communities, reader):
    client.force_login(reader)
    html = client.get("/admin/").content.decode()
    for url in (ENGAGEMENT, STALE, UNCOMPLETED):
        assert url in html


def test_an_owner_of_no_community_sees_no_insights_reports(client, communicator):
    client.force_login(communicator)
    html = client.get("/admin/").content.decode()
    assert ENGAGEMENT not in html and STALE not in html


def screen_rows(client, url):
    """The report's table as a reader sees it: each row's cells, as text."""
    response = client.get(url)
    assert response.status_code == 200
    table = response.content.decode().split('<table class="listing', 1)[1]
    body = table.split("<tbody", 1)[1].split("</tbody>", 1)[0]
    return [
        [
            re.sub(r"<[^>]+>|\s+", " ", cell).strip()
            for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        ]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
    ]


def test_the_screen_shows_the_rows_and_masking_of_the_export(
    client, theirs_owned_and_unread, reader, owner
):
    client.force_login(reader)
    engagement = screen_rows(client, ENGAGEMENT)
    assert [row[0] for row in engagement] == ["Ours", "Theirs"]
    assert engagement[0][1:4] == ["12", "28", "&lt; 5"]
    assert engagement[0][4] == str(28 * 30)
    stale = {row[0]: row for row in screen_rows(client, STALE)}
    assert set(stale) == {row["Page"] for row in exported(client, STALE)}
    assert stale["Theirs"][1] == "Community"
    assert stale["Theirs"][2] == "Olivia " + owner.last_name
    assert stale["Theirs"][4] == "&lt; 5"


def test_the_export_buttons_are_in_sight_and_say_csv_and_excel(client, two_communities, reader):
    client.force_login(reader)
    for url in (ENGAGEMENT, STALE, UNCOMPLETED):
        html = client.get(url).content.decode()
        header = html.split('id="w-slim-header-buttons"', 1)[1].split("</nav>", 1)[0]
        # In the header itself, not in the "more" menu behind the dots.
        assert "icon-dots-horizontal" not in header
        assert re.search(r">\s*Download CSV\s*<", header)
        assert re.search(r">\s*Download Excel\s*<", header)


def test_csv_dates_are_iso_without_microseconds(client, make_guide, reader, communicator):
    make_guide(title="Never finished", content_owner=communicator)
    client.force_login(reader)
    row = next(r for r in exported(client, UNCOMPLETED) if r["Page"] == "Never finished")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", row["First published"])
