"""The base layout, the login page, the home page and the error pages."""

import re
from pathlib import Path

import pytest

from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.views.defaults import permission_denied, server_error

from wagtail.models import Site

from home.models import HomePage

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.django_db


def test_the_home_page_is_the_root_of_the_default_site():
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert site.root_page.url_path == "/home/"


def test_a_signed_in_employee_sees_the_home_page_in_the_full_layout(employee_client):
    response = employee_client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Hello, Erin" in html
    # Accessibility: a skip link to the main landmark, labelled navigation and search.
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html
    assert '<nav class="primary-nav" aria-label="Main">' in html
    assert '<label class="visually-hidden" for="site-search-query">' in html
    assert 'role="search"' in html
    # The user menu ends the session with a POST.
    assert re.search(
        r'<form action="/logout/" method="post">\s*<input type="hidden" name="csrfmiddlewaretoken"',
        html,
    )


def test_the_login_page_is_in_the_same_style(client):
    html = client.get("/login/").content.decode()
    assert 'href="/static/css/intranet.css"' in html
    assert '<label for="id_username">' in html
    assert '<label for="id_password">' in html
    assert "Forgot your password?" in html


def test_a_wrong_password_shows_a_form_error(client, employee):
    response = client.post("/login/", {"username": "erin", "password": "wrong"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_signing_in_leads_to_the_page_asked_for(client, employee):
    response = client.post(
        "/login/?next=/search/", {"username": "erin", "password": "changeme", "next": "/search/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/search/"


def test_signing_out_needs_a_post_and_ends_the_session(employee_client):
    assert employee_client.get("/logout/").status_code == 405
    response = employee_client.post("/logout/")
    assert response["Location"] == "/login/"
    assert employee_client.get("/")["Location"] == "/login/?next=/"


def test_an_unknown_host_gets_400(client):
    response = client.get("/login/", HTTP_HOST="intranet.attacker.example")
    assert response.status_code == 400


def test_a_missing_page_gets_the_friendly_404(employee_client):
    response = employee_client.get("/no-such-community/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert "Go to the home page" in html
    assert "Traceback" not in html


def test_the_500_page_is_friendly_and_leaks_nothing():
    response = server_error(RequestFactory().get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong" in html
    assert "Traceback" not in html
    assert "SECRET" not in html


def test_the_403_page_is_friendly_and_leaks_nothing(employee):
    request = RequestFactory().get("/private/")
    request.user = employee
    response = permission_denied(request, PermissionDenied("internal detail"))
    html = response.content.decode()
    assert response.status_code == 403
    assert "You cannot open this page" in html
    assert "internal detail" not in html


def test_no_template_or_stylesheet_loads_anything_from_another_host():
    """Every CSS, JS and font file is served by the app: no CDN."""
    external = re.compile(
        r"""(src|href)=["']https?://|@import\s+url\(["']?https?://|url\(["']?https?://"""
    )
    offenders = []
    for folder in ("intranet", "home", "communities", "guides", "search"):
        for path in (ROOT / folder).rglob("*"):
            if path.suffix in {".html", ".css", ".js"} and external.search(path.read_text()):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
