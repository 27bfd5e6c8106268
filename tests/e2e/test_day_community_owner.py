"""Olivia's day, in a real browser: a community owner hears of a flag, moderates it on the
page, then looks after her community from its page, with a screenshot of each step."""

import re

from playwright.sync_api import expect

from django.contrib.auth import get_user_model

from communities.models import CommunityPage
from conversation import services as conversation
from conversation.models import Comment
from tests.e2e.test_sign_in import close_tour_if_shown, sign_in


def test_olivia_moderates_a_flag_and_looks_after_her_community(demo_site, page, shot):
    people = get_user_model().objects.in_bulk(["erin", "tomas"], field_name="username")
    sales = CommunityPage.objects.get(title="Customers and Sales")
    discussion = sales.get_children().live().get(title="CRM training").specific
    advert = conversation.post_comment(people["tomas"], discussion, "Cheap watches, click here")
    conversation.flag_comment(people["erin"], advert, "spam", "An advert")

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/")
    sign_in(page, "olivia", "changeme")
    close_tour_if_shown(page)
    # The bell counts the flag; the home page asks her to look.
    expect(
        page.get_by_role("button", name=re.compile(r"Notifications, \d+ unread"))
    ).to_be_visible()
    owner_tasks = page.locator(
        "section", has=page.get_by_role("heading", name="Your communities need you")
    )
    expect(owner_tasks.get_by_role("heading", name="Flagged comments to look at")).to_be_visible()
    shot(page, "01-home-flag")

    owner_tasks.get_by_role("link", name="A comment on “CRM training”").click()
    expect(page).to_have_url(re.compile(r"/crm-training/"))
    flagged = page.locator("article", has_text="Cheap watches, click here")
    shot(page, "02-flagged-comment")
    # Moderation works with JavaScript on: the thread is swapped in without a reload.
    flagged.get_by_role("button", name="Hide").click()
    expect(page.locator("article", has_text="Cheap watches").get_by_text("Hidden")).to_be_visible()
    shot(page, "03-hidden")
    advert.refresh_from_db()
    assert not advert.is_public
    assert not Comment.objects.get(pk=advert.pk).flags_raised.filter(reviewed_at=None).exists()

    # Her community's page offers the team its ways in.
    page.get_by_role("link", name="Customers and Sales").first.click()
    tools = page.get_by_role("navigation", name="Looking after this community")
    expect(tools).to_be_visible()
    shot(page, "04-community-team-tools")
    tools.get_by_role("link", name="Manage members").click()
    expect(page.get_by_role("heading", name=re.compile("Members"))).to_be_visible()
    shot(page, "05-members")
    page.go_back()

    page.get_by_role("navigation", name="Looking after this community").get_by_role(
        "link", name="Insights"
    ).click()
    expect(page.locator(".w-header__subtitle")).to_have_text("Customers and Sales")
    shot(page, "06-insights")
    page.go_back()

    page.get_by_role("navigation", name="Looking after this community").get_by_role(
        "link", name="Edit this community"
    ).click()
    # Team members are chosen by name, from a search, not from a list of usernames.
    page.get_by_role("button", name="Add team member").click()
    choose = page.get_by_role("button", name="Choose a person").last
    expect(choose).to_be_visible()
    shot(page, "07-editor-new-team-member")
    choose.click()
    modal = page.locator(".modal-dialog")
    modal.get_by_label("Name, email or department").fill("Haddad")
    expect(modal.get_by_role("link", name="Nadia Haddad")).to_be_visible()
    shot(page, "08-chooser-search")
    modal.get_by_role("link", name="Nadia Haddad").click()
    expect(page.get_by_text("Nadia Haddad").last).to_be_visible()
    shot(page, "09-chosen")
