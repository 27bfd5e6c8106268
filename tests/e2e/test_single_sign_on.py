"""Signing in through the identity provider, in a real browser: a newcomer's account is made
with the role their group grants, an existing account is linked, signing out ends the
provider's session too, and a deactivated person is turned away. The provider is the real
one of tests/oidc_provider, on loopback."""

import re

from playwright.sync_api import expect

from django.contrib.auth import get_user_model

from intranet.factories import UserFactory
from intranet.roles import COMMUNICATORS
from sso.models import ProviderIdentity
from tests.e2e.test_sign_in import close_tour_if_shown
from tests.sso.provider import PASSWORD


def through_the_provider(page, username):
    page.get_by_role("link", name="Sign in with Test ID").click()
    expect(page.get_by_role("heading", name="Test identity provider")).to_be_visible()
    page.get_by_label("Provider username").fill(username)
    page.get_by_label("Provider password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()


def log_out(page):
    page.locator("summary.user-menu__toggle").click()
    page.get_by_role("button", name="Log out").click()
    # Through the provider's sign-out and back.
    expect(page).to_have_url(re.compile(r"^http://localhost:\d+/login/$"))


def test_people_sign_in_through_the_identity_provider(page, shot, sso, settings):
    settings.SSO_ROLE_CLAIMS = {
        "communicators": frozenset({"intranet-comms"}),
        "insights_readers": frozenset(),
        "administrators": frozenset(),
    }
    erin = UserFactory(
        username="erin", first_name="Erin", email="erin@example.com", password="changeme"
    )
    UserFactory(username="kofi", email="kofi@example.com", is_active=False)
    verified = {"email_verified": True}
    sso.add_person(
        "sofia",
        email="sofia@example.com",
        first_name="Sofia",
        last_name="Costa",
        claims={**verified, "groups": ["intranet-comms"], "job_title": "Editor"},
    )
    sso.add_person("erin.l", email="erin@example.com", claims=verified)
    sso.add_person("kofi", email="kofi@example.com", claims=verified)
    page.set_viewport_size({"width": 1280, "height": 900})

    # The provider comes first on the login page.
    page.goto("/people/")
    expect(page.get_by_role("link", name="Sign in with Test ID")).to_be_visible()
    shot(page, "01-login-page")

    # Sofia's first sign-in makes her account; her group makes her a communicator.
    through_the_provider(page, "sofia")
    expect(page).to_have_url(re.compile(r"/people/$"))
    close_tour_if_shown(page)
    sofia = get_user_model().objects.get(email="sofia@example.com")
    assert sofia.groups.filter(name=COMMUNICATORS).exists()
    page.locator("summary.user-menu__toggle").click()
    page.get_by_role("link", name="Wagtail admin").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    shot(page, "02-sofia-in-the-admin")
    page.goto("/people/sofia/")
    expect(page.get_by_role("heading", name="Sofia Costa")).to_be_visible()
    expect(page.get_by_text("Editor")).to_be_visible()
    shot(page, "03-sofia-profile-from-the-claims")
    log_out(page)

    # Erin has an account already: her first sign-in through the provider links it. The
    # provider asks for her password, its own session having ended with Sofia's sign-out.
    through_the_provider(page, "erin.l")
    expect(page.get_by_role("heading", name="Hello, Erin")).to_be_visible()
    close_tour_if_shown(page)
    assert ProviderIdentity.objects.get(user=erin)
    shot(page, "04-erin-linked")
    log_out(page)

    # Kofi has left: the provider vouches for him, the intranet does not let him in.
    through_the_provider(page, "kofi")
    expect(page).to_have_url(re.compile(r"/login/$"))
    expect(page.get_by_text("Your account is deactivated")).to_be_visible()
    shot(page, "05-kofi-refused")
