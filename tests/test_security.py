"""Sign-in throttling and the security headers on every response."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt

from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from guides.factories import GuidePageFactory
from guides.models import GuideIndexPage
from intranet.factories import UserFactory
from intranet.roles import COMMUNICATORS
from tests.helpers import run_python
from tests.test_settings import PRODUCTION_ENV


@pytest.fixture
def throttled(settings):
    """The production sign-in path: django-axes in front of the model backend."""
    settings.AXES_ENABLED = True
    settings.AUTHENTICATION_BACKENDS = [
        "axes.backends.AxesStandaloneBackend",
        "django.contrib.auth.backends.ModelBackend",
    ]
    settings.AXES_FAILURE_LIMIT = 5


def attempt(client, username, password, address="10.0.0.1"):
    return client.post("/login/", {"username": username, "password": password}, REMOTE_ADDR=address)


@pytest.mark.django_db
def test_repeated_wrong_passwords_pause_the_account_with_a_clear_message(client, throttled):
    UserFactory(username="erin", password="changeme")
    for _ in range(4):
        assert attempt(client, "erin", "guess").status_code == 200
    locked = attempt(client, "erin", "guess")
    assert locked.status_code == 429
    assert "Too many attempts" in locked.content.decode()
    # Even the right password is refused while the pause lasts.
    assert attempt(client, "erin", "changeme").status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_the_pause_is_for_that_account_from_that_address_only(client, throttled):
    UserFactory(username="erin", password="changeme")
    UserFactory(username="carl", password="changeme")
    for _ in range(5):
        attempt(client, "erin", "guess")
    assert attempt(client, "carl", "changeme").status_code == 302
    client.logout()
    assert attempt(client, "erin", "changeme", address="10.0.0.2").status_code == 302


@pytest.mark.django_db
def test_the_pause_ends_after_the_cool_off(client, throttled, settings):
    UserFactory(username="erin", password="changeme")
    for _ in range(5):
        attempt(client, "erin", "guess")
    assert attempt(client, "erin", "changeme").status_code == 429
    # The cool-off passes: the failures are now older than it.
    long_ago = timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(seconds=1)
    assert AccessAttempt.objects.update(attempt_time=long_ago) == 1
    assert attempt(client, "erin", "changeme").status_code == 302
    assert "_auth_user_id" in client.session


@pytest.mark.django_db
def test_the_pause_lasts_the_whole_cool_off(client, throttled, settings):
    UserFactory(username="erin", password="changeme")
    for _ in range(5):
        attempt(client, "erin", "guess")
    nearly = timezone.now() - settings.AXES_COOLOFF_TIME + timedelta(minutes=1)
    AccessAttempt.objects.update(attempt_time=nearly)
    assert attempt(client, "erin", "changeme").status_code == 429


@pytest.mark.django_db
def test_a_successful_sign_in_clears_the_count(client, throttled):
    UserFactory(username="erin", password="changeme")
    for _ in range(4):
        attempt(client, "erin", "guess")
    assert attempt(client, "erin", "changeme").status_code == 302
    client.logout()
    for _ in range(4):
        assert attempt(client, "erin", "guess").status_code == 200


@pytest.mark.django_db
def test_every_response_carries_the_security_headers(client):
    response = client.get("/login/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "object-src 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_production_sends_hsts_over_https_and_redirects_plain_http():
    code = (
        "import django; django.setup(); from django.test import Client; c = Client(); "
        "s = c.get('/healthz/', secure=True, HTTP_HOST='intranet.example.com'); "
        "p = c.get('/login/', HTTP_HOST='intranet.example.com'); "
        "print(s['Strict-Transport-Security']); print(p.status_code, p['Location'])"
    )
    result = run_python(code, **PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    hsts, redirect = result.stdout.strip().splitlines()
    assert hsts.startswith("max-age=31536000")
    assert redirect == "301 https://intranet.example.com/login/"


@pytest.mark.django_db
def test_inline_scripts_are_allowed_in_the_wagtail_admin_only(client):
    communicator = UserFactory()
    communicator.groups.add(Group.objects.get(name=COMMUNICATORS))
    client.force_login(communicator)
    admin_policy = client.get("/admin/")["Content-Security-Policy"]
    front_policy = client.get("/")["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-inline'" in admin_policy
    # The admin's own screens are framed by nobody: only the previews Wagtail frames.
    assert "frame-ancestors 'none'" in admin_policy
    assert "'unsafe-inline'" not in front_policy.split("script-src", 1)[1].split(";")[0]


@pytest.mark.django_db
def test_a_preview_may_be_framed_by_the_admin_and_its_page_by_nobody(client, employee):
    guide = GuidePageFactory(parent=GuideIndexPage.objects.get(), title="Framed")
    guide.save_revision().publish()
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    preview = client.get(reverse("wagtailadmin_pages:view_draft", args=[guide.pk]))
    assert preview.status_code == 200
    assert "frame-ancestors 'self'" in preview["Content-Security-Policy"]
    client.force_login(employee)
    assert "frame-ancestors 'none'" in client.get(guide.url)["Content-Security-Policy"]


@pytest.mark.django_db
def test_the_admin_fetches_no_avatars_from_a_third_party(client):
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    assert "gravatar" not in client.get("/admin/users/").content.decode()


@pytest.mark.django_db
def test_behind_the_load_balancer_the_pause_is_for_the_clients_address(client, throttled, settings):
    settings.TRUSTED_PROXIES = 1
    UserFactory(username="erin", password="changeme")
    balancer = "10.0.0.254"

    def through_balancer(client_address, password):
        return client.post(
            "/login/",
            {"username": "erin", "password": password},
            REMOTE_ADDR=balancer,
            # What a client writes is kept on the left; the balancer appends what it saw.
            HTTP_X_FORWARDED_FOR=f"203.0.113.9, {client_address}",
        )

    for _ in range(5):
        through_balancer("198.51.100.7", "guess")
    assert through_balancer("198.51.100.7", "changeme").status_code == 429
    # Erin, signing in from her own address through the same balancer, is not paused.
    assert through_balancer("198.51.100.8", "changeme").status_code == 302
