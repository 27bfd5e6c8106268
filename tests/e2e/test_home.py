"""The home page, the bell and the first-run tour, in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from communities.factories import DiscussionPageFactory
from conversation import services as conversation
from guides.factories import GuidePageFactory, LearningPathPageFactory
from guides.models import GuideIndexPage
from home.models import HomePage, TourDismissal
from tests.e2e.test_communities import published_community
from tests.e2e.test_sign_in import close_tour, sign_in


def published(page):
    page.save_revision().publish()
    return page


@pytest.fixture
def onboarding_path():
    home = HomePage.objects.get()
    index = GuideIndexPage.objects.child_of(home).get()
    guides = [
        published(GuidePageFactory(parent=index, title=title))
        for title in ("Your first week", "Joining a community")
    ]
    path = published(
        LearningPathPageFactory(parent=index, title="Welcome to the intranet", guides=guides)
    )
    home.onboarding_path = path
    published(home)
    return path


def test_erin_opens_a_reply_from_the_bell_and_the_bell_drops(page, erin, olivia, shot):
    community = published_community("Wellbeing")
    discussion = published(DiscussionPageFactory(parent=community, title="Walking meetings?"))
    mine = conversation.post_comment(erin, discussion, "Anyone up for a walk?")
    conversation.post_comment(olivia, discussion, "Count me in, @erin", parent=mine)

    page.goto("/")
    sign_in(page, "erin", "changeme")
    close_tour(page)
    # The bell opens the latest few below it; Escape closes them, back on the bell.
    bell = page.get_by_role("button", name="Notifications, 1 unread")
    expect(bell).to_have_attribute("aria-expanded", "false")
    bell.click()
    expect(bell).to_have_attribute("aria-expanded", "true")
    latest = page.locator("#bell-menu-panel")
    reply = latest.get_by_role(
        "link", name=re.compile(re.escape("replied to you on “Walking meetings?”"))
    )
    expect(reply).to_be_visible()
    shot(page, "1-bell-open")
    page.keyboard.press("Escape")
    expect(latest).to_be_hidden()
    expect(bell).to_be_focused()
    expect(bell).to_have_attribute("aria-expanded", "false")

    # Opening it from there leads to the reply and reads it.
    bell.click()
    reply.click()
    expect(page.get_by_text("Count me in, @erin")).to_be_visible()
    bell = page.get_by_role("button", name="Notifications, none unread")
    expect(bell).to_be_visible()
    # "See all" leads to the centre, where it is read and still leads to the reply.
    bell.click()
    page.get_by_role("link", name="See all notifications").click()
    expect(page.get_by_role("heading", name="Notifications", level=1)).to_be_visible()
    expect(page.get_by_role("button", name=re.compile(r"^Mark as read"))).to_have_count(0)
    page.get_by_role("link", name=re.compile("replied to you")).click()
    expect(page.get_by_text("Count me in, @erin")).to_be_visible()


def test_without_javascript_the_bell_is_a_link_to_the_centre(browser, live_server, erin):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/")
    sign_in(page, "erin", "changeme")
    page.get_by_role("link", name="Notifications, none unread").click()
    expect(page.get_by_role("heading", name="Notifications", level=1)).to_be_visible()
    context.close()


def assert_points_at(tour, target):
    """The tour's dialog is just below or above `target`, across its middle."""
    box, aim = tour.bounding_box(), target.bounding_box()
    middle = aim["x"] + aim["width"] / 2
    assert box["x"] < middle < box["x"] + box["width"], (box, aim)
    gap_below = box["y"] - (aim["y"] + aim["height"])
    gap_above = aim["y"] - (box["y"] + box["height"])
    assert 0 < gap_below <= 20 or 0 < gap_above <= 20, (box, aim)


def test_a_new_joiner_sees_the_onboarding_path_and_the_tour(page, erin, onboarding_path, shot):
    page.goto("/")
    sign_in(page, "erin", "changeme")
    expect(page.get_by_role("dialog", name="Welcome to the intranet")).to_be_visible()
    # Named after its current step, so found here by role alone.
    tour = page.get_by_role("dialog")
    # Focus is in the dialog, on the step's heading, and the keyboard drives it.
    expect(tour.get_by_role("heading", name="Welcome to the intranet")).to_be_focused()
    tour.get_by_role("button", name="Next").focus()
    page.keyboard.press("Enter")
    expect(tour.get_by_role("heading", name="Communities")).to_be_focused()
    expect(page.get_by_role("dialog", name="Communities")).to_be_visible()
    target = page.locator(".primary-nav__link.tour-target")
    expect(target).to_have_text("Communities")
    expect(tour.get_by_text("Step 2 of 6")).to_be_visible()
    assert_points_at(tour, target)
    shot(page, "tour-communities")
    # The last step points at the bell, whatever the window's width.
    page.set_viewport_size({"width": 600, "height": 800})
    for _ in range(4):
        tour.get_by_role("button", name="Next").click()
    expect(tour.get_by_role("heading", name="Notifications")).to_be_focused()
    bell = page.locator(".bell.tour-target")
    expect(bell).to_have_count(1)
    assert_points_at(tour, bell)
    shot(page, "tour-bell")
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_have_count(0)

    expect(
        page.get_by_role("heading", name="Your first steps: Welcome to the intranet")
    ).to_be_visible()
    expect(page.get_by_text("0 of 2 guides completed")).to_be_visible()
    page.get_by_role("link", name="Continue with Your first week").click()
    expect(page.get_by_role("heading", name="Your first week", level=1)).to_be_visible()

    # Closed for good: the server remembers.
    page.goto("/")
    expect(
        page.get_by_role("heading", name="Your first steps: Welcome to the intranet")
    ).to_be_visible()
    expect(page.get_by_role("dialog")).to_have_count(0)
    assert TourDismissal.objects.filter(user=erin).exists()


def test_a_step_whose_element_is_missing_is_left_out_of_the_tour(page, erin):
    # Once the page is read and before the tour's deferred script runs, the header
    # loses its Guides link, as an intranet without guides would have none.
    page.add_init_script(
        """document.addEventListener("readystatechange", function () {
          if (document.readyState === "interactive") {
            var guides = document.querySelector(".primary-nav__link[href='/guides/']");
            if (guides) { guides.parentNode.remove(); }
          }
        });"""
    )
    page.goto("/")
    sign_in(page, "erin", "changeme")
    expect(page.get_by_role("dialog", name="Welcome to the intranet")).to_be_visible()
    # Named after its current step, so found here by role alone.
    tour = page.get_by_role("dialog")
    expect(tour.get_by_text("Step 1 of 5")).to_be_visible()
    tour.get_by_role("button", name="Next").click()
    expect(tour.get_by_role("heading", name="Communities")).to_be_focused()
    tour.get_by_role("button", name="Next").click()
    # Guides is skipped.
    expect(tour.get_by_role("heading", name="People")).to_be_focused()
    expect(tour.get_by_text("Step 3 of 5")).to_be_visible()
