"""Searching from the header, in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from communities.factories import CommunityPageFactory, DiscussionPageFactory
from guides.factories import GuidePageFactory
from guides.models import GuideIndexPage
from home.models import HomePage
from tests.e2e.test_sign_in import close_tour, sign_in


def published(page):
    page.save_revision().publish()
    return page


@pytest.fixture
def leave_content():
    home = HomePage.objects.get()
    hr = published(CommunityPageFactory(parent=home, title="Human Resources"))
    published(DiscussionPageFactory(parent=hr, title="How do I book leave?", body="Any form?"))
    index = GuideIndexPage.objects.child_of(home).get()
    return published(
        GuidePageFactory(
            parent=index,
            title="Booking annual leave",
            summary="How to ask for leave and see what is left.",
            body__0__paragraph__value="<p>Open the leave form.</p>",
        )
    )


def test_erin_searches_from_the_header_filters_to_guides_and_opens_a_result(
    page, erin, leave_content
):
    page.goto("/")
    sign_in(page, "erin", "changeme")
    close_tour(page)
    page.get_by_role("search").get_by_label("Search the intranet").fill("leave")
    page.get_by_role("search").get_by_role("button", name="Search").click()

    expect(page.get_by_role("heading", name="Search", level=1)).to_be_visible()
    results = page.locator(".search-results")
    expect(results.get_by_role("link", name="How do I book leave?")).to_be_visible()
    expect(results.get_by_role("link", name="Booking annual leave")).to_be_visible()

    page.get_by_label("Guide").check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"kind=guide"))
    expect(results.get_by_role("link", name="How do I book leave?")).to_have_count(0)
    expect(results.locator("mark").first).to_have_text(re.compile("leave", re.I))

    results.get_by_role("link", name="Booking annual leave").click()
    expect(page.get_by_role("heading", name="Booking annual leave", level=1)).to_be_visible()


def test_suggestions_open_with_the_keyboard(page, erin, leave_content):
    page.goto("/")
    sign_in(page, "erin", "changeme")
    close_tour(page)
    box = page.get_by_role("combobox", name="Search the intranet")
    box.fill("book")
    listbox = page.get_by_role("listbox", name="Suggestions")
    expect(listbox.get_by_role("option")).to_have_count(2)
    expect(box).to_have_attribute("aria-expanded", "true")
    box.press("ArrowDown")
    expect(listbox.get_by_role("option").first).to_have_attribute("aria-selected", "true")
    box.press("Escape")
    expect(listbox).to_be_hidden()
    box.press("ArrowDown")  # closed: nothing to move through
    box.fill("booking")
    expect(listbox.get_by_role("option")).to_have_count(1)
    box.press("ArrowDown")
    box.press("Enter")
    expect(page.get_by_role("heading", name="Booking annual leave", level=1)).to_be_visible()
