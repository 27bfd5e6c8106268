"""Run Django in a child process, for behaviour that only shows at start-up, and a task worker."""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent


# Child processes with the production settings and no Redis keep their cache in
# an SQLite database in CACHE_DIR: a folder of the test run's, never the checkout's.
CHILD_CACHE_DIR = tempfile.mkdtemp(prefix="intranet-test-cache-")


def child_environment(**env: str) -> dict[str, str]:
    """Ours, with `env` on top, less the browser tests' async-safety switch,
    which Django's deployment checks rightly refuse."""
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return {"CACHE_DIR": CHILD_CACHE_DIR, **inherited, **env}


def run_python(code: str, **env: str) -> subprocess.CompletedProcess:
    """Run `code` with the project's Python and the given environment on top of ours."""
    return subprocess.run(  # noqa: S603 (our own interpreter and code)
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=child_environment(**env),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=child_environment(**env),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


READ_A_CACHED_FRAGMENT = """
import sys
import django
django.setup()
from django.template import RequestContext, Template
from django.test import RequestFactory
from intranet.caching import mark_changed
# A stamp no signal marks: only what the test does changes it.
fragment = Template(
    '{% load wagtail_cache %}{% wagtailcache cache_lifetime "sample" changed.sample %}'
    '{{ value }}{% endwagtailcache %}'
)
print(fragment.render(RequestContext(RequestFactory().get("/"), {"value": sys.argv[1]})))
if sys.argv[2] == "mark":
    mark_changed("sample")
"""


def cached_fragment_in_a_new_process(built_by: str, then: str = "", **env: str) -> str:
    """The fragment "sample" as a new process finds it, built by `built_by` if missing; with
    `then="mark"`, the process then marks what it is built from changed."""
    result = run_python(
        f"import sys; sys.argv = ['-', {built_by!r}, {then!r}]\n{READ_A_CACHED_FRAGMENT}", **env
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def page_and_queries_naming(client, url: str, marker: str, **extra) -> tuple[str, list[dict]]:
    """The page at `url`, and the queries that building it made whose SQL holds `marker`.

    For what a cached fragment spares: the reads of the table or column it is built from.
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        html = client.get(url, **extra).content.decode()
    return html, [query for query in queries if marker in query["sql"]]


# The queue in the database, as in development and production, for tests that run
# a worker (`run_worker_until_the_queue_is_empty`) rather than each task at once.
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Their data is committed: between tasks the worker closes a connection left in
# a transaction, as it should, which on PostgreSQL would end the test's own.
# Serialized rollback restores the migrated pages that committing tests flush.
WITH_A_WORKER = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def run_worker_until_the_queue_is_empty() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
