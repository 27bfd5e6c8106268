"""The scheduler and a real worker process, on a database of their own: what run_schedule
queues, the worker runs, and SIGTERM stops it cleanly. With REDIS_URL, the RQ worker too.
`make run`'s devserver stops its worker and scheduler with it."""

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.helpers import ROOT, child_environment, run_manage

pytestmark = pytest.mark.own_databases


@pytest.fixture(scope="module")
def one_server(tmp_path_factory):
    """The environment of a development server on a freshly migrated SQLite database."""
    folder = tmp_path_factory.mktemp("worker")
    env = {
        "DJANGO_SETTINGS_MODULE": "intranet.settings.dev",
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "TASKS_BACKEND": "database",
    }
    migrated = run_manage("migrate", "--noinput", **env)
    assert migrated.returncode == 0, migrated.stdout + migrated.stderr
    return env, folder / "db.sqlite3"


def start_manage(*args: str, env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(  # noqa: S603 (our own interpreter)
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=child_environment(**env),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def rows(database, sql):
    with sqlite3.connect(database) as connection:
        return connection.execute(sql).fetchall()


def statuses(database) -> dict[str, str]:
    return dict(rows(database, "SELECT task_path, status FROM django_tasks_database_dbtaskresult"))


def test_a_worker_process_runs_what_the_scheduler_queued(one_server):
    env, database = one_server
    queued = run_manage("run_schedule", **env)
    assert queued.returncode == 0, queued.stderr
    assert "Queued insights-rollup" in queued.stdout
    assert set(statuses(database).values()) == {"READY"}

    worker = start_manage("run_worker", env=env)
    try:
        deadline = time.monotonic() + 120
        while set(statuses(database).values()) != {"SUCCESSFUL"}:
            assert worker.poll() is None, "the worker stopped"
            assert time.monotonic() < deadline, statuses(database)
            time.sleep(0.5)
    finally:
        worker.terminate()
        # It stops cleanly between tasks.
        assert worker.wait(timeout=30) == 0

    assert rows(database, "SELECT COUNT(*) FROM intranet_workerheartbeat") == [(1,)]
    # The roll-up counted yesterday.
    assert rows(database, "SELECT COUNT(*) FROM insights_searchday") == [(1,)]
    # The scheduler queues nothing twice.
    again = run_manage("run_schedule", **env)
    assert "Queued insights-rollup" not in again.stdout


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL")
def test_the_redis_worker_runs_what_was_queued_in_redis(one_server):
    env, database = one_server
    env = {**env, "TASKS_BACKEND": "redis", "REDIS_URL": os.environ["REDIS_URL"]}
    rows(database, "DELETE FROM intranet_workerheartbeat")
    enqueued = run_manage(
        "shell", "-c", "from intranet.tasks import heartbeat_task; heartbeat_task.enqueue()", **env
    )
    assert enqueued.returncode == 0, enqueued.stderr
    assert rows(database, "SELECT COUNT(*) FROM intranet_workerheartbeat") == [(0,)]
    worked = run_manage(
        "rqworker", "--job-class", "django_tasks_rq.Job", "--burst", "default", **env
    )
    assert worked.returncode == 0, worked.stderr
    assert rows(database, "SELECT COUNT(*) FROM intranet_workerheartbeat") == [(1,)]


def children(pid: int) -> set[int]:
    """The processes `pid` started, and theirs (Linux's /proc)."""
    found = set()
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        for child in map(int, task.read_text().split()):
            found |= {child} | children(child)
    return found


def running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except FileNotFoundError:
        return False
    # A zombie has stopped; only its parent has not asked how yet.
    return state != "Z"


def test_the_development_server_stops_its_worker_and_scheduler_with_it(one_server):
    env, _database = one_server
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    devserver = start_manage("devserver", f"127.0.0.1:{port}", env=env)
    try:
        deadline = time.monotonic() + 60
        while True:
            assert time.monotonic() < deadline, "runserver did not answer"
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz/", timeout=5):
                    break
            except OSError:
                time.sleep(0.5)
        started = children(devserver.pid)
        commands = {Path(f"/proc/{pid}/cmdline").read_bytes() for pid in started}
        for command in (b"runserver", b"run_worker", b"run_schedule"):
            assert any(command in line for line in commands), command
    finally:
        devserver.send_signal(signal.SIGINT)
        assert devserver.wait(timeout=30) == 0
    deadline = time.monotonic() + 10
    while any(running(pid) for pid in started):
        assert time.monotonic() < deadline, [pid for pid in started if running(pid)]
        time.sleep(0.2)
