"""The fast building blocks of `make bench`, `make load` and `make faults`.

The runs themselves take minutes and are not part of the suite; what they
stand on is tested here: the query counter, the floor view, the result
tables and the check of acknowledged writes.
"""

import argparse
import os
import subprocess
import sys
import time

import pytest

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page

from benchmarks import faults, load, load_data, report, server, writes
from communities.factories import CommunityPageFactory, DiscussionPageFactory
from conversation.models import Comment
from conversation.services import post_comment
from insights.models import PageView
from tests.helpers import ROOT, run_manage


@pytest.fixture
def bench_urls(settings):
    settings.MIDDLEWARE = ["benchmarks.middleware.QueryCountMiddleware", *settings.MIDDLEWARE]
    settings.ROOT_URLCONF = "benchmarks.urls"


@pytest.mark.django_db
def test_each_response_says_how_many_queries_it_made(bench_urls, employee_client):
    with CaptureQueriesContext(connection) as captured:
        response = employee_client.get("/people/")
    assert response.status_code == 200
    assert int(response["X-Queries"]) == len(captured.captured_queries) > 2


@pytest.mark.django_db
def test_the_floor_answers_a_signed_in_person_only(bench_urls, client, employee):
    response = client.get("/bench/floor/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")
    client.force_login(employee)
    assert client.get("/bench/floor/").status_code == 200
    # The second time, as the benchmark times the floor: the session and the
    # user, the least any signed-in page costs.
    response = client.get("/bench/floor/")
    assert response["X-Queries"] == "2"


@pytest.mark.django_db
def test_the_floor_with_a_page_view_adds_exactly_the_one_write(bench_urls, employee_client):
    home = Page.objects.get(depth=2)
    employee_client.get("/bench/floor/")  # as the benchmark does, warmed first
    response = employee_client.get(f"/bench/floor/view/{home.pk}/")
    assert response.status_code == 200
    assert response["X-Queries"] == "3"
    assert PageView.objects.filter(page=home).count() == 1


@pytest.mark.django_db
def test_the_floor_is_not_there_outside_the_benchmark(employee_client):
    response = employee_client.get("/bench/floor/")
    assert response.status_code == 404
    assert "X-Queries" not in response


@pytest.mark.django_db
def test_the_cache_is_cleared_by_a_signed_in_post_only(bench_urls, client, employee):
    cache.set("shared-block", "<p>shared</p>")
    assert client.post("/bench/cache/clear/").status_code == 302  # to sign in
    client.force_login(employee)
    assert client.get("/bench/cache/clear/").status_code == 405
    assert cache.get("shared-block") == "<p>shared</p>"
    assert client.post("/bench/cache/clear/").status_code == 200
    assert cache.get("shared-block") is None


