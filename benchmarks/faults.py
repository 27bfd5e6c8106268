"""`make faults`: what the intranet does when its database stops, or a worker dies, under load.

(a) Database outage. A private PostgreSQL server (initdb into a temporary
folder, on its own port: never the machine's main cluster) serves gunicorn
while employees work; it is stopped for a while, then started again. Pages
must answer the friendly 503 page (never a 500 or a traceback), /healthz/
must say 503, and the intranet must recover by itself once the database is
back.

(b) A gunicorn worker is killed (SIGKILL) mid-run, on SQLite and on the
private PostgreSQL. Requests it held fail; no comment the server acknowledged
may be lost, and nothing may be saved twice.

Prints the figures as markdown and writes them to benchmarks/results/.
"""

import argparse
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import requests

from benchmarks import load, report, server

PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
FRIENDLY_503 = "Back in a moment"


def as_postgres(command: list[str]) -> list[str]:
    # PostgreSQL refuses to run as root; on a developer's own account it runs as is.
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


class PrivatePostgres:
    """A throw-away PostgreSQL cluster in a temporary folder, on 127.0.0.1:`port`."""

    def __init__(self, port: int):
        self.port = port
        self.folder = Path(tempfile.mkdtemp(prefix="intranet-faults-"))
        self.data = self.folder / "data"
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/intranet"

    def run(self, *command: str) -> None:
        # Quiet unless it fails: its errors still reach stderr.
        subprocess.run(  # noqa: S603
            as_postgres([str(PG_BIN / command[0]), *command[1:]]),
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def create(self) -> None:
        self.run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
        self.start()
        self.run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "intranet")

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1"
        log = str(self.folder / "postgres.log")
        self.run("pg_ctl", "-D", str(self.data), "-o", options, "-l", log, "-w", "start")

    def stop(self) -> None:
        self.run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def destroy(self) -> None:
        subprocess.run(  # noqa: S603
            as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"]),
            check=False,
            capture_output=True,
        )
        shutil.rmtree(self.folder, ignore_errors=True)


@contextmanager
def private_postgres(port: int):
    database = PrivatePostgres(port)
    try:
        database.create()
        yield database
    finally:
        database.destroy()


def prepared_environment(database_url: str) -> dict[str, str]:
    env = server.server_environment(database_url)
    server.ready_to_serve(env)
    server.manage(env, "seed_demo", "--verbosity", "0")
    return env


def background_load(base_url, plan, args, seconds) -> tuple[threading.Thread, load.LoadResult]:
    result = load.LoadResult()
    started = threading.Event()
    thread = threading.Thread(
        target=load.run_load,
        args=(base_url, plan, args.password, seconds, args.think, args.max_requests),
        kwargs={"result": result, "started": started},
    )
    thread.start()
    if not started.wait(timeout=300):
        raise RuntimeError("The load employees did not manage to sign in.")
    return thread, result


def probe(session: requests.Session, url: str) -> tuple[int, str]:
    try:
        response = session.get(url, allow_redirects=False, timeout=10)
    except requests.RequestException as error:
        return 0, type(error).__name__
    return response.status_code, response.text


def window(result: load.LoadResult, start: float, end: float) -> list[load.Outcome]:
    """The requests sent between `start` and `end`: one sent before the outage may still be
    answered after it began, from what it had read."""
    return [o for o in result.outcomes if start <= o.at - o.seconds < end]


def statuses(outcomes: list[load.Outcome]) -> str:
    counts: dict[int, int] = {}
    for outcome in outcomes:
        counts[outcome.status] = counts.get(outcome.status, 0) + 1
    return ", ".join(f"{status or 'no answer'}: {n}" for status, n in sorted(counts.items())) or "-"


