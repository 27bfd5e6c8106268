"""When the database cannot be reached, pages answer 503 "back in a moment", not a 500."""

import json

import pytest

from django.db import InterfaceError, OperationalError
from django.test import RequestFactory

from intranet.views import server_error
from tests.helpers import run_python
from tests.test_health import UNREACHABLE_DATABASES

# A visitor with a session cookie: reading the session needs the database.
REQUEST_A_PAGE = (
    "import django, json; django.setup(); from django.test import Client; "
    "c = Client(raise_request_exception=False); c.cookies['sessionid'] = 'x' * 32; "
    "r = c.get('/'); "
    "print(json.dumps([r.status_code, r.get('Retry-After'), r.content.decode()]))"
)


@pytest.mark.own_databases
@pytest.mark.parametrize("database_url", UNREACHABLE_DATABASES)
def test_a_page_answers_503_when_the_database_does_not(database_url):
    result = run_python(
        REQUEST_A_PAGE, DJANGO_SETTINGS_MODULE="intranet.settings.test", DATABASE_URL=database_url
    )
    assert result.returncode == 0, result.stderr
    status, retry_after, html = json.loads(result.stdout.strip().splitlines()[-1])
    assert status == 503
    assert retry_after == "30"
    assert "Back in a moment" in html
    assert "cannot reach its database" in html
    assert "Traceback" not in html
    assert "OperationalError" not in html


@pytest.mark.parametrize(
    ("error", "status", "heading"),
    [
        (ValueError("a bug"), 500, "Something went wrong"),
        (OperationalError("connection refused"), 503, "Back in a moment"),
        (InterfaceError("connection already closed"), 503, "Back in a moment"),
    ],
)
def test_only_database_errors_get_the_503_page(error, status, heading):
    try:
        raise error
    except Exception:
        response = server_error(RequestFactory().get("/"))
    html = response.content.decode()
    assert response.status_code == status
    assert heading in html
    assert str(error) not in html
