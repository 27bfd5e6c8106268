"""One reply form per page; without JavaScript, each Reply leads to a page of its own."""

from django.urls import reverse

from conversation.factories import CommentFactory
from conversation.models import Comment


def reply_url(comment):
    return reverse("conversation:reply", args=[comment.pk])


def test_the_page_carries_one_reply_form_and_a_reply_link_per_comment(employee_client, discussion):
    comments = [CommentFactory(page=discussion, comment=f"Comment {n}") for n in range(3)]
    html = employee_client.get(discussion.url).content.decode()
    assert html.count("<template data-reply-form>") == 1
    assert html.count('name="parent"') == 1
    for comment in comments:
        assert f'href="{reply_url(comment)}" data-reply-fallback' in html


def test_the_reply_page_shows_the_comment_and_a_form_that_posts_a_reply(
    employee_client, discussion
):
    comment = CommentFactory(page=discussion, comment="Who is in on Friday?")
    response = employee_client.get(reply_url(comment))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Who is in on Friday?" in html
    assert f'<input type="hidden" name="parent" value="{comment.pk}">' in html
    assert 'href="{}"'.format(reverse("conversation:comment", args=[comment.pk])) in html
    response = employee_client.post(
        reverse("conversation:post", args=[discussion.pk]),
        {"body": "Me!", "parent": comment.pk, "key": "k"},
    )
    reply = Comment.objects.get(comment="Me!")
    assert reply.parent_id == comment.pk
    assert response["Location"] == f"{discussion.url}#comment-{reply.pk}"


def test_a_locked_conversation_says_so_instead_of_a_form(employee_client, discussion):
    comment = CommentFactory(page=discussion)
    discussion.comments_locked = True
    discussion.save()
    html = employee_client.get(reply_url(comment)).content.decode()
    assert "it takes no new comments" in html
    assert 'name="parent"' not in html


def test_hidden_removed_too_deep_or_unknown_comments_have_no_reply_page(
    employee_client, discussion, settings
):
    hidden = CommentFactory(page=discussion, is_public=False)
    removed = CommentFactory(page=discussion, is_removed=True)
    parent_id = 0
    for _level in range(settings.COMMENTS_XTD_MAX_THREAD_LEVEL + 1):
        deepest = CommentFactory(page=discussion, parent_id=parent_id)
        parent_id = deepest.pk
    assert deepest.level == settings.COMMENTS_XTD_MAX_THREAD_LEVEL
    for comment in (hidden, removed, deepest):
        assert employee_client.get(reply_url(comment)).status_code == 404
    assert employee_client.get(reverse("conversation:reply", args=[999999])).status_code == 404


def test_a_comment_on_a_page_without_comments_has_no_reply_page(employee_client, discussion):
    comment = CommentFactory(page=discussion)
    discussion.comments_enabled = False
    discussion.save()
    assert employee_client.get(reply_url(comment)).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, discussion):
    comment = CommentFactory(page=discussion)
    response = client.get(reply_url(comment))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_the_reply_page_only_shows(employee_client, discussion):
    comment = CommentFactory(page=discussion)
    assert employee_client.post(reply_url(comment)).status_code == 405
