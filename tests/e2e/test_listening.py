"""Listening, in a real browser: answering "Was this page helpful?" and the suggestion box."""

import re

from playwright.sync_api import expect

from guides.factories import GuidePageFactory
from insights.factories import SuggestionFactory
from insights.models import HelpfulVote, Suggestion, SuggestionVote
from tests.e2e.test_guides import guides_index, published
from tests.e2e.test_sign_in import close_tour, sign_in


def test_erin_answers_no_with_a_comment_then_changes_to_yes(page, erin):
    guide = published(
        GuidePageFactory(
            parent=guides_index(),
            title="Booking leave",
            body__0__paragraph__value="<p>Use the form.</p>",
        )
    )
    page.goto(guide.url)
    sign_in(page, "erin", "changeme")
    box = page.locator("#helpful")
    expect(box.get_by_role("heading", name="Was this page helpful?")).to_be_visible()

    box.get_by_label("Anything to add? (optional)").fill("The form link is broken.")
    box.get_by_role("button", name="No").click()
    # The script answers in place: no reload, the status says what was recorded.
    expect(box.get_by_role("status")).to_have_text("Thank you: your answer “No” is recorded.")
    expect(box.get_by_role("button", name="No")).to_have_attribute("aria-pressed", "true")
    vote = HelpfulVote.objects.get(page=guide)
    assert (vote.helpful, vote.comment) == (False, "The form link is broken.")

    box.get_by_role("button", name="Yes").click()
    expect(box.get_by_role("status")).to_have_text("Your answer is changed to “Yes”.")
    expect(box.get_by_role("button", name="Yes")).to_have_attribute("aria-pressed", "true")
    assert HelpfulVote.objects.filter(page=guide).count() == 1
    assert HelpfulVote.objects.get(page=guide).helpful is True

    # After a reload the page still knows her answer.
    page.reload()
    expect(box.get_by_role("status")).to_have_text(
        "You answered “Yes”. You can change your answer."
    )


def test_erin_submits_a_suggestion_and_backs_another(page, erin):
    SuggestionFactory(title="Show the canteen menu")
    page.goto("/")
    sign_in(page, "erin", "changeme")
    close_tour(page)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="You said, we did").click()
    page.get_by_role("link", name="Make a suggestion").click()
    expect(page).to_have_url(re.compile(r"/feedback/suggestions/$"))

    page.get_by_label("Your suggestion").fill("Add a community for cyclists")
    page.get_by_label("Details (optional)").fill("Routes, showers and the bike scheme.")
    page.get_by_role("button", name="Send my suggestion").click()
    expect(page.get_by_text("Thank you: your suggestion is in the box.")).to_be_visible()
    expect(page.get_by_text("Add a community for cyclists", exact=True)).to_be_visible()
    assert Suggestion.objects.filter(title="Add a community for cyclists", author=erin).exists()

    page.get_by_role("button", name="Vote for Show the canteen menu").click()
    expect(page.get_by_text("You back “Show the canteen menu”.")).to_be_visible()
    expect(
        page.get_by_role("button", name="Withdraw my vote for Show the canteen menu")
    ).to_be_visible()
    assert (
        SuggestionVote.objects.filter(user=erin, suggestion__title="Show the canteen menu").count()
        == 1
    )
