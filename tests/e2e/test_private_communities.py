"""Closed and secret communities, as an employee outside them and as the lead inside them."""

from playwright.sync_api import expect

from communities.factories import (
    CommunityPageFactory,
    CommunityTeamMemberFactory,
    DiscussionPageFactory,
)
from communities.models import TeamRole, Visibility
from conversation.models import Comment
from home.models import HomePage
from people.models import Discipline
from tests.e2e.test_sign_in import sign_in


def private_community(title, purpose, visibility, lead, discussion):
    community = CommunityPageFactory(
        parent=HomePage.objects.get(), title=title, purpose=purpose, visibility=visibility
    )
    CommunityTeamMemberFactory(
        page=community, user=lead, discipline=Discipline.BUSINESS, role=TeamRole.LEAD
    )
    # Publishing as the admin does restricts it to its readers.
    community.save_revision().publish()
    return DiscussionPageFactory(parent=community, title=discussion, author=lead)


def test_erin_sees_a_closed_door_and_no_secret_while_olivia_talks_inside(
    browser, page, live_server, erin, olivia
):
    private_community(
        "Leadership forum",
        "Managers compare notes on the year ahead.",
        Visibility.CLOSED,
        olivia,
        "Priorities for next quarter",
    )
    secret = private_community(
        "Project Aurora",
        "A new customer portal, kept confidential.",
        Visibility.SECRET,
        olivia,
        "Launch checklist",
    )

    page.goto("/communities/")
    sign_in(page, "erin", "changeme")
    expect(page.get_by_role("link", name="Leadership forum")).to_be_visible()
    expect(page.get_by_role("link", name="Project Aurora")).to_have_count(0)
    page.get_by_role("link", name="Leadership forum").click()
    expect(page.get_by_text("Managers compare notes on the year ahead.")).to_be_visible()
    expect(page.get_by_text("Closed community")).to_be_visible()
    expect(page.get_by_text("Priorities for next quarter")).to_have_count(0)

    inside = browser.new_context(base_url=live_server.url).new_page()
    inside.goto("/communities/")
    sign_in(inside, "olivia", "changeme")
    inside.get_by_role("link", name="Project Aurora").click()
    inside.get_by_role("link", name="Launch checklist").click()
    inside.get_by_label("Your comment").fill("The pilot customers start on Monday.")
    inside.get_by_role("button", name="Post comment").click()
    expect(inside.get_by_text("The pilot customers start on Monday.")).to_be_visible()
    assert Comment.objects.filter(page=secret, user=olivia).exists()

    response = page.goto(secret.url)
    assert response.status == 404
    expect(page.get_by_text("The pilot customers start on Monday.")).to_have_count(0)
    inside.context.close()
