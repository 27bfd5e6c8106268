"""Limits that hold when the requests come all at once.

A limit read in one statement and written in another lets parallel requests
through together: each counts the comments before any of them is saved. These
tests send the requests at once, from threads with their own connections, on
data that is committed (a transactional test), so each request sees the
others' writes as the production server would.
"""

import json
import sqlite3
import threading
import uuid
from contextlib import closing

import pytest

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.urls import reverse

from communities.factories import DiscussionPageFactory
from conversation.models import Comment
from home.models import HomePage
from intranet.factories import UserFactory
from tests.attack.conftest import community, publish
from tests.helpers import run_python

PARALLEL_POSTS = 25

POST_ON_A_SQLITE_FILE = """
import json, django
django.setup()
from tests.attack.test_parallel_limits import post_at_once
print(json.dumps(post_at_once({username!r}, {page_pk}, {count})))
"""


def post_at_once(username: str, page_pk: int, count: int) -> tuple[list[int], int]:
    """`count` comments by one person on one page, posted together.

    Returns the responses' statuses and how many of the person's comments are stored.
    """
    user = get_user_model().objects.get(username=username)
    url = reverse("conversation:post", args=[page_pk])
    clients = []
    for _ in range(count):
        # A 500 comes back as a response to count, not as an exception.
        client = Client(raise_request_exception=False)
        client.force_login(user)
        clients.append(client)
    start = threading.Barrier(count)
    statuses = []

    def post(number, client):
        start.wait()
        try:
            data = {"body": f"Comment {number}", "key": uuid.uuid4().hex}
            statuses.append(client.post(url, data).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=pair) for pair in enumerate(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses, Comment.objects.filter(user=user).count()


def post_at_once_on_a_sqlite_file(path, username: str, page_pk: int, count: int):
    """`post_at_once` on a copy of the test database in a file, as the intranet runs.

    The suite's in-memory SQLite shares one cache between its connections,
    where a second writer fails at once instead of waiting its turn; a file,
    with the settings' WAL journal and IMMEDIATE transactions, queues them.
    """
    connection.ensure_connection()
    with closing(sqlite3.connect(path)) as copy:
        connection.connection.backup(copy)
    result = run_python(
        POST_ON_A_SQLITE_FILE.format(username=username, page_pk=page_pk, count=count),
        DJANGO_SETTINGS_MODULE="intranet.settings.test",
        DATABASE_URL=f"sqlite:///{path}",
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_parallel_comments_by_one_person_store_at_most_the_limit(settings, tmp_path):
    erin = UserFactory(username="erin")
    where = community(HomePage.objects.get(), "Parallel", lead=UserFactory(username="lead"))
    discussion = publish(DiscussionPageFactory(parent=where, title="All at once", author=erin))

    if connection.vendor == "sqlite":
        statuses, stored = post_at_once_on_a_sqlite_file(
            tmp_path / "intranet.sqlite3", "erin", discussion.pk, PARALLEL_POSTS
        )
    else:
        statuses, stored = post_at_once("erin", discussion.pk, PARALLEL_POSTS)

    assert len(statuses) == PARALLEL_POSTS, "a request raised instead of answering"
    limit = settings.CONVERSATION_RATE_LIMIT
    assert stored <= limit, f"{stored} comments stored, the limit is {limit}"
    # And no fewer: waiting for one's turn refuses nothing the limit allows.
    assert stored == limit
    # The ones let through come back to the page; the others are refused
    # as too many, with the text kept, and none fails.
    assert sorted(set(statuses)) == [302, 429], statuses
    assert statuses.count(302) == stored
