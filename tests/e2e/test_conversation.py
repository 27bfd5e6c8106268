"""Commenting in a real browser: no reload, no script injection, and the reply email."""

import re

import pytest
from playwright.sync_api import expect

from django.core import mail
from django.core.management import call_command

from communities.factories import DiscussionPageFactory, MembershipFactory
from conversation.models import Comment
from guides.factories import GuidePageFactory
from guides.models import GuideIndexPage
from home.models import HomePage
from notifications.models import Notification
from tests.e2e.test_communities import published_community
from tests.e2e.test_sign_in import sign_in


@pytest.fixture
def discussion():
    community = published_community("Wellbeing")
    page = DiscussionPageFactory(parent=community, title="Walking meetings?")
    page.save_revision().publish()
    return page


def test_a_script_in_a_comment_shows_as_text_and_runs_nothing(page, erin, discussion):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(discussion.url)
    sign_in(page, "erin", "changeme")
    page.get_by_label("Your comment").fill("Try this: <script>alert(1)</script>")
    # A double click still posts once.
    page.get_by_role("button", name="Post comment").dblclick()
    expect(page.locator(".comment__text")).to_contain_text("<script>alert(1)</script>")
    page.reload()
    expect(page.locator(".comment__text")).to_contain_text("<script>alert(1)</script>")
    assert dialogs == []
    assert Comment.objects.count() == 1


@pytest.fixture
def guide():
    index = GuideIndexPage.objects.child_of(HomePage.objects.get()).get()
    page = GuidePageFactory(parent=index, title="Booking leave")
    page.save_revision().publish()
    return page


def test_erin_comments_on_a_guide_olivia_replies_and_erin_is_emailed(page, erin, olivia, guide):
    page.goto(guide.url)
    sign_in(page, "erin", "changeme")
    page.get_by_label("Your comment").fill("Who is up for a walk on Thursday?")
    page.get_by_role("button", name="Post comment").click()
    expect(page.get_by_role("heading", name="1 comment")).to_be_visible()

    page.context.clear_cookies()
    page.goto(guide.url)
    sign_in(page, "olivia", "changeme")
    url_before = page.url
    page.locator(".comment__reply summary").first.click()
    page.get_by_label("Your reply").fill("Count me in, @erin!")
    page.get_by_role("button", name="Post reply").click()
    expect(page.get_by_role("heading", name="2 comments")).to_be_visible()
    # Posted in the background: the page did not navigate.
    assert page.url == url_before

    call_command("send_notifications", "--minutes", "0")
    to_erin = [email for email in mail.outbox if email.to == [erin.email]]
    assert len(to_erin) == 1
    assert "Olivia" in to_erin[0].subject
    assert "replied to you" in to_erin[0].subject
    assert "Count me in" in to_erin[0].body


def focused_comment_id(page):
    """The id of the comment whose card has the focus, or None."""
    return page.evaluate(
        "() => document.activeElement.matches('li.comment > article')"
        " ? document.activeElement.parentElement.id : null"
    )


def test_a_posted_comment_is_shown_announced_and_focused(page, erin, discussion, shot):
    page.goto(discussion.url)
    sign_in(page, "erin", "changeme")
    status = page.get_by_role("status").filter(has_text="posted")
    page.get_by_label("Your comment").fill("Thursday at noon suits me.")
    page.get_by_role("button", name="Post comment").click()
    expect(status).to_have_text("Your comment was posted.")
    comment = Comment.objects.get()
    assert focused_comment_id(page) == f"comment-{comment.pk}"
    expect(page.locator(f"#comment-{comment.pk} > article")).to_be_in_viewport()
    shot(page, "01-comment-posted")

    page.locator(f"#comment-{comment.pk} .comment__reply summary").click()
    page.get_by_label("Your reply").fill("And a walk after lunch?")
    page.get_by_role("button", name="Post reply").click()
    expect(status).to_have_text("Your reply was posted.")
    reply = Comment.objects.exclude(pk=comment.pk).get()
    assert focused_comment_id(page) == f"comment-{reply.pk}"
    expect(page.locator(f"#comment-{reply.pk} > article")).to_be_in_viewport()
    shot(page, "02-reply-posted")

    # A reaction swaps the conversation in too, but posts no comment: no comment takes the focus.
    page.locator(f"#comment-{comment.pk} .reaction").first.click()
    expect(page.locator(f"#comment-{comment.pk} .reaction--mine")).to_have_count(1)
    assert focused_comment_id(page) is None


# An option reads as the person's name, then their username.
OLIVIA = re.compile(r"^Olivia .*@olivia$")


def test_at_suggests_people_in_a_comment_and_a_discussion(page, erin, olivia, shot):
    community = published_community("Wellbeing")
    MembershipFactory(user=erin, community=community)
    page.goto(community.url)
    sign_in(page, "erin", "changeme")

    # A new discussion: Tab takes the person highlighted.
    page.get_by_role("link", name="Start a discussion").click()
    page.get_by_label("Title").fill("Walking meetings")
    body = page.get_by_role("combobox", name="What would you like to talk about?")
    body.press_sequentially("Shall we try walking meetings, @oli")
    option = page.get_by_role("option", name=OLIVIA)
    expect(option).to_have_attribute("aria-selected", "true")
    expect(body).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("listbox", name="People to mention")).to_be_visible()
    shot(page, "01-people-suggested")
    body.press("Tab")
    expect(body).to_have_value("Shall we try walking meetings, @olivia ")
    expect(body).to_have_attribute("aria-expanded", "false")
    body.press_sequentially("?")
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_role("link", name="@olivia")).to_have_attribute("href", "/people/olivia/")
    assert Notification.objects.filter(recipient=olivia, kind="mention").exists()
    shot(page, "02-discussion-mentions-olivia")

    # A comment: the arrow keys move through the names, Enter takes one, Escape closes.
    box = page.get_by_role("combobox", name="Your comment")
    box.press_sequentially("Yes @oli")
    expect(page.get_by_role("option", name=OLIVIA)).to_be_visible()
    box.press("Escape")
    expect(box).to_have_attribute("aria-expanded", "false")
    box.press_sequentially("v")
    expect(page.get_by_role("option", name=OLIVIA)).to_be_visible()
    box.press("ArrowDown")
    box.press("Enter")
    expect(box).to_have_value("Yes @olivia ")
    page.get_by_role("button", name="Post comment").click()
    expect(page.locator(".comment__text").get_by_role("link", name="@olivia")).to_have_attribute(
        "href", "/people/olivia/"
    )
    shot(page, "03-comment-mentions-olivia")
