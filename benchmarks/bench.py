"""`make bench`: how long each main page takes against the floor, and how many queries.

Serves the intranet with gunicorn and the production settings (plus a query
counter, `intranet.settings.bench`) on SQLite, and again on PostgreSQL with
Redis when DATABASE_URL and REDIS_URL name them. Signed in as an employee, it
requests every page in `benchmarks.pages.PAGES`, the floor (an empty view
behind the same middleware) and a static file in turn, round after round, so
a slow moment on the machine hits them all alike: warm first, the cache filled
by the requests before; then cold, each request right after the benchmark
asked the server to clear its cache (`benchmarks.views.clear_cache`, untimed).
Then it times posting a comment beside the other writes (`benchmarks.writes`).
It prints a markdown table and writes it to benchmarks/results/. It reports
targets; it never fails on time.
"""

import argparse
import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import requests

from benchmarks import report, server, writes

RESULTS = Path(__file__).resolve().parent / "results"


ENGINES = ("all", "sqlite", "postgresql")
# Cleared in the one worker that answers the request to clear it only.
PER_PROCESS_CACHES = ("django.core.cache.backends.locmem.LocMemCache",)


def targets(sqlite_url: str, engine: str = "all") -> list[tuple[str, str, str]]:
    """(label, database URL, Redis URL) for each engine to measure.

    PostgreSQL is measured when DATABASE_URL and REDIS_URL name it and Redis.
    """
    found = []
    if engine in ("all", "sqlite"):
        found.append(("SQLite", sqlite_url, ""))
    database_url, redis_url = os.environ.get("DATABASE_URL", ""), os.environ.get("REDIS_URL", "")
    if engine in ("all", "postgresql"):
        if not (database_url.startswith("postgres") and redis_url):
            if engine == "postgresql":
                raise SystemExit("--engine postgresql needs DATABASE_URL and REDIS_URL set.")
        else:
            found.append(("PostgreSQL + Redis", database_url, redis_url))
    return found


def find_pages(env: dict[str, str]) -> dict:
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.pages"],
        cwd=server.ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def clear_cache(url: str, session: requests.Session) -> None:
    response = session.post(
        url, headers={"X-CSRFToken": server.csrf_token(session)}, allow_redirects=False, timeout=60
    )
    if response.status_code != 200:
        raise RuntimeError(f"Clearing the cache at {url} answered HTTP {response.status_code}.")


def measure(base_url: str, session, reader_session, found: dict, args):
    """Time every page warm, then cold; return the pages, the floor and the static file."""
    floor = report.Timing("floor", found["floor"]["floor"])
    static = report.Timing("static", found["floor"]["static"])
    pages = [report.Timing(name, path) for name, path in found["pages"].items()]
    reader_pages = [report.Timing(name, path) for name, path in found["reader pages"].items()]
    everything = [
        *((timing, session) for timing in (floor, static, *pages)),
        *((timing, reader_session) for timing in reader_pages),
    ]
    for timing, signed_in in everything:
        for _ in range(args.warmup):
            signed_in.get(base_url + timing.path, allow_redirects=False, timeout=60)
    for _ in range(args.requests):
        for timing, signed_in in everything:
            server.timed(signed_in, "GET", base_url + timing.path, timing)
    # A static file never reads the cache: it has no cold figure.
    cold = {timing.name: report.Timing(timing.name, timing.path) for timing, _ in everything}
    for _ in range(args.cold):
        for timing, signed_in in everything:
            if timing is not static:
                clear_cache(base_url + found["clear cache"], signed_in)
                server.timed(signed_in, "GET", base_url + timing.path, cold[timing.name])
    return (
        [report.Page(timing, cold[timing.name]) for timing in (*pages, *reader_pages)],
        report.Page(floor, cold[floor.name]),
        static,
    )


def data_set(large: bool) -> str:
    if large:
        return "large (`seed_demo --size large`)"
    return "not the large one: the targets are set for `seed_demo --size large`"


def git_commit() -> str:
    result = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607
        cwd=server.ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stdout.strip() or "unknown"


def run(label: str, database_url: str, redis_url: str, args) -> str:
    env = server.server_environment(database_url, redis_url)
    env["COMMENT_RATE_LIMIT"] = str(writes.COMMENT_RATE_LIMIT)
    server.ready_to_serve(env)
    found = find_pages(env)
    if found["cache"] in PER_PROCESS_CACHES and args.workers > 1:
        raise SystemExit(
            f"{found['cache']} is a cache per process: clearing it would reach one of the "
            f"{args.workers} workers only. Measure with --workers 1 or a shared cache."
        )
    with server.gunicorn(env, args.port, args.workers) as (base_url, _process):
        session = server.sign_in(base_url, args.user, args.password)
        reader_session = server.sign_in(base_url, args.reader, args.password)
        pages, floor, static = measure(base_url, session, reader_session, found, args)
        comment, other_writes = writes.measure(base_url, session, found, args.writes)
    facts = {
        "engine": label,
        "when": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": git_commit(),
        "server": f"gunicorn, {args.workers} workers, production settings, DEBUG off",
        "signed in as": f"{args.user} ({args.reader} for the insights pages)",
        "cache": found["cache"],
        "warm requests per page": f"{args.requests} (after {args.warmup} untimed), one at a time",
        "cold requests per page": f"{args.cold}, each right after the cache was cleared",
        "requests per write": f"{args.writes}, the writes in turn, after the pages",
        "data set": data_set(found["large"]),
        **{f"data: {name}": f"{count:,}" for name, count in found["size"].items()},
    }
    return (
        f"## Page benchmark: {label}\n\n{report.facts_table(facts)}\n"
        f"{report.page_table(pages, floor, static)}\n{report.summary(pages, floor)}\n\n"
        f"### Writes\n\n{writes.table(comment, other_writes)}"
    )


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=30, help="timed requests per page")
    # Enough that every worker has served each page once, with its own
    # per-process caches filled, before the timing starts.
    parser.add_argument("--warmup", type=int, default=10, help="untimed requests per page first")
    parser.add_argument("--cold", type=int, default=10, help="timed requests, each cache cleared")
    parser.add_argument("--writes", type=int, default=10, help="timed POSTs of each write")
    parser.add_argument("--port", type=int, default=8100)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--sqlite", type=server.sqlite_url, default=server.DEFAULT_SQLITE,
                        help="the SQLite database: a path or a URL")  # fmt: skip
    parser.add_argument("--engine", choices=ENGINES, default="all")
    parser.add_argument("--user", default="erin")
    parser.add_argument("--reader", default="dana", help="an Insights reader, for the dashboard")
    parser.add_argument("--password", default=os.environ.get("DEMO_PASSWORD", "changeme"))
    args = parser.parse_args(argv)
    if min(args.requests, args.cold, args.writes) < 1 or args.warmup < 0:
        parser.error("--requests, --cold and --writes must be at least 1, --warmup at least 0")
    RESULTS.mkdir(exist_ok=True)
    for label, database_url, redis_url in targets(args.sqlite, args.engine):
        markdown = run(label, database_url, redis_url, args)
        print(markdown)
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M")
        engine = "postgresql" if redis_url else "sqlite"
        path = RESULTS / f"bench-{engine}-{stamp}.md"
        path.write_text(markdown)
        print(f"Written to {path.relative_to(server.ROOT)}\n")


if __name__ == "__main__":
    main()
