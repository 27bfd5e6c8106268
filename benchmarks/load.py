"""`make load`: simulated employees read, search, join, comment and react, all at once.

Serves the intranet with gunicorn (2 workers, the benchmark settings) on
SQLite, and again on PostgreSQL with Redis when DATABASE_URL and REDIS_URL name
them. Each employee is a thread with a session of its own that signs in
through the login form and then, until the time is up, picks an action,
sends it as a browser would (cookies, CSRF token, the comment form's key) and
pauses a moment. Every comment the server acknowledges (the redirect names
it) is checked against the database afterwards: all there, once, and nothing
else. Beside the latencies it reports the CPU the gunicorn processes spent
per request, read from /proc, which leaves out the load generator's own CPU
on the same cores. Traffic goes to 127.0.0.1 only, and stops after the
duration or the request cap, whichever comes first.
"""

import argparse
import json
import random
import re
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import requests

from benchmarks import report, server
from benchmarks.bench import ENGINES, data_set, git_commit, targets

RESULTS = Path(__file__).resolve().parent / "results"
FORM_KEY = re.compile(r'name="key" value="([0-9a-f]+)"')
ACKNOWLEDGED = re.compile(r"#comment-(\d+)$")
MAX_USERS = 200
MAX_SECONDS = 600
# Targets the report shows met or missed; only a 5xx or a lost write fails the run.
TARGET_EMPLOYEES = 50
MAX_P95_MS = {"sqlite": 400, "postgresql": 600}
# What employees do, and how often: mostly reading.
ACTIONS = {
    "read discussion": 30,
    "read community": 15,
    "home": 10,
    "search": 15,
    "people directory": 5,
    "comment": 12,
    "react": 8,
    "join or leave": 5,
}


@dataclass
class Outcome:
    action: str
    seconds: float
    status: int  # 0 when no answer came at all
    detail: str = ""
    # time.monotonic() when the answer (or the failure) came
    at: float = field(default_factory=time.monotonic)


@dataclass
class LoadResult:
    outcomes: list[Outcome] = field(default_factory=list)
    # comment id -> the token its text carries
    acknowledged: dict[str, str] = field(default_factory=dict)
    # tokens of comments posted without any answer
    in_doubt: list[str] = field(default_factory=list)
    seconds: float = 0.0
    # CPU seconds the gunicorn processes spent during the run; None when unmeasured
    server_cpu: float | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, outcome: Outcome) -> None:
        with self.lock:
            self.outcomes.append(outcome)

    @property
    def latencies(self) -> list[float]:
        """Seconds each answered request took."""
        return [o.seconds for o in self.outcomes if o.status]

    @property
    def server_cpu_ms_per_request(self) -> float | None:
        if self.server_cpu is None or not self.latencies:
            return None
        return 1000 * self.server_cpu / len(self.latencies)

    @property
    def server_errors(self) -> int:
        return sum(o.status >= 500 for o in self.outcomes)

    @property
    def failures(self) -> list[Outcome]:
        """Requests that got no answer, a 5xx, or a status the action never expects."""
        return [o for o in self.outcomes if o.status == 0 or o.status >= 500 or o.detail]


# Statuses each action expects: a page is 200, a form post redirects, a
# refused comment (too many too fast) shows the form again with a 400.
EXPECTED = {"comment": {302, 400}, "react": {302}, "join or leave": {302}}


