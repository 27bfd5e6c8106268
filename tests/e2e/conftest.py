"""Browser tests: Debian's Chromium, driven by Playwright, against a live server.

Playwright's own browser builds are never downloaded; `CHROMIUM_PATH` points
at the system binary (Debian's package installs /usr/bin/chromium).
"""

import contextlib
import os
import shutil
import sqlite3
import tempfile
import time
from io import StringIO
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from django.core.management import call_command
from django.db import connection

from wagtail.admin.models import EditingSession

from intranet.factories import UserFactory
from tests.e2e.accessibility import audit, report

AXE_FINDINGS = pytest.StashKey[list]()

# Playwright's sync API runs an event loop in the test's thread, and Django
# refuses ORM calls from a thread with a running loop unless told it is safe.
# Here it is: the loop only drives the browser, and the live server answers
# from its own thread. (`tests.helpers` keeps it out of child processes.)
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

# Each walk saves a screenshot per step for a reviewer to look at: under SHOTS_DIR when
# set, else the system's temporary folder, in a folder named after the test.
SHOTS = Path(os.environ.get("SHOTS_DIR") or Path(tempfile.gettempdir()) / "intranet-shots")

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"

# Without these, a headless Chromium tries to reach Google's services at start
# and on a closed network waits on each.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)
            # The live server answers from another thread, so each test commits
            # its data; serialized rollback then restores what the migrations
            # made (the home page, the role groups) after the tables are flushed.
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """On SQLite, the browser tests' database is a file, as the intranet's is.

    Django's default test database on SQLite is in memory, shared between the
    live server's threads in SQLite's shared-cache mode, where a reader meeting
    another connection's write fails at once ("database table is locked")
    instead of waiting: two requests of one page (an autosave and a load) then
    gave a 503. On a file, the busy timeout and IMMEDIATE transactions of
    `intranet.settings.base` make them wait, as in production.
    """
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        folder = tmp_path_factory.mktemp("browser-database")
        database.setdefault("TEST", {})["NAME"] = str(folder / "test.sqlite3")


@pytest.fixture(scope="session")
def demo_copy(tmp_path_factory) -> Path:
    """Where this worker keeps a copy of the demo's database, once seeded."""
    return tmp_path_factory.mktemp("demo") / "demo.sqlite3"


@pytest.fixture
def demo_site(demo_copy):
    """The demo intranet in this test's database, as `seed_demo` builds it.

    Seeding takes half a minute beside a browser. On SQLite the first walk of
    each worker seeds and keeps a copy of the database, which the next walks
    copy back with SQLite's online backup; on PostgreSQL each walk seeds.
    (The pictures the seed makes stay in MEDIA_ROOT for the whole run.)
    """
    if connection.vendor != "sqlite":
        call_command("seed_demo", stdout=StringIO())
        return
    connection.ensure_connection()
    if demo_copy.exists():
        with contextlib.closing(sqlite3.connect(demo_copy)) as copy:
            copy.backup(connection.connection)
        return
    call_command("seed_demo", stdout=StringIO())
    with contextlib.closing(sqlite3.connect(demo_copy)) as copy:
        connection.connection.backup(copy)


@pytest.fixture
def erin():
    return UserFactory(username="erin", first_name="Erin", password="changeme")


@pytest.fixture
def olivia():
    return UserFactory(username="olivia", first_name="Olivia", password="changeme")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM_PATH):
        pytest.fail(f"Chromium not found at {CHROMIUM_PATH}: apt-get install chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM_PATH, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    leave_quietly(page)
    context.close()


def leave_quietly(page) -> None:
    """Leave the page and wait for what leaving sends, before the test's data is flushed.

    The admin's editor autosaves, and on leaving releases its editing session with a
    request the browser sends after the page is gone. A write still being answered
    when the flush starts meets it on SQLite's lock and fails the test's teardown.
    """
    if page.is_closed():
        return
    with contextlib.suppress(PlaywrightTimeoutError):
        page.wait_for_load_state("networkidle", timeout=5_000)
    # "Leave the page?" on an editor with changes: yes.
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto("about:blank")
    deadline = time.monotonic() + 5
    while EditingSession.objects.exists() and time.monotonic() < deadline:
        time.sleep(0.1)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """A walk whose steps met accessibility violations fails once it has finished, with
    every finding listed, so one run shows them all rather than the first."""
    result = yield
    findings = item.stash.get(AXE_FINDINGS, [])
    if findings:
        pytest.fail(report(findings), pytrace=False)
    return result


@pytest.fixture
def shot(request):
    """`shot(page, "01-home")` saves the whole page as a numbered step of this test, and
    runs axe-core on it: critical or serious findings fail the test at its end."""
    folder = SHOTS / request.node.name
    findings = request.node.stash.setdefault(AXE_FINDINGS, [])

    def take(page, name: str) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(folder / f"{name}.png"), full_page=True)
        findings.extend(audit(page, name))

    return take
