"""Two app processes behind one PostgreSQL and one Redis behave as one intranet.

Runs only where the suite itself runs on PostgreSQL with REDIS_URL set (the
second pass of `.ci/run`): each process is a real gunicorn on loopback.
"""

import os
import re
import socket
import subprocess
import sys
import time

import pytest
import requests

from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

from communities.factories import CommunityPageFactory
from home.models import HomePage
from intranet.factories import UserFactory
from tests.helpers import ROOT, child_environment

pytestmark = [
    # Serialized rollback restores what the migrations made (the home page),
    # which an earlier transactional test has flushed away.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql" or not os.environ.get("REDIS_URL"),
        reason="needs the suite on PostgreSQL with REDIS_URL",
    ),
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_app_process(port: int) -> subprocess.Popen:
    settings = connection.settings_dict
    env = child_environment(
        DJANGO_SETTINGS_MODULE="intranet.settings.dev",
        DATABASE_URL=(
            f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{settings['NAME']}"
        ),
        DATABASE_CONN_MAX_AGE="0",
    )
    return subprocess.Popen(  # noqa: S603 (our own interpreter)
        [sys.executable, "-m", "gunicorn", "intranet.wsgi", "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def wait_until_up(base: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if requests.get(f"{base}/healthz/", timeout=5).status_code == 200:
                return
        except requests.RequestException:
            time.sleep(0.2)
    raise AssertionError(f"{base} did not start")


@pytest.fixture
def two_apps():
    ports = [free_port(), free_port()]
    processes = [start_app_process(port) for port in ports]
    bases = [f"http://127.0.0.1:{port}" for port in ports]
    try:
        for base in bases:
            wait_until_up(base)
        yield bases
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=10)


def csrf_token(session: requests.Session, url: str) -> str:
    html = session.get(url, timeout=10).text
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def test_sessions_and_writes_are_shared_between_app_processes(two_apps):
    first, second = two_apps
    erin = UserFactory(username="erin")
    # The app processes run the production hashers, not the suite's fast one.
    erin.password = PBKDF2PasswordHasher().encode("changeme", "scale-out-salt")
    erin.save(update_fields=["password"])
    community = CommunityPageFactory(parent=HomePage.objects.get(), title="Wellbeing")
    community.save_revision().publish()
    browser = requests.Session()

    # Sign in on the first process...
    token = csrf_token(browser, f"{first}/login/")
    signed_in = browser.post(
        f"{first}/login/",
        {"username": "erin", "password": "changeme", "csrfmiddlewaretoken": token},
        allow_redirects=False,
        timeout=10,
    )
    assert signed_in.status_code == 302
    # ...and the second knows who this is.
    home = browser.get(f"{second}/", allow_redirects=False, timeout=10)
    assert home.status_code == 200

    # A write on the second process shows on the first at once.
    token = csrf_token(browser, f"{second}{community.url}")
    joined = browser.post(
        f"{second}/communities/{community.pk}/join/",
        {"csrfmiddlewaretoken": token},
        timeout=10,
    )
    assert joined.status_code == 200
    assert "Leave this community" in browser.get(f"{first}{community.url}", timeout=10).text

    # Signing out on one process signs out everywhere.
    token = csrf_token(browser, f"{first}/")
    browser.post(f"{first}/logout/", {"csrfmiddlewaretoken": token}, timeout=10)
    after = browser.get(f"{second}/", allow_redirects=False, timeout=10)
    assert after.status_code == 302
    assert after.headers["Location"].startswith("/login/")
