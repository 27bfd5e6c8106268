"""Joining a community, starting a discussion, and a team editing its own space."""

import re

from playwright.sync_api import expect

from communities.factories import CommunityPageFactory, CommunityTeamMemberFactory
from communities.models import CommunityPage, DiscussionPage, Membership, TeamRole
from home.models import HomePage
from intranet.factories import UserFactory
from people.models import Discipline
from tests.e2e.test_sign_in import sign_in


def published_community(title, lead=None):
    community = CommunityPageFactory(parent=HomePage.objects.get(), title=title)
    if lead is not None:
        CommunityTeamMemberFactory(
            page=community, user=lead, discipline=Discipline.BUSINESS, role=TeamRole.LEAD
        )
    # Publishing the way the admin does syncs the team's rights.
    community.save_revision().publish()
    return community


def test_erin_joins_a_community_and_starts_a_discussion(page, erin):
    community = published_community("Wellbeing")
    page.goto(community.url)
    sign_in(page, "erin", "changeme")

    page.get_by_role("button", name="Join this community").click()
    expect(page.get_by_role("button", name="Leave this community")).to_be_visible()
    assert Membership.objects.filter(user=erin, community=community).exists()

    page.get_by_role("link", name="Start a discussion").click()
    page.get_by_label("Title").fill("Walking meetings on Thursdays?")
    page.get_by_label("What would you like to talk about?").fill(
        "Who would like to try walking one-to-ones?\n\nWe could start next week."
    )
    page.get_by_role("button", name="Publish").click()

    expect(page.get_by_role("heading", name="Walking meetings on Thursdays?")).to_be_visible()
    discussion = DiscussionPage.objects.get(title="Walking meetings on Thursdays?")
    assert discussion.author == erin
    assert discussion.get_parent().pk == community.pk
    assert discussion.live


def test_olivia_edits_her_community_in_the_admin_and_is_refused_on_another(page, olivia):
    own = published_community("Customers and Sales", lead=olivia)
    other = published_community("Sustainability", lead=UserFactory())

    page.goto(f"/admin/pages/{own.pk}/edit/")
    sign_in(page, "olivia", "changeme")
    expect(page).to_have_url(re.compile(rf"/admin/pages/{own.pk}/edit/$"))
    page.locator("#id_purpose").fill("Everything about our customers, from first call to renewal.")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("has been updated")).to_be_visible()
    saved = CommunityPage.objects.get(pk=own.pk).get_latest_revision_as_object()
    assert saved.purpose.startswith("Everything about our customers")

    page.goto(f"/admin/pages/{other.pk}/edit/")
    expect(
        page.get_by_text("Sorry, you do not have permission to access this area.")
    ).to_be_visible()
    other_after = CommunityPage.objects.get(pk=other.pk)
    assert other_after.get_latest_revision_as_object().purpose == other.purpose


def test_the_communities_index_shares_its_width_between_its_two_lists(page, erin):
    published_community("Wellbeing")
    page.goto("/communities/")
    sign_in(page, "erin", "changeme")

    main = page.locator("main").bounding_box()
    for heading in ("My communities", "All communities"):
        card = page.locator("section.card").filter(has=page.get_by_role("heading", name=heading))
        # Two lists side by side take half the page each, not two of four
        # columns with the other two left empty.
        assert card.bounding_box()["width"] > 0.4 * main["width"]
