"""A discussion costs the same number of queries with 5 comments as with 200 in deep threads,
to read and to post in."""

import uuid

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from communities.factories import DiscussionPageFactory
from conversation.factories import CommentFactory, CommentReactionFactory, FlagFactory
from intranet.factories import UserFactory
from tests.helpers import DATABASE_QUEUE

MAX_QUERIES = 30
# Posting, by whether it is a reply: the sign-in, the page and its restrictions,
# the author's turn, the rate, three tables (twice, as django-comments-xtd saves
# a new comment twice), the event, two queued tasks and the thread's page to go
# back to. A reply also reads its parent and makes room for itself in the thread
# (django-comments-xtd's ordering).
POST_MAX_QUERIES = {False: 20, True: 27}


def build(community, size):
    page = DiscussionPageFactory(parent=community, title=f"Size {size}")
    people = UserFactory.create_batch(5)
    made = 0
    while made < size:
        # A thread three replies deep: a comment, its reply, and so on.
        parent_id = 0
        for level in range(4):
            comment = CommentFactory(page=page, user=people[made % 5], parent_id=parent_id)
            parent_id = comment.pk
            CommentReactionFactory(comment=comment, user=people[level])
            made += 1
            if made == size:
                break
        FlagFactory(comment=comment, user=people[4])
    return page


def count_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


def test_a_discussion_with_200_comments_costs_what_one_with_5_does(
    client, make_community, owner, employee
):
    community = make_community(lead=owner)
    small, large = build(community, 5), build(community, 200)
    for viewer in (employee, owner):
        client.force_login(viewer)
        small_cost, _ = count_queries(client, small.url)
        large_cost, response = count_queries(client, large.url)
        assert small_cost == large_cost <= MAX_QUERIES, viewer
        assert "200 comments" in response.content.decode()
        # The reply page, for the last thread's first comment in either discussion.
        small_reply, large_reply = (
            reverse(
                "conversation:reply", args=[page.conversation_comments.filter(level=0).last().pk]
            )
            for page in (small, large)
        )
        assert count_queries(client, small_reply)[0] == count_queries(client, large_reply)[0]
    client.force_login(employee)
    assert count_queries(client, community.url)[0] <= MAX_QUERIES


def test_posting_a_comment_or_reply_costs_the_same_on_a_long_discussion(
    client, make_community, owner, employee, settings
):
    # Queued, as in production: the worker indexes and notifies after the answer.
    settings.TASKS = DATABASE_QUEUE
    community = make_community(lead=owner)
    small, large = build(community, 5), build(community, 200)
    client.force_login(employee)
    for parent in (None, "last top-level comment"):
        costs = []
        for page in (small, large):
            form = {"body": "Agreed.", "key": uuid.uuid4().hex}
            if parent:
                form["parent"] = page.conversation_comments.filter(level=0).last().pk
            url = reverse("conversation:post", args=[page.pk])
            with CaptureQueriesContext(connection) as queries:
                response = client.post(url, form)
            assert response.status_code == 302, response.content
            costs.append(len(queries))
        assert costs[0] == costs[1] <= POST_MAX_QUERIES[bool(parent)], (parent, costs)
    assert small.conversation_comments.count() == 5 + 2