class Employee:
    def __init__(self, base_url: str, session, plan: dict, result: LoadResult, seed: int,
                 actions: dict[str, int] = ACTIONS):  # fmt: skip
        self.base_url, self.session, self.plan, self.result = base_url, session, plan, result
        self.actions = actions
        self.rng = random.Random(seed)
        self.member_of: set[int] = set()

    def request(self, action: str, method: str, path: str, **kwargs):
        started = time.perf_counter()
        try:
            response = self.session.request(
                method, self.base_url + path, allow_redirects=False, timeout=60, **kwargs
            )
        except requests.RequestException as error:
            self.result.record(
                Outcome(action, time.perf_counter() - started, 0, type(error).__name__)
            )
            return None
        expected = EXPECTED.get(action, {200}) if method == "POST" else {200}
        detail = "" if response.status_code in expected else f"HTTP {response.status_code}"
        self.result.record(
            Outcome(action, time.perf_counter() - started, response.status_code, detail)
        )
        return response

    def post(self, action: str, path: str, data: dict):
        data = {**data, "csrfmiddlewaretoken": server.csrf_token(self.session)}
        return self.request(action, "POST", path, data=data)

    def act(self) -> None:
        action = self.rng.choices(list(self.actions), weights=list(self.actions.values()))[0]
        discussion = self.rng.choice(self.plan["discussions"])
        community = self.rng.choice(self.plan["communities"])
        if action == "read discussion":
            self.request(action, "GET", discussion["url"])
        elif action == "read community":
            self.request(action, "GET", community["url"])
        elif action == "home":
            self.request(action, "GET", "/")
        elif action == "search":
            self.request(
                action, "GET", "/search/", params={"query": self.rng.choice(self.plan["searches"])}
            )
        elif action == "people directory":
            self.request(action, "GET", "/people/")
        elif action == "comment":
            self.comment(discussion)
        elif action == "react":
            kind = self.rng.choice(["like", "celebrate", "insightful", "support", "curious"])
            self.post(action, f"/conversation/pages/{discussion['id']}/react/", {"kind": kind})
        else:
            verb = "leave" if community["id"] in self.member_of else "join"
            response = self.post(action, f"/communities/{community['id']}/{verb}/", {})
            if response is not None and response.status_code == 302:
                self.member_of ^= {community["id"]}

    def comment(self, discussion: dict) -> None:
        page = self.request("read discussion", "GET", discussion["url"])
        if page is None or page.status_code != 200:
            return
        key = FORM_KEY.search(page.text)
        token = uuid.uuid4().hex
        data = {"body": f"Load test comment {token}.", "key": key.group(1) if key else ""}
        response = self.post("comment", f"/conversation/pages/{discussion['id']}/comments/", data)
        if response is None:
            with self.result.lock:
                self.result.in_doubt.append(token)
            return
        found = ACKNOWLEDGED.search(response.headers.get("Location", ""))
        if response.status_code == 302 and found:
            with self.result.lock:
                self.result.acknowledged[found.group(1)] = token


def run_load(base_url: str, plan: dict, password: str, seconds: float, think: float,
             max_requests: int, result: LoadResult | None = None,
             actions: dict[str, int] = ACTIONS,
             started: threading.Event | None = None,
             server_cpu: Callable[[], float | None] | None = None) -> LoadResult:  # fmt: skip
    """Sign every employee in, then let them all act until the time or the cap is reached.

    `started` is set when the signing in is over and the clock starts.
    `server_cpu` reads the server's CPU seconds so far: read before and after
    the timed run, it leaves the signing in (password hashing) out.
    """
    result = result or LoadResult()
    sessions = [None] * len(plan["usernames"])

    def sign_in(index: int) -> None:
        sessions[index] = server.sign_in(base_url, plan["usernames"][index], password)

    signing = [threading.Thread(target=sign_in, args=(i,)) for i in range(len(sessions))]
    for thread in signing:
        thread.start()
    for thread in signing:
        thread.join()
    if None in sessions:
        raise RuntimeError("Some load employees could not sign in; see the errors above.")
    deadline = time.monotonic() + seconds
    budget = threading.Semaphore(max_requests)

    def work(index: int) -> None:
        employee = Employee(base_url, sessions[index], plan, result, index, actions)
        while time.monotonic() < deadline and budget.acquire(blocking=False):
            employee.act()
            time.sleep(employee.rng.uniform(0, think))

    cpu_before = server_cpu() if server_cpu else None
    began = time.monotonic()
    if started is not None:
        started.set()
    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(sessions))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.seconds = time.monotonic() - began
    if cpu_before is not None:
        result.server_cpu = server_cpu() - cpu_before
    return result


