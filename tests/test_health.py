"""/healthz/ tells a load balancer whether the database answers, and a monitor whether a
task worker was seen lately."""

import json
from datetime import timedelta

import pytest

from django.utils import timezone

from intranet.models import WorkerHeartbeat
from intranet.tasks import heartbeat_task
from intranet.views import WORKER_LATE_AFTER
from tests.helpers import run_python


@pytest.mark.django_db
def test_healthz_answers_ok_with_json_without_login(client):
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "worker": "never seen",
        "worker_seen_at": None,
    }
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_says_when_the_worker_was_last_seen_and_stays_healthy(client):
    heartbeat_task.enqueue()
    assert client.get("/healthz/").json()["worker"] == "ok"

    seen_at = timezone.now() - WORKER_LATE_AFTER - timedelta(seconds=1)
    WorkerHeartbeat.objects.update(seen_at=seen_at)
    response = client.get("/healthz/")
    # A stopped worker does not take the web server out of the pool.
    assert response.status_code == 200
    assert response.json()["worker"] == "late"
    assert response.json()["worker_seen_at"] == seen_at.isoformat()


@pytest.mark.django_db
def test_healthz_refuses_writes(client):
    assert client.post("/healthz/").status_code == 405


# Each URL names a database that cannot be reached: a folder that does not
# exist, and a PostgreSQL port nothing listens on.
UNREACHABLE_DATABASES = [
    "sqlite:////nonexistent-folder/intranet.sqlite3",
    "postgres://postgres@127.0.0.1:1/intranet",
]


@pytest.mark.own_databases
@pytest.mark.parametrize("database_url", UNREACHABLE_DATABASES)
def test_healthz_answers_503_when_the_database_does_not(database_url):
    code = (
        "import django; django.setup(); from django.test import Client; "
        "r = Client().get('/healthz/'); print(r.status_code, r.content.decode())"
    )
    result = run_python(
        code, DJANGO_SETTINGS_MODULE="intranet.settings.test", DATABASE_URL=database_url
    )
    assert result.returncode == 0, result.stderr
    status, body = result.stdout.strip().split(" ", 1)
    assert status == "503"
    assert json.loads(body) == {"status": "error", "database": "unavailable"}
