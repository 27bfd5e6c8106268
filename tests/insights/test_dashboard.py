"""The dashboard and the summary: who may read which community, and what they show."""

import datetime
import re

import pytest

from django.contrib.auth import get_user_model
from django.utils import timezone

from communities.models import CommunityPage
from insights.models import CommunityDay, HelpfulVote, PageDay
from intranet.demo import DEMO_PEOPLE

pytestmark = pytest.mark.django_db

DASHBOARD = "/admin/insights/"


def summary_url(community):
    return f"/admin/insights/summary/{community.pk}/"


def signed_in(client, username):
    client.force_login(get_user_model().objects.get(username=username))
    return client


def picker(html):
    """The communities offered in the dashboard's picker, by title."""
    select = html.split('id="insights-community"', 1)[1].split("</select>", 1)[0]
    return {
        re.sub(r"^(– )*", "", title).strip()
        # The communities offered; "Whole intranet" (value "") is not one.
        for title in re.findall(r'<option value="\d+"[^>]*>([^<]+)</option>', select)
    }


def community(title):
    return CommunityPage.objects.get(title=title)


OLIVIAS = {
    "IT and Digital",
    "Cyber security",
    "Customers and Sales",
    "Key accounts",
    "Public sector accounts",
    "Leadership forum",
    "Project Aurora",
}


def test_a_community_owner_reads_the_communities_of_her_teams_and_below(client, seeded):
    response = signed_in(client, "olivia").get(DASHBOARD)
    assert response.status_code == 200
    html = response.content.decode()
    assert picker(html) == OLIVIAS
    # Twelve weeks of history from the demo: charts with an accessible name and a table.
    assert html.count('role="img"') == 4
    assert '<title id="chart-reading-title">Views and unique viewers</title>' in html
    assert '<desc id="chart-reading-desc">' in html
    assert html.count("as a table</summary>") == 4
    assert "Top content" in html and "Communities compared" in html
    # Searches are the whole intranet's: for Insights readers only.
    assert "chart-searches" not in html


def test_an_insights_reader_reads_every_community_and_the_searches(client, seeded):
    response = signed_in(client, "dana").get(DASHBOARD)
    assert response.status_code == 200
    html = response.content.decode()
    assert picker(html) == set(CommunityPage.objects.values_list("title", flat=True))
    assert "chart-searches" in html
    selected = community("People and Culture")
    response = client.get(f"{DASHBOARD}?community={selected.pk}")
    assert response.status_code == 200
    assert f'<span class="w-header__subtitle">{selected.title}</span>' in response.content.decode()
    # The picker shows the community chosen, and only that one.
    select = response.content.decode().split('id="insights-community"', 1)[1].split("</select>")[0]
    assert f'<option value="{selected.pk}" selected>' in select
    assert select.count(" selected") == 1


def test_a_community_lead_lands_on_the_community_she_leads(client, seeded):
    # Olivia is on IT and Digital's team, first in the tree, but leads Customers and Sales.
    html = signed_in(client, "olivia").get(DASHBOARD).content.decode()
    assert '<span class="w-header__subtitle">Customers and Sales</span>' in html


def test_an_insights_reader_lands_on_the_whole_intranet(client, seeded):
    html = signed_in(client, "dana").get(DASHBOARD).content.decode()
    assert '<span class="w-header__subtitle">Whole intranet</span>' in html
    assert "Key figures, last four weeks" in html
    assert "People reading" in html and "chart-searches" in html
    assert "Communities compared" in html
    # Beside each community's own: the picker offers them, and the way back here.
    assert '<option value="" selected>Whole intranet</option>' in html
    sales = community("Customers and Sales")
    html = client.get(f"{DASHBOARD}?community={sales.pk}").content.decode()
    assert '<option value="">Whole intranet</option>' in html
    assert client.get(f"{DASHBOARD}?community=").status_code == 200


