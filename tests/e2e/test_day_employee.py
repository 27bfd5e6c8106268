"""Erin's day, in a real browser: an employee hears of a reply, answers it and mentions a
colleague, reads a must-read guide, looks at the suggestions and updates her profile, with
a screenshot of each step."""

import re

from playwright.sync_api import expect

from django.contrib.auth import get_user_model

from communities.models import DiscussionPage
from conversation import services as conversation
from conversation.models import Comment
from guides.models import GuideCompletion, GuidePage
from notifications.models import Notification
from people.factories import image_bytes
from tests.e2e.test_sign_in import sign_in

OLIVIA = re.compile(r"^Olivia .*@olivia$")


def test_erin_answers_a_reply_reads_a_must_read_and_keeps_her_profile(demo_site, page, shot):
    people = get_user_model().objects.in_bulk(["erin", "olivia"], field_name="username")
    erin, olivia = people["erin"], people["olivia"]
    discussion = DiscussionPage.objects.get(title="Newsletter: too long?")
    question = conversation.post_comment(erin, discussion, "Could it be two pages at most?")
    conversation.post_comment(
        olivia, discussion, "Good idea, @erin: shall we try it in March?", parent=question
    )

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/")
    sign_in(page, "erin", "changeme")
    # Erin joined this month: the first-run tour greets her, once.
    expect(page.get_by_role("heading", name="Hello, Erin")).to_be_visible()
    tour = page.get_by_role("dialog", name="Welcome to the intranet")
    expect(tour).to_be_visible()
    shot(page, "01-home-tour")
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_have_count(0)

    # The bell drops the latest; opening the reply reads it.
    bell = page.get_by_role("button", name=re.compile(r"Notifications, \d+ unread"))
    bell.click()
    reply = page.locator("#bell-menu-panel").get_by_role(
        "link", name=re.compile("replied to you on “Newsletter: too long\\?”")
    )
    expect(reply).to_be_visible()
    shot(page, "02-bell-open")
    reply.click()
    expect(page.get_by_text("Good idea, @erin: shall we try it in March?")).to_be_visible()
    told = Notification.objects.get(recipient=erin, actor=olivia, kind="reply")
    assert told.read_at is not None
    shot(page, "03-the-reply")

    # She answers, naming Olivia from the suggestions; the comment is shown and focused.
    box = page.get_by_role("combobox", name="Your comment")
    box.press_sequentially("March works. @oli")
    expect(page.get_by_role("option", name=OLIVIA)).to_be_visible()
    shot(page, "04-mention-suggested")
    box.press("Tab")
    box.press_sequentially("can you book the room?")
    page.get_by_role("button", name="Post comment").click()
    expect(page.get_by_role("status").filter(has_text="posted")).to_have_text(
        "Your comment was posted."
    )
    posted = Comment.objects.filter(user=erin).latest("pk")
    assert posted.comment == "March works. @olivia can you book the room?"
    card = page.locator(f"#comment-{posted.pk} > article")
    expect(card).to_be_focused()
    expect(card.get_by_role("link", name="@olivia")).to_have_attribute("href", "/people/olivia/")
    assert Notification.objects.filter(recipient=olivia, kind="mention", comment=posted).exists()
    shot(page, "05-comment-posted")

    # A must-read guide: one confirmation, after its text, that also completes it.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Guides").click()
    page.get_by_role("link", name="Why we have this intranet").first.click()
    guide = GuidePage.objects.get(title="Why we have this intranet")
    confirm = page.get_by_role("button", name="I have read and understood this guide")
    expect(page.get_by_role("button", name="Mark as completed")).to_have_count(0)
    shot(page, "06-must-read")
    confirm.click()
    expect(page.get_by_text("You have acknowledged this must-read.")).to_be_visible()
    expect(page.get_by_text("You have completed this guide.")).to_be_visible()
    assert GuideCompletion.objects.filter(user=erin, guide=guide).exists()
    shot(page, "07-acknowledged-and-completed")

    # What became of the suggestions: a done one takes no more votes.
    page.get_by_role("link", name="Home").first.click()
    expect(page.get_by_role("dialog")).to_have_count(0)
    page.get_by_role("link", name="Everything we did after your suggestions").click()
    page.get_by_role("link", name="Make a suggestion").click()
    done = page.locator("li", has_text="A place to talk about wellbeing")
    expect(done.get_by_text("You backed this suggestion.")).to_be_visible()
    expect(done.get_by_role("button")).to_have_count(0)
    open_one = page.locator("li", has_text="Add a community for cyclists")
    expect(open_one.get_by_role("button", name=re.compile("Withdraw my vote"))).to_be_visible()
    shot(page, "08-suggestions")

    # Her profile: a photo previewed before saving, a department from the list.
    page.locator(".user-menu__toggle").click()
    page.get_by_role("link", name="My profile").click()
    page.get_by_role("link", name="Edit profile").click()
    page.get_by_label("Photo", exact=True).set_input_files(
        {"name": "erin.png", "mimeType": "image/png", "buffer": image_bytes((300, 300))}
    )
    expect(page.get_by_role("figure")).to_contain_text("The photo you chose: Save to keep it.")
    department = page.get_by_label("Department")
    # She moved from Finance to IT.
    department.select_option("IT")
    shot(page, "09-profile-form")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The profile is saved.")).to_be_visible()
    header_photo = page.locator(".user-menu__toggle img.avatar")
    expect(header_photo).to_have_attribute("src", re.compile(r"^/media/people/photos/"))
    erin.profile.refresh_from_db()
    assert erin.profile.department == "IT"
    shot(page, "10-profile-saved")
