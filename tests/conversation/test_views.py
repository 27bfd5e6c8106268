"""The conversation through the browser's eyes, without JavaScript: post, redirect, read."""

import re

import pytest

from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from wagtail.models import PageViewRestriction

from communities.factories import DiscussionPageFactory
from conversation import services
from conversation.factories import CommentFactory
from conversation.models import Comment, Flag
from intranet.factories import UserFactory


def post_url(page):
    return reverse("conversation:post", args=[page.pk])


def test_posting_without_javascript_redirects_to_the_new_comment(employee_client, discussion):
    response = employee_client.post(
        post_url(discussion), {"body": "Hello <script>alert(1)</script>", "key": "k1"}
    )
    comment = Comment.objects.get()
    assert response["Location"] == f"{discussion.url}#comment-{comment.pk}"
    html = employee_client.get(discussion.url).content.decode()
    assert "alert(1)" in html
    assert "<script>alert" not in html
    assert "1 comment" in html


def test_name_email_and_url_fields_are_ignored(employee_client, employee, discussion):
    employee_client.post(
        post_url(discussion),
        {"body": "Hi", "name": "The CEO", "email": "ceo@example.com", "user": "1"},
    )
    comment = Comment.objects.get()
    assert comment.user == employee
    assert comment.user_name == ""
    assert comment.user_email == ""


def test_a_double_submission_posts_once(employee_client, discussion):
    for _click in range(2):
        employee_client.post(post_url(discussion), {"body": "Hi", "key": "same"})
    assert Comment.objects.count() == 1


def test_an_empty_comment_shows_the_error_and_keeps_nothing(employee_client, discussion):
    response = employee_client.post(post_url(discussion), {"body": "<b> </b>", "key": "k"})
    assert response.status_code == 400
    assert "Write something before posting." in response.content.decode()
    assert not Comment.objects.exists()


def test_a_post_over_the_rate_limit_is_answered_429_with_its_text_kept(
    employee_client, discussion, settings
):
    settings.CONVERSATION_RATE_LIMIT = 1
    employee_client.post(post_url(discussion), {"body": "First", "key": "k1"})
    response = employee_client.post(post_url(discussion), {"body": "Second", "key": "k2"})
    assert response.status_code == 429
    assert "Take a breath" in response.content.decode()
    assert "Second" in response.content.decode()
    assert Comment.objects.count() == 1
    # The first form, sent again, still finds its comment.
    again = employee_client.post(post_url(discussion), {"body": "First", "key": "k1"})
    assert again.status_code == 302


def test_threads_order_both_ways_and_placeholders_keep_them_readable(
    employee_client, employee, discussion
):
    first = CommentFactory(page=discussion, comment="First thread")
    reply = CommentFactory(page=discussion, comment="A reply", parent_id=first.pk)
    CommentFactory(page=discussion, comment="Second thread")
    services.delete_comment(first.user, first)
    html = employee_client.get(discussion.url).content.decode()
    assert "Comment removed." in html
    assert "First thread" not in html
    assert html.index("A reply") < html.index("Second thread")
    newest = employee_client.get(discussion.url + "?order=newest").content.decode()
    assert newest.index("Second thread") < newest.index("A reply")
    assert reply.level == 1


def test_hidden_comments_show_to_moderators_only(client, discussion, owner, employee):
    comment = CommentFactory(page=discussion, comment="Rude words")
    services.hide_comment(owner, comment)
    client.force_login(employee)
    assert "Rude words" not in client.get(discussion.url).content.decode()
    assert client.get(reverse("conversation:comment", args=[comment.pk])).status_code == 404
    client.force_login(owner)
    html = client.get(discussion.url).content.decode()
    assert "Rude words" in html
    assert "Restore" in html


def test_nobody_else_can_hide_edit_or_delete_a_comment(client, discussion, employee, stranger):
    comment = CommentFactory(page=discussion, user=employee, comment="Mine")
    client.force_login(stranger)
    assert (
        client.post(
            reverse("conversation:moderate", args=[comment.pk]), {"action": "hide"}
        ).status_code
        == 403
    )
    assert client.post(reverse("conversation:delete", args=[comment.pk])).status_code == 403
    assert client.get(reverse("conversation:edit", args=[comment.pk])).status_code == 403
    assert (
        client.post(reverse("conversation:edit", args=[comment.pk]), {"body": "x"}).status_code
        == 403
    )
    assert (
        client.post(reverse("conversation:lock", args=[discussion.pk]), {"locked": "1"}).status_code
        == 403
    )
    comment.refresh_from_db()
    discussion.refresh_from_db()
    assert (comment.comment, comment.is_public, comment.is_removed) == ("Mine", True, False)
    assert not discussion.comments_locked


def test_the_author_edits_and_the_thread_says_edited(employee_client, employee, discussion):
    comment = CommentFactory(page=discussion, user=employee, comment="Typo")
    response = employee_client.post(
        reverse("conversation:edit", args=[comment.pk]), {"body": "Fixed"}
    )
    assert response.status_code == 302
    html = employee_client.get(discussion.url).content.decode()
    assert "Fixed" in html
    assert "edited" in html


def test_reactions_and_who_reacted_show(employee_client, employee, discussion):
    comment = CommentFactory(page=discussion)
    employee_client.post(reverse("conversation:react", args=[comment.pk]), {"kind": "insightful"})
    employee_client.post(
        reverse("conversation:react-page", args=[discussion.pk]), {"kind": "celebrate"}
    )
    html = employee_client.get(discussion.url).content.decode()
    assert "Who reacted (1)" in html
    assert "Insightful: Erin" in html
    assert "Celebrate: Erin" in html