def test_the_overview_adds_up_the_whole_intranet(client, make_community, owner, reader):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    for title, views in (("North", 30), ("South", 12)):
        place = make_community(lead=owner, title=title)
        PageDay.objects.create(page=place, day=yesterday, views=views, comments=6)
        CommunityDay.objects.create(community=place, day=yesterday, members=9, views=views)
    client.force_login(reader)
    body = client.get(DASHBOARD).context["dashboard"]
    assert body.overview.key_figures["views"] == 42
    assert body.overview.key_figures["comments"] == 12
    # A community lead is no Insights reader: she lands on her own, never on the overview.
    client.force_login(owner)
    assert client.get(DASHBOARD).context["dashboard"].selected.title == "North"


def test_the_demo_history_shows_trends_not_an_empty_dashboard(client, seeded):
    response = signed_in(client, "olivia").get(
        f"{DASHBOARD}?community={community('Customers and Sales').pk}"
    )
    figures = response.context["trend"].figures
    assert len(figures["views"]) == 12
    assert sum(figures["views"]) > 0 and figures["members"][-1] > 0
    # Growth over the weeks: the last month reads more than the first.
    assert sum(figures["views"][-4:]) > sum(figures["views"][:4])
    health = response.context["dashboard"].selected_health
    assert health is not None and 0 <= health.score <= 100


def test_an_owner_cannot_open_another_communitys_dashboard_or_summary(client, seeded):
    signed_in(client, "olivia")
    theirs = community("People and Culture")
    assert client.get(f"{DASHBOARD}?community={theirs.pk}").status_code == 403
    assert client.get(summary_url(theirs)).status_code == 403
    assert client.get(f"{DASHBOARD}?community=not-a-number").status_code == 403
    assert client.get(summary_url(community("Key accounts"))).status_code == 200


def test_a_communicator_outside_every_team_is_refused(client, communicator):
    client.force_login(communicator)
    assert client.get(DASHBOARD).status_code == 403
    assert client.get("/admin/").status_code == 200


def test_an_employee_is_kept_out_of_the_admin_and_its_insights(client, seeded):
    signed_in(client, "erin")
    # The intranet's gate refuses employees the whole admin, insights included.
    assert client.get(DASHBOARD).status_code == 403
    assert client.get(summary_url(community("IT and Digital"))).status_code == 403


def test_an_anonymous_visitor_is_sent_to_the_login_page(client, seeded):
    for url in (DASHBOARD, summary_url(community("IT and Digital"))):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/login/")


def test_nobody_is_named_in_the_figures(client, seeded):
    html = signed_in(client, "dana").get(DASHBOARD).content.decode()
    html += client.get(summary_url(community("Customers and Sales"))).content.decode()
    others = [f"{p.first_name} {p.last_name}" for p in DEMO_PEOPLE if p.username != "dana"]
    assert [name for name in others if name in html] == []


@pytest.fixture
def small_team_dashboard(client, make_community, owner):
    """The dashboard of a community of three, 40 views and 2 comments, as its lead sees it."""
    small = make_community(lead=owner, title="Small team")
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    CommunityDay.objects.create(
        community=small, day=yesterday, members=3, views=40, comments=2, last_activity=yesterday
    )
    client.force_login(owner)
    return client.get(DASHBOARD).content.decode()


def test_small_counts_show_as_less_than_five(small_team_dashboard):
    html = small_team_dashboard
    row = html.split(">Small team</a></th>", 1)[1].split("</tr>", 1)[0]
    cells = re.findall(r"<td>([^<]*)</td>", row)
    # Members, active members, views, discussions, comments, completions.
    assert cells[1:] == ["&lt; 5", "&lt; 5", "40", "&lt; 5", "&lt; 5", "&lt; 5"]


def test_charts_mark_small_counts_and_title_themselves_above(small_team_dashboard):
    html = small_team_dashboard
    chart = html.split('id="chart-conversation-title"', 1)[0].rsplit("<figure", 1)[1]
    chart += html.split('id="chart-conversation-title"', 1)[1].split("</figure>", 1)[0]
    # Two comments and no discussion: markers that say "< 5", not bars drawn as if counted.
    assert "is-masked" not in "".join(re.findall(r"<rect[^>]*>", chart))
    assert chart.count('class="insights-chart__masked') == 24
    assert "&lt;5</text>" in chart
    # The title and the key come before the chart they explain.
    assert chart.index("<figcaption") < chart.index("<svg")
    # The table behind it opens with a button.
    assert re.search(r'<summary class="button[^"]*"', chart)