def test_the_bench_settings_pass_the_system_checks():
    result = run_manage(
        "check",
        DJANGO_SETTINGS_MODULE="intranet.settings.bench",
        DJANGO_SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="127.0.0.1",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def timing(name, milliseconds, queries, errors=()):
    return report.Timing(
        name,
        f"/{name}/",
        seconds=[ms / 1000 for ms in milliseconds],
        queries=list(queries),
        errors=list(errors),
    )


def test_the_page_table_shows_each_page_warm_and_cold_against_the_warm_floor():
    floor = report.Page(timing("floor", [10, 10, 12], [2, 2, 2]), timing("floor", [20], [4]))
    static = timing("static", [4, 5, 6], [0, 0, 0])
    fast = report.Page(
        timing("fast", [20, 25, 30], [8, 8, 9]), timing("fast", [100, 140, 150], [20, 20, 20])
    )
    table = report.page_table([fast], floor, static)
    lines = table.splitlines()
    assert lines[0] == (
        "| page | warm median ms | warm p95 ms | warm × floor | warm queries "
        "| cold median ms | cold p95 ms | cold × floor | cold queries | targets |"
    )
    # The usual count is the median; a first request's extra queries show beside it.
    assert lines[2] == (
        "| fast (`/fast/`) | 25.0 | 29.5 | 2.5 | 8 (at most 9) | 140.0 | 149.0 | 14.0 | 20 | met |"
    )
    assert lines[3] == (
        "| floor: signed-in empty view (`/floor/`) | 10.0 | 11.8 | 1.0 | 2 "
        "| 20.0 | 20.0 | 2.0 | 4 | |"
    )
    # A static file reads no cache: it has no cold figures.
    assert lines[4] == "| static file (`/static/`) | 5.0 | 5.9 | 0.5 | 0 | – | – | – | – | |"
    assert report.summary([fast], floor).startswith("Every page meets the targets")


def test_the_page_table_names_each_target_a_page_misses():
    floor = report.Page(timing("floor", [10], [2]), timing("floor", [20], [4]))
    static = timing("static", [5], [0])
    slow = report.Page(
        timing("slow", [40, 50, 60], [30, 31, 30], errors=["HTTP 500"]),
        # Cold, every request counts: one with 26 queries misses the target.
        timing("slow", [150, 160, 170], [25, 26, 25], errors=["ReadTimeout"]),
    )
    fine = report.Page(timing("fine", [30], [5]), timing("fine", [100], [25]))
    row = report.page_table([slow, fine], floor, static).splitlines()[2]
    assert row.endswith(
        "| 1 failed warm requests (HTTP 500); 1 failed cold requests (ReadTimeout); "
        "warm median 5.0× the floor (target 4×); warm 30 queries (target 20); "
        "cold median 16.0× the floor (target 15×); cold 26 queries (target 25) |"
    )
    assert report.summary([slow, fine], floor) == "Missing a target: slow."


def test_the_writes_table_holds_a_comment_to_the_slowest_other_write():
    comment = timing("comment", [30, 40, 50], [28, 28, 29])
    reaction = timing("reaction", [20, 25, 30], [14, 14, 14])
    joining = timing("join", [35, 45, 55], [19, 19, 19], errors=["HTTP 403"])
    table = writes.table(comment, [reaction, joining])
    assert "| comment (`POST /comment/`) | 40.0 | 49.0 | 28 (at most 29) |" in table
    assert "| join (`POST /join/`) (1 failed: HTTP 403) | 45.0 | 54.0 | 19 |" in table
    assert table.endswith("meets its target: a median at most that of the slowest other write "
                          "(join, 45.0 ms).\n")  # fmt: skip
    slow_comment = timing("comment", [60], [28])
    assert "misses its target" in writes.table(slow_comment, [reaction, joining])


def test_percentiles_interpolate_between_ranks():
    values = [float(n) for n in range(1, 101)]
    assert report.percentile(values, 0.5) == pytest.approx(50.5)
    assert report.percentile(values, 0.95) == pytest.approx(95.05)
    assert report.percentile([7.0], 0.95) == 7.0
    assert report.percentile([], 0.95) == 0.0


@pytest.fixture
def load_run(db):
    """Two load employees, a discussion, and the plan `make load` would use."""
    plan = load_data.prepare(2, "a-load-password")
    community = CommunityPageFactory(parent=Page.objects.get(depth=2))
    discussion = DiscussionPageFactory(parent=community)
    return plan, discussion


def post_through_the_form(client, discussion, text):
    """Post as the load does; return the id the redirect acknowledges."""
    response = client.post(
        f"/conversation/pages/{discussion.pk}/comments/", {"body": text, "key": text[-8:]}
    )
    assert response.status_code == 302
    return load.ACKNOWLEDGED.search(response["Location"]).group(1)


def test_acknowledged_comments_reconcile_with_the_database(client, load_run):
    plan, discussion = load_run
    employees = get_user_model().objects.filter(username__in=plan["usernames"])
    assert employees.count() == 2
    client.force_login(employees[0])
    acknowledged = {}
    for token in ("aaaa1111", "bbbb2222", "cccc3333"):
        acknowledged[post_through_the_form(client, discussion, f"Load {token}")] = token
    check = load_data.reconcile(acknowledged, plan["last_comment_id"])
    assert check["acknowledged"] == check["stored"] == 3
    assert check["missing"] == check["unexpected"] == check["duplicated"] == []
    assert load.writes_ok(check)


def test_reconciliation_finds_lost_extra_and_doubled_comments(client, load_run):
    plan, discussion = load_run
    employee = get_user_model().objects.get(username=plan["usernames"][1])
    client.force_login(employee)
    kept = post_through_the_form(client, discussion, "Load keep0001")
    lost = post_through_the_form(client, discussion, "Load lost0002")
    Comment.objects.filter(pk=lost).delete()
    # Saved without the server ever answering, and a second copy of a kept one.
    extra = post_comment(employee, discussion, "Load extra003")
    double = post_comment(employee, discussion, "Load keep0001 again")
    doubt = post_comment(employee, discussion, "Load doubt004")
    acknowledged = {kept: "keep0001", lost: "lost0002"}
    check = load_data.reconcile(acknowledged, plan["last_comment_id"], in_doubt=["doubt004"])
    assert check["missing"] == [lost]
    assert check["unexpected"] == sorted([str(extra.pk), str(double.pk)], key=int)
    assert check["duplicated"] == ["keep0001"]
    assert (check["in_doubt"], check["in_doubt_saved"]) == (1, 1)
    assert str(doubt.pk) not in check["unexpected"]
    assert not load.writes_ok(check)


def test_preparing_twice_keeps_the_same_employees(load_run):
    plan, _discussion = load_run
    again = load_data.prepare(2, "a-load-password")
    assert again["usernames"] == plan["usernames"]
    # The report says the targets are for the large data set, which this is not.
    assert again["large"] is False
    employees = get_user_model().objects.filter(username__startswith=load_data.PREFIX)
    assert employees.count() == 2
    assert all(employee.check_password("a-load-password") for employee in employees)
    assert all(employee.profile for employee in employees)


def test_make_help_lists_the_measurements():
    result = subprocess.run(
        ["make", "--no-print-directory", "help"],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    for target in ("bench", "load", "faults"):
        assert f"make {target} " in result.stdout


def test_load_bounds_refuse_runs_that_would_not_stop():
    parser = argparse.ArgumentParser()
    load.add_arguments(parser)
    for bad in (["--users", "0"], ["--users", "5000"], ["--duration", "0"], ["--duration", "9999"]):
        with pytest.raises(SystemExit):
            load.check_bounds(parser, parser.parse_args(bad))
    load.check_bounds(parser, parser.parse_args(["--users", "3", "--duration", "5"]))


def test_a_database_path_or_url_names_the_sqlite_database(tmp_path):
    assert server.sqlite_url(str(tmp_path / "large.sqlite3")) == (
        f"sqlite:///{tmp_path}/large.sqlite3"
    )
    url = f"sqlite:///{tmp_path}/large.sqlite3"
    assert server.sqlite_url(url) == url
    assert server.sqlite_url("postgres://db/intranet") == "postgres://db/intranet"


def test_the_cpu_of_a_process_is_read_from_its_proc_stat_line():
    # A command name may hold spaces and brackets; the fields count from its last ")".
    line = (
        "4242 (gunicorn: (worker) x) S 4241 4241 4100 0 -1 4194368 9000 0 0 0 "
        "350 150 70 30 20 0 1 0 26919 3133440 382 18446744073709551615 0 0 0 0\n"
    )
    parent, own, reaped = server.parse_stat(line)
    assert parent == 4241
    assert own == pytest.approx(500 / server.CLOCK_TICKS)
    assert reaped == pytest.approx(100 / server.CLOCK_TICKS)


def test_a_process_cpu_includes_its_own_use():
    started = time.process_time()
    while time.process_time() - started < 0.2:
        pass
    # The clock ticks in steps of 1/CLOCK_TICKS s.
    assert server.gunicorn_cpu_seconds(os.getpid()) >= time.process_time() - 0.05


BUSY_WORKER = """
import sys, time
started = time.process_time()
while time.process_time() - started < 0.3:
    pass
print("busy", flush=True)
sys.stdin.readline()
"""


def test_a_worker_cpu_counts_while_it_runs_and_once_it_is_reaped():
    before = server.gunicorn_cpu_seconds(os.getpid())
    worker = subprocess.Popen(  # noqa: S603 (our own interpreter)
        [sys.executable, "-c", BUSY_WORKER], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    assert worker.stdout.readline() == b"busy\n"
    running = server.gunicorn_cpu_seconds(os.getpid())
    worker.communicate(b"stop\n", timeout=30)
    reaped = server.gunicorn_cpu_seconds(os.getpid())
    assert running - before >= 0.25
    assert reaped - before >= 0.25


def test_the_load_report_shows_server_cpu_per_answered_request_and_the_targets():
    result = load.LoadResult(
        outcomes=[
            load.Outcome("home", seconds=0.1, status=200),
            load.Outcome("home", seconds=0.2, status=200),
            load.Outcome("comment", seconds=0.5, status=500),
            load.Outcome("home", seconds=60, status=0, detail="ReadTimeout"),
        ],
        server_cpu=0.6,
    )
    assert load.cpu_cell(result) == "200.0 ms (0.6 s over 3 answered requests)"
    check = {"missing": [], "unexpected": ["12"], "wrong_text": [], "duplicated": []}
    lines = load.targets_table("sqlite", 50, result, check).splitlines()
    assert lines[2] == "| p95 at most 400 ms | 470 ms | missed |"
    assert lines[3] == "| no 5xx | 1 | missed |"
    assert lines[4].endswith(
        "| 0 missing, 1 unexpected, 0 with other text, 0 duplicated | missed |"
    )
    check["unexpected"] = []
    table = load.targets_table("postgresql", 3, result, check)
    assert "| p95 at most 600 ms | 470 ms | met |" in table
    assert "| 0 missing, 0 unexpected, 0 with other text, 0 duplicated | met |" in table
    assert "The targets are set for 50 employees; this run had 3." in table
    assert load.cpu_cell(load.LoadResult()) == "not measured (no /proc)"


def test_the_outage_counts_the_requests_sent_during_it():
    """A request sent before the database stopped may be answered after, from what it had read."""
    result = load.LoadResult(
        outcomes=[
            load.Outcome("read discussion", seconds=0.5, status=200, at=10.2),
            load.Outcome("read discussion", seconds=0.1, status=503, at=10.4),
            load.Outcome("read discussion", seconds=0.1, status=200, at=22.5),
        ]
    )
    assert [o.status for o in faults.window(result, 10.0, 22.0)] == [503]
    assert [o.status for o in faults.window(result, 22.0, float("inf"))] == [200]
