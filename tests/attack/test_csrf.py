"""Every POST needs a CSRF token: the front end, the Wagtail admin and its API.

The routes come from the URL resolver (tests/url_samples.py), so a view added
later is attacked too. Django checks the token before any view runs, so
posting to every route covers every view that accepts a POST, whatever it
does with one. An administrator is signed in: the account whose forged post
would do the most harm.
"""

import hashlib

import pytest

from django.apps import apps
from django.test import Client
from django.urls import resolve

from tests.attack.registry import POST_ENDPOINTS
from tests.url_samples import all_routes

# Views that take a POST without a token, each with the reason.
CSRF_EXEMPT_URL_NAMES = {
    # A mail client's one-click unsubscribe (RFC 8058) cannot send a token; the
    # signed token in the URL is the credential, and it only stops emails.
    "notifications:unsubscribe",
    # The provisioning client's bearer token is the credential, not a cookie, so
    # no forged post from a browser carries it (tests/attack/test_scim.py).
    "scim:root",
    "scim:users",
    "scim:service-provider-config",
    "scim:schemas",
    "scim:not-implemented",
}


def database_fingerprint() -> str:
    """A digest of every row of every table: equal digests mean nothing changed."""
    digest = hashlib.sha256()
    for model in sorted(apps.get_models(include_auto_created=True), key=lambda m: m._meta.label):
        rows = model._base_manager.order_by("pk").values_list()
        digest.update(f"{model._meta.label}:{list(rows)!r}".encode())
    return digest.hexdigest()


def refused_for_csrf(response) -> bool:
    # Django's own page, or Django REST framework's answer for the admin API.
    return response.status_code == 403 and b"CSRF" in response.content


def csrf_client(user) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def test_the_exempt_views_are_exactly_the_documented_ones():
    exempt = {
        resolve(route.url).view_name
        for route in all_routes()
        if getattr(route.callback, "csrf_exempt", False)
        # Django REST framework marks its views exempt and checks the token itself
        # for a signed-in session; test_every_post_without_a_token_is_refused proves it.
        and not route.pattern.startswith("admin/api/")
    }
    assert exempt == CSRF_EXEMPT_URL_NAMES


def test_every_post_without_a_token_is_refused_and_changes_nothing(world, db):
    client = csrf_client(world.users["admin"])
    before = database_fingerprint()
    checked = 0
    for route in all_routes():
        if resolve(route.url).view_name in CSRF_EXEMPT_URL_NAMES:
            continue
        for method in (client.post, client.put, client.patch, client.delete):
            response = method(route.url)
            assert refused_for_csrf(response), (method.__name__, route.url, response.status_code)
        checked += 1
    assert checked > 200
    assert database_fingerprint() == before


def test_the_exempt_unsubscribe_post_changes_nothing_without_a_valid_signature(world, db):
    client = csrf_client(world.users["admin"])
    before = database_fingerprint()
    assert client.post("/notifications/unsubscribe/not-a-signature/").status_code == 400
    assert database_fingerprint() == before


@pytest.mark.parametrize("endpoint", POST_ENDPOINTS, ids=lambda endpoint: endpoint.url_name)
def test_a_form_post_is_refused_without_its_token_and_accepted_with_it(world, db, endpoint):
    """The same post, without and then with the token: only the token differs."""
    client = csrf_client(world.users[endpoint.username])
    url = endpoint.url(world)
    before = database_fingerprint()
    assert refused_for_csrf(client.post(url, endpoint.form(world)))
    assert database_fingerprint() == before

    client.get("/")  # sets the CSRF cookie, as any page of the intranet does
    token = client.cookies["csrftoken"].value
    response = client.post(url, {**endpoint.form(world), "csrfmiddlewaretoken": token})
    assert response.status_code in (200, 302), response.status_code
    assert database_fingerprint() != before, f"{url} changed nothing even with its token"
