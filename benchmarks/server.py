"""Start gunicorn with the benchmark settings, and sign in to it, for bench, load and faults.

Everything here talks to 127.0.0.1 only: the benchmarks never send traffic
anywhere else.
"""

import os
import secrets
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
SETTINGS = "intranet.settings.bench"
DEFAULT_SQLITE = f"sqlite:///{ROOT / 'db.sqlite3'}"
# The cache's folder when CACHE_DIR names none: the benchmark clears the cache,
# which empties the whole cache database in it, so not the folder `make serve` uses.
BENCH_CACHE_DIR = ROOT / "cache" / "bench"
PROC = Path("/proc")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def sqlite_url(value: str) -> str:
    """A database URL as it is, or a path to an SQLite file as its URL."""
    return value if "://" in value else f"sqlite:///{Path(value).resolve()}"


def server_environment(database_url: str, redis_url: str = "") -> dict[str, str]:
    """The production settings' required variables, for plain HTTP on loopback."""
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DATABASE_URL"}}
    env.update(
        DJANGO_SETTINGS_MODULE=SETTINGS,
        DJANGO_SECRET_KEY=secrets.token_urlsafe(48),
        ALLOWED_HOSTS=f"{HOST},localhost",
        # No TLS on loopback: the production redirect and secure cookies would
        # stop a plain-HTTP client at the door.
        SECURE_SSL_REDIRECT="false",
        SECURE_COOKIES="false",
        DATABASE_URL=database_url,
        CACHE_DIR=os.environ.get("CACHE_DIR") or str(BENCH_CACHE_DIR),
    )
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True
    )


def ready_to_serve(env: dict[str, str]) -> None:
    """What a deployment runs before gunicorn starts: `migrate`, which on a migrated database
    only creates the cache's table where CACHE_DIR has none yet, and `collectstatic`."""
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")


def wait_until_healthy(base_url: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if requests.get(f"{base_url}/healthz/", timeout=10).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.25)
    raise RuntimeError(f"gunicorn did not answer on {base_url}/healthz/ within {timeout:.0f} s")


@contextmanager
def gunicorn(env: dict[str, str], port: int, workers: int = 2, log_path: Path | None = None):
    """Serve the intranet on 127.0.0.1:`port`; yield (base URL, process); stop it after."""
    log = open(log_path or os.devnull, "ab")  # noqa: SIM115 (closed below)
    process = subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            "gunicorn",
            "intranet.wsgi",
            "--bind",
            f"{HOST}:{port}",
            "--workers",
            str(workers),
            "--timeout",
            "60",
            # Its control socket sits at one path per account, which another
            # gunicorn on the same machine would share.
            "--no-control-socket",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base_url = f"http://{HOST}:{port}"
    try:
        wait_until_healthy(base_url)
        yield base_url, process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def parse_stat(line: str) -> tuple[int, float, float]:
    """(parent pid, CPU seconds, reaped children's CPU seconds) from a /proc/<pid>/stat line.

    CPU is user plus system time. The command name, in brackets, may hold
    spaces and brackets itself, so the fields are counted after its last ")"
    (fields 4, 14 to 17 in proc(5)).
    """
    fields = line[line.rindex(")") + 1 :].split()
    utime, stime, cutime, cstime = (int(value) for value in fields[11:15])
    return int(fields[1]), (utime + stime) / CLOCK_TICKS, (cutime + cstime) / CLOCK_TICKS


def gunicorn_cpu_seconds(master_pid: int) -> float | None:
    """CPU seconds gunicorn has used so far: the master's, its workers', and those of
    workers it has already reaped (a worker restarted mid-run still counts).

    None without /proc (not Linux). The load generator's own CPU, on the same
    cores, is not in it.
    """
    if not PROC.is_dir():
        return None
    total = 0.0
    for stat in PROC.glob("[0-9]*/stat"):
        try:
            parent, own, reaped = parse_stat(stat.read_text())
        except (OSError, ValueError):
            continue  # a process that ended since the folder was listed
        if int(stat.parent.name) == master_pid:
            total += own + reaped
        elif parent == master_pid:
            total += own
    return total


def timed(session: requests.Session, method: str, url: str, timing, expected: int = 200,
          **kwargs) -> None:  # fmt: skip
    """Send one request and add its time and queries (`X-Queries`) to `timing`
    (a `benchmarks.report.Timing`), or its failure."""
    started = time.perf_counter()
    try:
        response = session.request(method, url, allow_redirects=False, timeout=60, **kwargs)
    except requests.RequestException as error:
        timing.errors.append(type(error).__name__)
        return
    elapsed = time.perf_counter() - started
    if response.status_code != expected:
        timing.errors.append(f"HTTP {response.status_code}")
        return
    timing.seconds.append(elapsed)
    timing.queries.append(int(response.headers.get("X-Queries", "0")))


def csrf_token(session: requests.Session) -> str:
    return session.cookies.get("csrftoken", "")


def sign_in(base_url: str, username: str, password: str) -> requests.Session:
    """A session signed in through the login form, as a person would."""
    session = requests.Session()
    session.get(f"{base_url}/login/", timeout=30)
    response = session.post(
        f"{base_url}/login/",
        data={
            "username": username,
            "password": password,
            "csrfmiddlewaretoken": csrf_token(session),
        },
        allow_redirects=False,
        timeout=60,
    )
    if response.status_code != 302 or "sessionid" not in session.cookies:
        raise RuntimeError(f"Could not sign in as {username} (HTTP {response.status_code}).")
    return session
