"""`python -m benchmarks.fanout`: the cost of a comment on a discussion that 1,000 people follow.

On a fresh SQLite database of its own (migrated first, about half a minute),
it posts comments through `conversation.services.post_comment`, the code the
comment form's POST runs: with the immediate backend, which fans the comment
out inside the request as before the task queue, and with the database
backend, which only queues it. Then a worker (`db_worker --batch`, in this
process) fans a queued comment out, timed. It prints the medians in
milliseconds and checks that every follower was told.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path


def setup(folder: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "intranet.settings.dev"
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'db.sqlite3'}"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", "--noinput", verbosity=0)


def measure(followers: int, rounds: int) -> dict[str, float]:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.test import override_settings

    from communities.factories import CommunityPageFactory, DiscussionPageFactory
    from conversation.services import post_comment
    from home.models import HomePage
    from intranet.factories import UserFactory
    from notifications.models import Notification, PageFollow

    community = CommunityPageFactory(parent=HomePage.objects.get())
    community.save_revision().publish()
    # Unusable passwords: hashing a thousand real ones would take minutes.
    unusable = make_password(None)
    discussion = DiscussionPageFactory(parent=community, author=UserFactory(password=unusable))
    discussion.save_revision().publish()
    people = get_user_model().objects.bulk_create(
        get_user_model()(
            username=f"follower{n}", email=f"follower{n}@example.com", password=unusable
        )
        for n in range(followers)
    )
    PageFollow.objects.bulk_create(PageFollow(user=person, page=discussion) for person in people)
    authors = [UserFactory(password=unusable) for _ in range(2 * rounds)]

    def post(author, backend: str) -> float:
        with override_settings(TASKS={"default": {"BACKEND": backend}}):
            start = time.perf_counter()
            post_comment(author, discussion, f"A comment by {author.username}")
            return time.perf_counter() - start

    # Each author posts once: the conversation's rate limit counts a person's comments.
    inline = [
        post(author, "django_tasks.backends.immediate.ImmediateBackend")
        for author in authors[:rounds]
    ]
    queued, worker = [], []
    for author in authors[rounds:]:
        queued.append(post(author, "django_tasks_db.DatabaseBackend"))
        with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
            start = time.perf_counter()
            call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
            worker.append(time.perf_counter() - start)
    told = Notification.objects.filter(recipient__in=people).count()
    if told != followers:
        raise SystemExit(f"{told} of {followers} followers were told.")
    return {
        "POST, fan-out inline (before)": statistics.median(inline) * 1000,
        "POST, fan-out queued (now)": statistics.median(queued) * 1000,
        "worker: fan-out and re-index": statistics.median(worker) * 1000,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--followers", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="intranet-fanout-") as folder:
        setup(Path(folder))
        figures = measure(options.followers, options.rounds)
    sys.stdout.write(f"| {options.followers} followers, median of {options.rounds} | ms |\n")
    sys.stdout.write("| --- | --- |\n")
    for label, ms in figures.items():
        sys.stdout.write(f"| {label} | {ms:.0f} |\n")


if __name__ == "__main__":
    main()
