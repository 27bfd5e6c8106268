"""When the database cannot be reached, pages answer 503 "back in a moment", not a 500."""

import json

import pytest

from django.db import OperationalError
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


def test_other_errors_keep_the_500_page():
    request = RequestFactory().get("/")
    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(request)
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


def test_a_database_error_gets_the_503_page():
    request = RequestFactory().get("/")
    try:
        raise OperationalError("connection refused")
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 503
    assert "Back in a moment" in response.content.decode()
    assert "connection refused" not in response.content.decode()
