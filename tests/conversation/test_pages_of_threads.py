"""A long conversation shows its threads a page at a time; every link lands on the right page."""

import re

from django.urls import reverse

from conversation import queries
from conversation.factories import CommentFactory
from conversation.models import Comment
from conversation.queries import PAGE_PARAMETER, THREADS_PER_PAGE


def threads(discussion, count):
    """`count` threads of one comment each, the oldest first, plus a reply to the last one."""
    roots = [CommentFactory(page=discussion, comment=f"Thread {n}") for n in range(count)]
    reply = CommentFactory(page=discussion, comment="The last reply", parent_id=roots[-1].pk)
    return roots, reply


def shown(html):
    return re.findall(r"Thread \d+", html)


def test_each_page_shows_its_threads_and_says_where_it_is(employee_client, discussion):
    threads(discussion, THREADS_PER_PAGE + 5)
    first = employee_client.get(discussion.url).content.decode()
    assert shown(first) == [f"Thread {n}" for n in range(THREADS_PER_PAGE)]
    assert f"{THREADS_PER_PAGE + 6} comments" in first
    assert "Page 1 of 2" in first
    assert f'rel="next" href="?{PAGE_PARAMETER}=2#conversation"' in first
    second = employee_client.get(f"{discussion.url}?{PAGE_PARAMETER}=2").content.decode()
    assert shown(second) == [f"Thread {n}" for n in range(THREADS_PER_PAGE, THREADS_PER_PAGE + 5)]
    assert "The last reply" in second
    assert f'rel="prev" href="?{PAGE_PARAMETER}=1#conversation"' in second


def test_newest_first_pages_keep_their_order(employee_client, discussion):
    threads(discussion, THREADS_PER_PAGE + 1)
    first = employee_client.get(f"{discussion.url}?order=newest").content.decode()
    assert shown(first)[0] == f"Thread {THREADS_PER_PAGE}"
    assert f'href="?order=newest&amp;{PAGE_PARAMETER}=2#conversation"' in first
    second = employee_client.get(f"{discussion.url}?order=newest&{PAGE_PARAMETER}=2")
    assert shown(second.content.decode()) == ["Thread 0"]


def test_a_bad_page_number_shows_the_nearest_page(employee_client, discussion):
    threads(discussion, THREADS_PER_PAGE + 1)
    for number in ("abc", "-3", "99"):
        response = employee_client.get(f"{discussion.url}?{PAGE_PARAMETER}={number}")
        assert response.status_code == 200
        assert shown(response.content.decode()), number


def test_a_short_conversation_has_no_page_links(employee_client, discussion):
    threads(discussion, 3)
    assert (
        'aria-label="Pages of comments"' not in employee_client.get(discussion.url).content.decode()
    )


def test_a_permalink_lands_on_the_page_that_shows_the_comment(employee_client, discussion):
    roots, reply = threads(discussion, THREADS_PER_PAGE + 1)
    assert (
        employee_client.get(reverse("conversation:comment", args=[reply.pk]))["Location"]
        == f"{discussion.url}?{PAGE_PARAMETER}=2#comment-{reply.pk}"
    )
    assert (
        employee_client.get(reverse("conversation:comment", args=[roots[0].pk]))["Location"]
        == f"{discussion.url}#comment-{roots[0].pk}"
    )


def test_posting_on_a_later_page_comes_back_to_that_page(employee_client, discussion):
    roots, _reply = threads(discussion, THREADS_PER_PAGE + 1)
    response = employee_client.post(
        reverse("conversation:post", args=[discussion.pk]),
        {"body": "Another reply", "parent": roots[-1].pk, "key": "k"},
    )
    posted = Comment.objects.get(comment="Another reply")
    assert response["Location"] == f"{discussion.url}?{PAGE_PARAMETER}=2#comment-{posted.pk}"
    page = employee_client.get(response["Location"]).content.decode()
    assert f'id="comment-{posted.pk}"' in page
    # Newest first, the same thread is on the first page.
    response = employee_client.post(
        reverse("conversation:post", args=[discussion.pk]),
        {"body": "Newest", "parent": roots[-1].pk, "key": "k2", "order": "newest"},
    )
    newest = Comment.objects.get(comment="Newest")
    assert response["Location"] == f"{discussion.url}?order=newest#comment-{newest.pk}"


def test_only_the_comments_shown_are_read_in_full(discussion):
    threads(discussion, THREADS_PER_PAGE + 5)
    _pages, nodes, count = queries._shown_threads(discussion, "oldest", 2, is_moderator=False)
    assert all(isinstance(node.comment, Comment) for node in nodes.values())
    assert len(nodes) == 6
    assert count == THREADS_PER_PAGE + 6


def test_a_comment_deleted_while_the_page_is_built_shows_as_removed(
    employee_client, discussion, monkeypatch
):
    roots, reply = threads(discussion, 2)
    outline = queries._outline

    def outline_then_delete(page, order):
        rows = list(outline(page, order))
        # Gone between the outline and the full read, its reply still there.
        Comment.objects.filter(pk=roots[-1].pk).delete()
        return rows

    monkeypatch.setattr(queries, "_outline", outline_then_delete)
    html = employee_client.get(discussion.url).content.decode()
    assert "Comment removed." in html
    assert "The last reply" in html
    assert "Thread 0" in html