def data_command(env: dict[str, str], *args: str, stdin: str = "") -> dict:
    completed = subprocess.run(  # noqa: S603 (our own interpreter and module)
        [sys.executable, "-m", "benchmarks.load_data", *args],
        cwd=server.ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(completed.stdout)


def prepare(env: dict[str, str], users: int, password: str) -> dict:
    return data_command({**env, "LOAD_PASSWORD": password}, "prepare", str(users))


def reconcile(env: dict[str, str], plan: dict, result: LoadResult) -> dict:
    given = {
        "acknowledged": result.acknowledged,
        "in_doubt": result.in_doubt,
        "last_comment_id": plan["last_comment_id"],
    }
    return data_command(env, "reconcile", stdin=json.dumps(given))


def writes_ok(check: dict) -> bool:
    return not (
        check["missing"] or check["unexpected"] or check["wrong_text"] or check["duplicated"]
    )


def cpu_cell(result: LoadResult) -> str:
    per_request = result.server_cpu_ms_per_request
    if per_request is None:
        return "not measured (no /proc)"
    return (
        f"{per_request:.1f} ms ({result.server_cpu:.1f} s over "
        f"{len(result.latencies)} answered requests)"
    )


def summary_table(result: LoadResult, check: dict) -> str:
    seconds = result.latencies
    statuses = Counter(o.status for o in result.outcomes)
    refused = sum(o.action == "comment" and o.status == 400 for o in result.outcomes)
    return report.facts_table(
        {
            "requests": len(result.outcomes),
            "throughput": f"{len(result.outcomes) / max(result.seconds, 1e-9):.1f} requests/s",
            "p50": f"{1000 * report.percentile(seconds, 0.5):.0f} ms",
            "p95": f"{1000 * report.percentile(seconds, 0.95):.0f} ms",
            "server CPU per request (gunicorn master and workers)": cpu_cell(result),
            "errors (no answer, 5xx or unexpected status)": len(result.failures),
            "5xx": result.server_errors,
            "statuses": ", ".join(
                f"{status or 'none'}: {n}" for status, n in sorted(statuses.items())
            ),
            "comments refused as too fast (400, expected)": refused,
            "comments acknowledged": check["acknowledged"],
            "comments stored": check["stored"],
            "acknowledged but missing": len(check["missing"]),
            "stored but never acknowledged": len(check["unexpected"]),
            "stored with other text": len(check["wrong_text"]),
            "duplicated": len(check["duplicated"]),
            "posted without an answer (saved / sent)": (
                f"{check['in_doubt_saved']} / {check['in_doubt']}"
            ),
        }
    )


def targets_table(engine: str, users: int, result: LoadResult, check: dict) -> str:
    """Each target, what the run measured, and whether it is met."""
    p95 = 1000 * report.percentile(result.latencies, 0.95)
    limit = MAX_P95_MS[engine]
    rows = [
        (f"p95 at most {limit} ms", f"{p95:.0f} ms", p95 <= limit),
        ("no 5xx", str(result.server_errors), result.server_errors == 0),
        (
            "no lost writes (each acknowledged comment stored once, nothing else)",
            f"{len(check['missing'])} missing, {len(check['unexpected'])} unexpected, "
            f"{len(check['wrong_text'])} with other text, {len(check['duplicated'])} duplicated",
            writes_ok(check),
        ),
    ]
    lines = ["| target | measured | |", "| --- | --- | --- |"]
    lines += [
        f"| {name} | {measured} | {'met' if met else 'missed'} |" for name, measured, met in rows
    ]
    if users != TARGET_EMPLOYEES:
        lines.append(
            f"\nThe targets are set for {TARGET_EMPLOYEES} employees; this run had {users}."
        )
    return "\n".join(lines) + "\n"


def action_table(result: LoadResult) -> str:
    lines = [
        "| action | requests | p50 ms | p95 ms | errors |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for action in ACTIONS:
        outcomes = [o for o in result.outcomes if o.action == action]
        seconds = [o.seconds for o in outcomes if o.status]
        failures = sum(o.status == 0 or o.status >= 500 or bool(o.detail) for o in outcomes)
        lines.append(
            f"| {action} | {len(outcomes)} | {1000 * report.percentile(seconds, 0.5):.0f} "
            f"| {1000 * report.percentile(seconds, 0.95):.0f} | {failures} |"
        )
    return "\n".join(lines) + "\n"


def run(label: str, database_url: str, redis_url: str, args) -> tuple[str, bool]:
    engine = "postgresql" if redis_url else "sqlite"
    env = server.server_environment(database_url, redis_url)
    server.ready_to_serve(env)
    plan = prepare(env, args.users, args.password)
    log = RESULTS / "gunicorn-load.log"
    with server.gunicorn(env, args.port, args.workers, log_path=log) as (base_url, process):
        result = run_load(
            base_url, plan, args.password, args.duration, args.think, args.max_requests,
            server_cpu=lambda: server.gunicorn_cpu_seconds(process.pid),
        )  # fmt: skip
    check = reconcile(env, plan, result)
    passed = result.server_errors == 0 and writes_ok(check)
    facts = {
        "engine": label,
        "when": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": git_commit(),
        "server": f"gunicorn, {args.workers} workers, production settings, DEBUG off",
        "employees": f"{args.users}, each pausing 0–{args.think:g} s between actions",
        "data set": data_set(plan["large"]),
        "duration": (
            f"{result.seconds:.0f} s (cap {args.duration:g} s, {args.max_requests} requests)"
        ),
    }
    markdown = (
        f"## Load: {label}\n\n{report.facts_table(facts)}\n{summary_table(result, check)}\n"
        f"{action_table(result)}\n{targets_table(engine, args.users, result, check)}"
    )
    return markdown, passed


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--users", type=int, default=50, help="simulated employees")
    parser.add_argument("--duration", type=float, default=60, help="seconds of load")
    parser.add_argument("--think", type=float, default=1.0, help="longest pause between actions")
    parser.add_argument("--max-requests", type=int, default=20_000, help="cap on all requests")
    parser.add_argument("--port", type=int, default=8110)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--sqlite", type=server.sqlite_url, default=server.DEFAULT_SQLITE,
                        help="the SQLite database: a path or a URL")  # fmt: skip
    parser.add_argument("--password", default="load-test-password-2026")
    parser.add_argument("--engine", choices=ENGINES, default="all")


def check_bounds(parser, args) -> None:
    if not 1 <= args.users <= MAX_USERS:
        parser.error(f"--users must be between 1 and {MAX_USERS}")
    if not 0 < args.duration <= MAX_SECONDS:
        parser.error(f"--duration must be more than 0 and at most {MAX_SECONDS} seconds")
    if args.max_requests < 1 or args.think < 0:
        parser.error("--max-requests must be at least 1 and --think at least 0")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_arguments(parser)
    args = parser.parse_args(argv)
    check_bounds(parser, args)
    RESULTS.mkdir(exist_ok=True)
    all_passed = True
    for label, database_url, redis_url in targets(args.sqlite, args.engine):
        markdown, passed = run(label, database_url, redis_url, args)
        all_passed &= passed
        print(markdown)
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M")
        path = RESULTS / f"load-{'postgresql' if redis_url else 'sqlite'}-{stamp}.md"
        path.write_text(markdown)
        print(f"Written to {path.relative_to(server.ROOT)}\n")
    if not all_passed:
        sys.exit(1)


if __name__ == "__main__":
    main()