def database_outage(args) -> tuple[str, bool]:
    with private_postgres(args.pg_port) as database:
        env = prepared_environment(database.url)
        plan = load.prepare(env, args.users, args.password)
        with server.gunicorn(env, args.port, args.workers) as (base_url, _process):
            watcher = server.sign_in(base_url, plan["usernames"][0], args.password)
            thread, result = background_load(base_url, plan, args, args.duration)
            time.sleep(args.before)
            database.stop()
            # From when it has stopped (`pg_ctl stop -w` waits for that): a
            # request that began while it was stopping could still be answered.
            stopped = time.monotonic()
            health, page = [], []
            while time.monotonic() - stopped < args.outage:
                health.append(probe(requests.Session(), f"{base_url}/healthz/")[0])
                page.append(probe(watcher, f"{base_url}/"))
                time.sleep(0.5)
            # Until it is asked to start: requests sent while it starts may find it ready.
            starting = time.monotonic()
            database.start()
            # From when it accepts connections again (`pg_ctl start -w` waits for that).
            restarted = time.monotonic()
            healthy_after = None
            while time.monotonic() - restarted < 60:
                if probe(requests.Session(), f"{base_url}/healthz/")[0] == 200:
                    healthy_after = time.monotonic() - restarted
                    break
                time.sleep(0.2)
            thread.join()
        check = load.reconcile(env, plan, result)
    during = window(result, stopped, starting)
    after = window(result, restarted, float("inf"))
    first_ok = min((o.at for o in after if o.status in (200, 302)), default=None)
    page_statuses = [status for status, _body in page]
    friendly = all(
        FRIENDLY_503 in body and "Traceback" not in body for status, body in page if status == 503
    )
    five_hundreds = sum(o.status == 500 for o in result.outcomes) + page_statuses.count(500)
    passed = (
        five_hundreds == 0
        and 503 in page_statuses
        and friendly
        and set(health) <= {503}
        and healthy_after is not None
        and first_ok is not None
        and not check["missing"]
        and not check["duplicated"]
    )
    facts = {
        "database": "private PostgreSQL, stopped with `pg_ctl stop -m fast`, then started",
        "load": f"{args.users} employees for {args.duration:g} s; outage after {args.before:g} s "
        f"for {args.outage:g} s",
        "load requests during the outage": statuses(during),
        "load requests after the restart": statuses(after),
        "500 responses (must be 0)": five_hundreds,
        "a signed-in page during the outage": statuses(
            [load.Outcome("page", 0, status) for status in page_statuses]
        ),
        "503 page friendly, no traceback": "yes" if friendly else "NO",
        "/healthz/ during the outage": statuses([load.Outcome("health", 0, s) for s in health]),
        "/healthz/ back to 200 after the restart": (
            f"{healthy_after:.1f} s" if healthy_after is not None else "NOT within 60 s"
        ),
        "first successful load request after the restart": (
            f"{first_ok - restarted:.1f} s" if first_ok is not None else "none"
        ),
        "comments acknowledged / stored": f"{check['acknowledged']} / {check['stored']}",
        "acknowledged but lost / duplicated": (
            f"{len(check['missing'])} / {len(check['duplicated'])}"
        ),
        "posted without an answer (saved / sent)": (
            f"{check['in_doubt_saved']} / {check['in_doubt']}"
        ),
    }
    return f"### (a) Database outage\n\n{report.facts_table(facts)}\n", passed


def worker_pids(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children")
    return [int(pid) for pid in children.read_text().split()] if children.exists() else []


def killed_worker(label: str, env: dict[str, str], args) -> tuple[str, bool]:
    plan = load.prepare(env, args.users, args.password)
    with server.gunicorn(env, args.port, args.workers) as (base_url, process):
        thread, result = background_load(base_url, plan, args, args.duration)
        time.sleep(args.before)
        victim = worker_pids(process.pid)[0]
        killed = time.monotonic()
        # Our own gunicorn's worker, by its id.
        os.kill(victim, signal.SIGKILL)
        replaced_after = None
        while time.monotonic() - killed < 30:
            pids = worker_pids(process.pid)
            if victim not in pids and len(pids) == args.workers:
                replaced_after = time.monotonic() - killed
                break
            time.sleep(0.1)
        thread.join()
    check = load.reconcile(env, plan, result)
    passed = load.writes_ok(check) and result.server_errors == 0
    facts = {
        "engine": label,
        "load": f"{args.users} employees for {args.duration:g} s; one worker of "
        f"{args.workers} killed (SIGKILL) after {args.before:g} s",
        "worker replaced by gunicorn after": (
            f"{replaced_after:.1f} s" if replaced_after is not None else "NOT within 30 s"
        ),
        "requests": f"{len(result.outcomes)}: {statuses(result.outcomes)}",
        "failed requests (the killed worker's)": len(result.failures),
        "comments acknowledged / stored": f"{check['acknowledged']} / {check['stored']}",
        "acknowledged but lost (must be 0)": len(check["missing"]),
        "duplicated (must be 0)": len(check["duplicated"]),
        "stored but never acknowledged, outside the killed requests": len(check["unexpected"]),
        "posted without an answer (saved / sent)": (
            f"{check['in_doubt_saved']} / {check['in_doubt']}"
        ),
    }
    return f"### (b) Killed worker: {label}\n\n{report.facts_table(facts)}\n", passed


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    load.add_arguments(parser)
    parser.set_defaults(users=20, duration=40, port=8120)
    parser.add_argument("--pg-port", type=int, default=8150, help="the private PostgreSQL's port")
    parser.add_argument("--before", type=float, default=10, help="seconds of load before a fault")
    parser.add_argument("--outage", type=float, default=12, help="seconds the database is down")
    args = parser.parse_args(argv)
    load.check_bounds(parser, args)
    if args.before + args.outage >= args.duration:
        parser.error("--duration must be longer than --before plus --outage")
    sections, all_passed = [], True
    outage, passed = database_outage(args)
    sections.append(outage)
    all_passed &= passed
    sqlite_env = server.server_environment(args.sqlite)
    server.ready_to_serve(sqlite_env)
    section, passed = killed_worker("SQLite", sqlite_env, args)
    sections.append(section)
    all_passed &= passed
    with private_postgres(args.pg_port) as database:
        section, passed = killed_worker("PostgreSQL", prepared_environment(database.url), args)
    sections.append(section)
    all_passed &= passed
    stamp = datetime.now(UTC)
    verdict = "Every fault was handled." if all_passed else "A fault was NOT handled: see above."
    markdown = (
        f"## Faults ({stamp:%Y-%m-%d %H:%M} UTC, commit {load.git_commit()})\n\n"
        + "\n".join(sections)
        + f"\n{verdict}\n"
    )
    print(markdown)
    load.RESULTS.mkdir(exist_ok=True)
    path = load.RESULTS / f"faults-{stamp:%Y%m%d-%H%M}.md"
    path.write_text(markdown)
    print(f"Written to {path.relative_to(server.ROOT)}")
    if not all_passed:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