def test_the_summary_is_one_printable_page(client, seeded):
    response = signed_in(client, "olivia").get(summary_url(community("Customers and Sales")))
    assert response.status_code == 200
    html = response.content.decode()
    assert "insights/summary.css" in html
    assert "Key figures, last four weeks" in html and "Trend over the last 12 weeks" in html
    assert "Top content" in html
    assert "Feedback themes" in html
    # A Print button, wired by a script file: the CSP forbids inline scripts.
    assert re.search(r'<button type="button"[^>]* data-print hidden>Print</button>', html)
    assert "insights/print.js" in html
    assert "<script>" not in html


def test_the_summary_gives_feedback_themes_without_quoting_or_naming_anyone(client, seeded):
    sales = community("Customers and Sales")
    people = get_user_model().objects.exclude(username__in=["olivia"]).order_by("pk")[:7]
    for number, person in enumerate(people):
        # Six comments share "pricing"; one alone says "zanzibar".
        comment = "Zanzibar trip" if number == 6 else f"The pricing table is out of date ({number})"
        HelpfulVote.objects.update_or_create(
            user=person, page=sales, defaults={"helpful": number >= 5, "comment": comment}
        )
    # The summary runs to yesterday, the last day the roll-up has counted.
    yesterday = timezone.now() - datetime.timedelta(days=1)
    HelpfulVote.objects.filter(page=sales).update(updated_at=yesterday)
    html = signed_in(client, "olivia").get(summary_url(sales)).content.decode()
    themes = html.split("Feedback themes", 1)[1].split("</section>", 1)[0]
    assert "pricing (6)" in themes and "table (6)" in themes
    assert "zanzibar" not in themes.lower()
    assert "out of date (0)" not in themes
    assert not any(person.get_full_name() in themes for person in people)


def test_quiet_communities_are_flagged_on_their_owners_admin_home(client, seeded):
    html = signed_in(client, "olivia").get("/admin/").content.decode()
    assert "Communities gone quiet" in html
    panel = html.split("Communities gone quiet", 1)[1].split("</section>", 1)[0]
    assert "Public sector accounts" in panel
    assert "Customers and Sales" not in panel
    # Sofia's one team, the Buddy programme's, keeps talking.
    html = signed_in(client, "sofia").get("/admin/").content.decode()
    assert "Communities gone quiet" not in html


def test_the_menu_shows_insights_to_readers_and_owners_only(client, seeded, communicator):
    # The dashboard's own menu entry: the feedback inbox lives under
    # /admin/insights/ too.
    dashboard = '"url": "/admin/insights/"'
    assert dashboard in signed_in(client, "dana").get("/admin/").content.decode()
    assert dashboard in signed_in(client, "olivia").get("/admin/").content.decode()
    client.force_login(communicator)
    assert dashboard not in client.get("/admin/").content.decode()


def test_the_comparison_shows_fifty_communities_a_page_and_the_picker_all(
    client, make_community, owner
):
    from insights.dashboard_body import COMPARED_PER_PAGE

    top = make_community(lead=owner, title="Top")
    for number in range(COMPARED_PER_PAGE + 2):
        make_community(parent=top, lead=owner, title=f"Team {number:02d}")
    client.force_login(owner)

    def compared(html):
        section = html.split('id="insights-comparison"', 1)[1].split("</section>", 1)[0]
        return re.findall(r'<th scope="row"><a href="[^"]*">([^<]+)</a>', section)

    first = client.get(DASHBOARD).content.decode()
    assert len(compared(first)) == COMPARED_PER_PAGE
    assert len(picker(first)) == COMPARED_PER_PAGE + 3
    assert "Page 1 of 2" in first
    second = client.get(f"{DASHBOARD}?compared=2").content.decode()
    assert compared(second) == ["Team 49", "Team 50", "Team 51"]
    # A page number out of range gives the last page, not an error.
    assert compared(client.get(f"{DASHBOARD}?compared=99").content.decode()) == compared(second)
