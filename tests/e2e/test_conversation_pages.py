"""A long conversation in a browser: pages of threads, and replying with or without JavaScript."""

import pytest
from playwright.sync_api import expect

from communities.factories import DiscussionPageFactory
from conversation.factories import CommentFactory
from conversation.models import Comment
from conversation.queries import THREADS_PER_PAGE
from tests.e2e.test_communities import published_community
from tests.e2e.test_sign_in import sign_in


@pytest.fixture
def long_discussion():
    community = published_community("Wellbeing")
    page = DiscussionPageFactory(parent=community, title="Ideas for the summer party")
    page.save_revision().publish()
    for number in range(THREADS_PER_PAGE + 1):
        CommentFactory(page=page, comment=f"Idea {number}")
    return page


def open_last_thread(page, discussion):
    page.goto(discussion.url)
    sign_in(page, "erin", "changeme")
    expect(page.get_by_text(f"Idea {THREADS_PER_PAGE}", exact=True)).to_have_count(0)
    page.get_by_role("link", name="More threads").click()
    expect(page.get_by_text(f"Idea {THREADS_PER_PAGE}", exact=True)).to_be_visible()
    page.locator(".comment__reply summary").first.click()


def test_replying_on_a_later_page_shows_the_reply_in_place(page, erin, long_discussion):
    open_last_thread(page, long_discussion)
    url_before = page.url
    page.get_by_label("Your reply").fill("A picnic in the park")
    page.get_by_role("button", name="Post reply").click()
    expect(page.get_by_text("A picnic in the park")).to_be_visible()
    assert page.url == url_before
    reply = Comment.objects.get(comment="A picnic in the park")
    assert Comment.objects.get(pk=reply.parent_id).comment == f"Idea {THREADS_PER_PAGE}"


def test_without_javascript_reply_leads_to_a_page_and_back_to_the_thread(
    browser, live_server, erin, long_discussion
):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        open_last_thread(page, long_discussion)
        page.get_by_role("link", name="Write your reply").click()
        expect(page.get_by_role("heading", name="Reply to a comment")).to_be_visible()
        page.get_by_label("Your reply").fill("Karaoke")
        page.get_by_role("button", name="Post reply").click()
        reply = Comment.objects.get(comment="Karaoke")
        assert page.url.endswith(f"?comments=2#comment-{reply.pk}")
        expect(page.locator(f"#comment-{reply.pk}")).to_contain_text("Karaoke")
    finally:
        context.close()