def test_flagging_goes_to_the_moderators(client, discussion, owner, employee):
    comment = CommentFactory(page=discussion)
    client.force_login(employee)
    assert client.get(reverse("conversation:flag", args=[comment.pk])).status_code == 200
    client.post(reverse("conversation:flag", args=[comment.pk]), {"reason": "spam", "note": "Ads"})
    client.force_login(owner)
    html = client.get(discussion.url).content.decode()
    assert "1 open flag" in html
    assert "Ads" in html


def test_a_flag_without_a_reason_is_refused_and_says_why(client, discussion, employee):
    comment = CommentFactory(page=discussion)
    client.force_login(employee)
    form = client.get(reverse("conversation:flag", args=[comment.pk])).text
    assert '<option value="" selected>Choose a reason</option>' in form
    response = client.post(
        reverse("conversation:flag", args=[comment.pk]), {"reason": "", "note": "Rude remark"}
    )
    assert "Choose what is wrong with the comment." in response.text
    assert not Flag.objects.exists()


def test_the_community_page_counts_visible_comments(employee_client, discussion, owner):
    CommentFactory.create_batch(2, page=discussion)
    services.hide_comment(owner, CommentFactory(page=discussion))
    html = employee_client.get(discussion.get_parent().url).content.decode()
    assert "2 comments" in html


@pytest.mark.parametrize("state", ["unpublished", "private", "behind a password", "comments off"])
def test_comments_on_unpublished_or_private_pages_never_leak(
    employee_client, make_community, state
):
    page = DiscussionPageFactory(parent=make_community())
    comment = CommentFactory(page=page, comment="Secret plans")
    if state == "unpublished":
        page.unpublish()
    elif state == "private":
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.set([Group.objects.create(name="Board")])
    elif state == "behind a password":
        PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
        )
    else:
        type(page).objects.filter(pk=page.pk).update(comments_enabled=False)
    for url in (
        reverse("conversation:comment", args=[comment.pk]),
        reverse("conversation:flag", args=[comment.pk]),
    ):
        assert employee_client.get(url).status_code == 404, url
    response = employee_client.post(post_url(page), {"body": "Hi"})
    assert response.status_code == 404
    assert Comment.objects.count() == 1


@pytest.mark.parametrize(
    "url",
    [
        "/comments/api/communities-discussionpage/1/",
        "/comments/api/comment/",
        "/comments/feeds/rss/",
        "/comments/post/",
        "/comments/cr/1/1/",
    ],
)
def test_django_comments_xtd_endpoints_are_not_mounted(employee_client, discussion, url):
    CommentFactory(page=discussion, comment="Secret plans")
    response = employee_client.get(url)
    assert response.status_code == 404
    assert b"Secret plans" not in response.content


def test_a_locked_discussion_shows_its_comments_but_takes_no_more(
    employee_client, owner, discussion, client
):
    CommentFactory(page=discussion, comment="Before the lock")
    client.force_login(owner)
    client.post(reverse("conversation:lock", args=[discussion.pk]), {"locked": "1"})
    html = employee_client.get(discussion.url).content.decode()
    assert "Before the lock" in html
    assert "takes no new comments" in html
    employee_client.post(post_url(discussion), {"body": "After"})
    assert Comment.objects.count() == 1


def test_the_moderation_listing_shows_each_moderator_their_own_scope(
    client, discussion, owner, make_community
):
    CommentFactory(page=discussion, comment="In olivia's community")
    other_page = DiscussionPageFactory(parent=make_community(lead=UserFactory()))
    CommentFactory(page=other_page, comment="Somewhere else")
    client.force_login(owner)
    html = client.get("/admin/conversation/comment/").content.decode()
    assert "In olivia" in html
    assert "Somewhere else" not in html
    client.force_login(UserFactory())
    assert client.get("/admin/conversation/comment/").status_code in (302, 403)


def test_each_reaction_button_shows_its_count_and_whether_it_is_the_readers_own(
    client, employee, discussion
):
    comment = CommentFactory(page=discussion)
    services.react_to_comment(employee, comment, "insightful")
    services.react_to_comment(UserFactory(), comment, "celebrate")
    client.force_login(employee)
    html = client.get(discussion.url).content.decode()
    card = html[html.index(f'id="comment-{comment.pk}"') :]
    assert (
        '<button class="reaction reaction--mine" type="submit" name="kind" value="insightful" '
        'aria-pressed="true">Insightful <span class="reaction__count">1</span></button>'
    ) in card
    assert (
        '<button class="reaction" type="submit" name="kind" value="celebrate" '
        'aria-pressed="false">Celebrate <span class="reaction__count">1</span></button>'
    ) in card


def test_the_reaction_form_carries_a_token_that_passes_the_csrf_check(employee, discussion):
    comment = CommentFactory(page=discussion)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(employee)
    html = browser.get(discussion.url).content.decode()
    action = reverse("conversation:react", args=[comment.pk])
    form = html[html.index(f'action="{action}"') :]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    response = browser.post(action, {"kind": "support", "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert comment.reactions.get().kind == "support"


def test_the_edit_page_describes_the_text_box_with_its_help(employee_client, employee, discussion):
    comment = CommentFactory(page=discussion, user=employee, comment="Typo")
    html = employee_client.get(reverse("conversation:edit", args=[comment.pk])).content.decode()
    described_by = re.search(r'<textarea[^>]* aria-describedby="([^"]+)"', html).group(1)
    assert re.search(rf'<p [^>]*id="{described_by}"[^>]*>Plain text\.', html)
