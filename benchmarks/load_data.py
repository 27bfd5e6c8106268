"""The database side of `make load`: its employees before the run, its writes after.

Run in a child process with the server's settings and database:

    python -m benchmarks.load_data prepare USERS    # JSON: accounts, pages, the last comment id
    python -m benchmarks.load_data reconcile        # JSON in (acknowledged), JSON out (findings)

Each load employee is an ordinary account, `load-employee-NN`, that nothing
else uses, so every comment it has in the database came from a load run.
"""

import json
import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intranet.settings.bench")
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.db import transaction  # noqa: E402
from django.db.models import Max  # noqa: E402

from benchmarks.large_data import built_at_full_size  # noqa: E402
from communities.models import ANYONE_JOINS, CommunityPage, DiscussionPage  # noqa: E402
from conversation.models import Comment  # noqa: E402

PREFIX = "load-employee-"
# Pages the employees spread over: enough that they do not all queue on one
# thread, few enough that each gets several comments.
DISCUSSIONS = 40
COMMUNITIES = 20
SEARCHES = ["onboarding", "security", "travel policy", "customer", "leave", "laptop"]


def usernames(count: int) -> list[str]:
    return [f"{PREFIX}{number:02d}" for number in range(1, count + 1)]


@transaction.atomic
def prepare(count: int, password: str) -> dict:
    """Make sure `count` load employees exist and can sign in; say what they will use."""
    User = get_user_model()
    # One hash for all: hashing properly is slow by design, and these
    # accounts share one password anyway.
    hashed = make_password(password)
    for username in usernames(count):
        # `create` sends post_save, so each joins Employees and gets a profile
        # the way any new account does.
        user = User.objects.filter(username=username).first() or User.objects.create(
            username=username, first_name="Load", last_name=username[len(PREFIX) :]
        )
        if user.password != hashed:
            User.objects.filter(pk=user.pk).update(password=hashed, is_active=True)
    discussions = (
        DiscussionPage.objects.live()
        .filter(comments_enabled=True, comments_locked=False)
        .order_by("-pk")[:DISCUSSIONS]
    )
    communities = CommunityPage.objects.live().filter(ANYONE_JOINS).order_by("-pk")[:COMMUNITIES]
    return {
        "usernames": usernames(count),
        "discussions": [{"id": page.pk, "url": page.url} for page in discussions],
        "communities": [{"id": page.pk, "url": page.url} for page in communities],
        "searches": SEARCHES,
        "last_comment_id": Comment.objects.aggregate(last=Max("pk"))["last"] or 0,
        "large": built_at_full_size(),
    }


def reconcile(acknowledged: dict[str, str], last_comment_id: int, in_doubt=()) -> dict:
    """Compare the comments the server acknowledged with those the load employees have.

    `acknowledged` maps each comment id a redirect named to the token its text
    carried. Every one must be stored, with that text, once; no other comment
    by a load employee may have appeared since `last_comment_id`, except for
    posts `in_doubt` (tokens of requests that got no answer at all, which the
    server may or may not have saved before the connection broke).
    """
    stored = {
        str(pk): text
        for pk, text in Comment.objects.filter(
            user__username__startswith=PREFIX, pk__gt=last_comment_id
        ).values_list("pk", "comment")
    }
    missing = sorted(set(acknowledged) - set(stored), key=int)
    in_doubt = set(in_doubt)
    extra = set(stored) - set(acknowledged)
    saved_in_doubt = {pk for pk in extra if any(token in stored[pk] for token in in_doubt)}
    unexpected = sorted(extra - saved_in_doubt, key=int)
    wrong_text = sorted(
        (pk for pk, token in acknowledged.items() if pk in stored and token not in stored[pk]),
        key=int,
    )
    copies = {
        token: sum(token in text for text in stored.values())
        for token in {*acknowledged.values(), *in_doubt}
    }
    return {
        "acknowledged": len(acknowledged),
        "stored": len(stored),
        "missing": missing,
        "unexpected": unexpected,
        "wrong_text": wrong_text,
        "in_doubt": len(in_doubt),
        "in_doubt_saved": len(saved_in_doubt),
        "duplicated": sorted(token for token, count in copies.items() if count > 1),
    }


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "prepare":
        result = prepare(int(sys.argv[2]), os.environ.get("LOAD_PASSWORD", "changeme"))
    elif command == "reconcile":
        given = json.load(sys.stdin)
        result = reconcile(
            given["acknowledged"], given["last_comment_id"], given.get("in_doubt", ())
        )
    else:
        sys.exit(f"Unknown command {command!r}: use prepare or reconcile.")
    print(json.dumps(result))
