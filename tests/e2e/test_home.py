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


def test_erin_sees_a_reply_and_the_bell_drops_once_she_reads_it(page, erin, olivia):
    community = published_community("Wellbeing")
    discussion = published(DiscussionPageFactory(parent=community, title="Walking meetings?"))
    mine = conversation.post_comment(erin, discussion, "Anyone up for a walk?")
    conversation.post_comment(olivia, discussion, "Count me in, @erin", parent=mine)

    page.goto("/")
    sign_in(page, "erin", "changeme")
    close_tour(page)
    bell = page.get_by_role("link", name="Notifications, 1 unread")
    expect(bell).to_be_visible()
    bell.click()
    expect(page.get_by_role("heading", name="Notifications", level=1)).to_be_visible()
    reply = page.get_by_role("link", name="Olivia")
    expect(reply).to_contain_text("replied to you on “Walking meetings?”")

    page.get_by_role("button", name=re.compile(r"^Mark as read")).click()
    expect(page.get_by_role("link", name="Notifications, none unread")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile(r"^Mark as read"))).to_have_count(0)
    # The notification still leads to the reply.
    page.get_by_role("link", name=re.compile("replied to you")).click()
    expect(page.get_by_text("Count me in, @erin")).to_be_visible()


def test_a_new_joiner_sees_the_onboarding_path_and_the_tour(page, erin, onboarding_path):
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
    expect(page.locator(".primary-nav__link.tour-target")).to_have_text("Communities")
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
