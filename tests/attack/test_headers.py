"""The security headers on every front-end route, and the production cookies.

tests/test_security.py checks the headers on the login page, HSTS in
production and the admin's allowance; here every route the resolver knows is
opened by a signed-in employee, so a view that builds its own response (a
file, a CSV, JSON) cannot drop them.
"""

from django.urls import resolve

from intranet.middleware import ADMIN_PREFIX
from tests.helpers import run_python
from tests.test_settings import PRODUCTION_ENV
from tests.url_samples import all_routes

EXPECTED = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def directives(policy: str) -> dict[str, list[str]]:
    parts = (part.split() for part in policy.split(";") if part.strip())
    return {name: values for name, *values in parts}


def test_every_front_end_route_sends_the_security_headers(world, db, client):
    client.force_login(world.users["erin"])
    checked = 0
    for route in all_routes():
        if route.url.startswith(ADMIN_PREFIX):
            continue
        response = client.get(route.url)
        name = resolve(route.url).view_name
        assert response.status_code < 500, (route.url, response.status_code)
        for header, value in EXPECTED.items():
            assert response.get(header) == value, (name, header, response.get(header))
        policy = directives(response["Content-Security-Policy"])
        assert policy["script-src"] == ["'self'"], (name, policy["script-src"])
        assert policy["frame-ancestors"] == ["'none'"], name
        assert policy["object-src"] == ["'none'"], name
        assert policy["base-uri"] == ["'self'"], name
        checked += 1
    assert checked > 30


def test_production_cookies_are_secure_http_only_and_same_site():
    """The session and CSRF cookies as Django's own middleware sets them in production.

    A signed-cookie session stands in for the database one: the cookie's
    attributes come from the same settings, and no database is needed.
    """
    code = """
import django; django.setup()
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.test import RequestFactory, override_settings

def view(request):
    get_token(request)
    request.session["seen"] = True
    return HttpResponse()

with override_settings(SESSION_ENGINE="django.contrib.sessions.backends.signed_cookies"):
    request = RequestFactory().get("/", secure=True, HTTP_HOST="intranet.example.com")
    response = SessionMiddleware(CsrfViewMiddleware(view))(request)
    for name in ("sessionid", "csrftoken"):
        cookie = response.cookies[name]
        print(name, bool(cookie["secure"]), bool(cookie["httponly"]), cookie["samesite"])
"""
    result = run_python(code, **PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-2:] == [
        "sessionid True True Lax",
        "csrftoken True True Lax",
    ]
