"""Private by default: an anonymous visitor reaches the login page and nothing else."""

from urllib.parse import urlsplit

import pytest

from django.urls import resolve

from wagtail.models import Page

from intranet.factories import UserFactory
from notifications import services
from notifications.models import EmailPreference
from tests.url_samples import all_routes

# The only views an anonymous visitor may reach, by URL name (with its namespace).
PUBLIC_URL_NAMES = {
    "login",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "healthz",
    # Single sign-on's way to the provider and back (404 while it is off): see
    # tests/sso/test_login_page.py and test_the_login_gate_lets_through_exactly_these.
    "sso:start",
    "sso:callback",
    # The provisioning client's bearer token is the credential: tests/attack/test_scim.py.
    "scim:root",
    "scim:users",
    "scim:service-provider-config",
    "scim:schemas",
    "scim:not-implemented",
    # Its signed token is the credential; see test_a_bad_unsubscribe_token_changes_nothing.
    "notifications:unsubscribe",
}


def test_the_login_gate_lets_through_exactly_these(settings):
    assert settings.LOGIN_EXEMPT_URL_NAMES == PUBLIC_URL_NAMES


def assert_sent_to_login(response, url):
    assert response.status_code == 302, (
        f"{url} answered {response.status_code} to an anonymous visitor"
    )
    assert urlsplit(response["Location"]).path == "/login/", f"{url} redirected elsewhere"


def test_every_route_is_sampled():
    """Each pattern turns into a URL that resolves back to that pattern's view.

    A URL name registered twice resolves to the first view of that name, so
    the name is what must match then.
    """
    routes = all_routes()
    assert len(routes) > 200  # Wagtail's admin alone registers hundreds
    for route in routes:
        match = resolve(route.url)
        assert match.func == route.callback or match.url_name == route.name, route.pattern


@pytest.mark.django_db
def test_anonymous_visitor_is_sent_to_login_from_every_route(client):
    checked = 0
    for route in all_routes():
        if resolve(route.url).view_name in PUBLIC_URL_NAMES:
            continue
        assert_sent_to_login(client.get(route.url), route.url)
        checked += 1
    assert checked > 200


@pytest.mark.django_db
def test_every_other_method_on_every_route_is_sent_to_login_too(client):
    """A view that only guards GET would still be open to a POST, PUT or DELETE."""
    methods = (client.head, client.post, client.put, client.patch, client.delete, client.options)
    checked = 0
    for route in all_routes():
        if resolve(route.url).view_name in PUBLIC_URL_NAMES:
            continue
        for method in methods:
            response = method(route.url)
            assert response.status_code == 302, (method.__name__, route.url)
            assert urlsplit(response["Location"]).path == "/login/", (method.__name__, route.url)
        checked += 1
    assert checked > 200


@pytest.mark.django_db
def test_public_routes_answer_without_login(client):
    for name_url in (
        "/login/",
        "/password-reset/",
        "/password-reset/sent/",
        # A link from a reset email, here one that has expired, and the last step.
        "/password-reset/MQ/expired-token/",
        "/password-reset/done/",
        "/healthz/",
    ):
        assert client.get(name_url).status_code == 200, name_url


def test_every_page_of_the_seeded_tree_is_private(client, seeded):
    pages = Page.objects.live().filter(depth__gt=1).specific()
    assert pages.exists()
    for page in pages:
        assert_sent_to_login(client.get(page.url), page.url)


@pytest.mark.django_db
def test_a_bad_unsubscribe_token_changes_nothing(client):
    person = UserFactory()
    good = services.unsubscribe_token(person, ["reply"])
    for token in (good[:-1] + ("A" if good[-1] != "A" else "B"), "1", "x" * 40):
        response = client.get(f"/notifications/unsubscribe/{token}/")
        assert response.status_code == 400
        assert "This link does not work" in response.content.decode()
    response = client.post(f"/notifications/unsubscribe/{good.replace(':', ';')}/")
    assert response.status_code == 400
    assert not EmailPreference.objects.exists()


@pytest.mark.django_db
def test_admin_and_uploads_are_private(client):
    for url in (
        "/admin/",
        "/admin/pages/",
        "/admin/api/main/pages/",
        "/admin/api/main/documents/",
        "/admin/api/main/images/",
        "/documents/1/report.pdf",
        "/media/original_images/a.png",
        "/media/documents/report.pdf",
        "/media/people/photos/photo.png",
    ):
        assert_sent_to_login(client.get(url), url)


@pytest.mark.django_db
def test_login_keeps_where_the_visitor_was_going(client):
    response = client.get("/search/?query=leave")
    assert response["Location"] == "/login/?next=/search/%3Fquery%3Dleave"


def test_static_files_are_served_without_login(client):
    response = client.get("/static/css/intranet.css")
    assert response.status_code == 200
    assert b"--colour-brand" in b"".join(response.streaming_content)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    ["/static/../intranet/settings/base.py", "/static/%2e%2e/manage.py", "/static/", "/static/x"],
)
def test_static_serves_nothing_but_static_files(client, url):
    """Whitenoise answers only for files it knows; anything else meets the login gate."""
    response = client.get(url)
    assert response.status_code in (301, 302, 404), url
    assert b"SECRET_KEY" not in b"".join(getattr(response, "streaming_content", [response.content]))
