"""Following the onboarding path, and a guide written, reviewed and published."""

import re

import pytest
from playwright.sync_api import expect

from django.contrib.auth.models import Group

from guides.factories import GuidePageFactory, LearningPathPageFactory
from guides.models import GuideCompletion, GuideIndexPage, GuidePage
from home.models import HomePage
from intranet.factories import UserFactory
from intranet.roles import COMMUNICATORS
from tests.e2e.test_sign_in import sign_in

ONBOARDING = (
    "Why we have this intranet",
    "Joining a community",
    "Commenting and starting a discussion",
    "Finding people",
)


def guides_index():
    return GuideIndexPage.objects.child_of(HomePage.objects.get()).get()


def published(page):
    page.save_revision().publish()
    return page


def communicator(username, first_name):
    user = UserFactory(username=username, first_name=first_name, password="changeme")
    user.groups.add(Group.objects.get(name=COMMUNICATORS))
    return user


def write_guide(page, title="Booking a meeting room"):
    """Fill in Wagtail's form for a new guide: title, summary, a paragraph, for everyone."""
    page.locator("#id_title").fill(title)
    page.locator("#id_summary").fill("How to find a free room and book it from your calendar.")
    page.get_by_role("button", name="Insert a block").first.click()
    page.get_by_role("option", name="Paragraph").click()
    editor = page.locator("[data-contentpath='body'] [contenteditable='true']").first
    editor.click()
    editor.type("Open the room calendar and pick a free slot.")
    # Draftail saves into its hidden input a moment after typing stops.
    expect(page.locator("input[name='body-0-value']")).to_have_value(re.compile("room calendar"))
    page.get_by_label("Everyone").check()


@pytest.fixture
def onboarding_path():
    index = guides_index()
    guides = [
        published(
            GuidePageFactory(parent=index, title=title, body__0__paragraph__value="<p>Read me.</p>")
        )
        for title in ONBOARDING
    ]
    return published(
        LearningPathPageFactory(parent=index, title="Welcome to the intranet", guides=guides)
    )


def test_erin_follows_the_onboarding_path_and_marks_guides_completed(page, erin, onboarding_path):
    page.goto("/guides/")
    sign_in(page, "erin", "changeme")
    page.get_by_role("link", name="Welcome to the intranet").click()
    expect(page.get_by_text("0 of 4 guides completed")).to_be_visible()
    page.get_by_role("link", name=f"Continue with {ONBOARDING[0]}").click()

    for number, title in enumerate(ONBOARDING, start=1):
        expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()
        expect(page.get_by_text(f"guide {number} of 4")).to_be_visible()
        page.get_by_role("button", name="Mark as completed").click()
        expect(page.get_by_text("You have completed this guide.")).to_be_visible()
        expect(page.get_by_text(f"{number} of 4 completed")).to_be_visible()
        if number < len(ONBOARDING):
            page.get_by_role("link", name=f"Next: {ONBOARDING[number]}").click()

    page.get_by_role("link", name="Welcome to the intranet").first.click()
    expect(page.get_by_text("4 of 4 guides completed")).to_be_visible()
    expect(page.get_by_text("You have completed this learning path.")).to_be_visible()
    assert GuideCompletion.objects.filter(user=erin).count() == 4


def test_carl_writes_a_guide_that_goes_live_once_another_communicator_approves(page, browser):
    communicator("carl", "Carl")
    communicator("cora", "Cora")
    index = guides_index()

    page.goto(f"/admin/pages/add/guides/guidepage/{index.pk}/")
    sign_in(page, "carl", "changeme")
    write_guide(page)
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Submit to Communications review").click()
    expect(page.get_by_text("created and submitted for moderation")).to_be_visible()

    guide = GuidePage.objects.get(title="Booking a meeting room")
    assert not guide.live

    reviewer = browser.new_context(base_url=page.url.split("/admin/")[0])
    review = reviewer.new_page()
    review.set_default_timeout(15_000)
    review.goto(f"/admin/pages/{guide.pk}/edit/")
    sign_in(review, "cora", "changeme")
    expect(review).to_have_url(re.compile(rf"/admin/pages/{guide.pk}/edit/$"))
    review.get_by_role("button", name="More actions").click()
    review.get_by_role("button", name="Approve and Publish").first.click()
    expect(review.get_by_text("has been updated")).to_be_visible()
    reviewer.close()

    guide.refresh_from_db()
    assert guide.live
    page.goto(guide.url)
    expect(page.get_by_role("heading", name="Booking a meeting room", level=1)).to_be_visible()
