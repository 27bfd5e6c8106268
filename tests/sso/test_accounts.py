"""Which account a sign-in through the provider opens: made, linked by verified email, refused.

Every test signs in through the real provider (tests/oidc_provider) with the
Django test client; the provider's login form is posted with `requests`.
"""

from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages

from intranet.factories import UserFactory
from intranet.roles import EMPLOYEES
from people.models import Profile
from sso.models import ProviderIdentity

pytestmark = pytest.mark.django_db
User = get_user_model()


def signed_in_user(client):
    user_id = client.session.get("_auth_user_id")
    return User.objects.get(pk=user_id) if user_id else None


def refusal(response) -> str:
    assert response.status_code == 302
    assert response["Location"] == "/login/"
    return " ".join(str(message) for message in get_messages(response.wsgi_request))


def test_a_first_sign_in_creates_the_account_with_the_profile_from_the_claims(client, sso):
    sso.add_person(
        "amara",
        email="Amara.Okafor@example.com",
        first_name="Amara",
        last_name="Okafor",
        claims={"email_verified": True, "job_title": "Buyer", "department": "Procurement"},
    )
    response = sso.sign_in(client, "amara", next_url="/people/")
    assert response.status_code == 302
    assert response["Location"] == "/people/"
    user = signed_in_user(client)
    assert (user.username, user.email, user.first_name, user.last_name) == (
        "Amara.Okafor",
        "Amara.Okafor@example.com",
        "Amara",
        "Okafor",
    )
    assert not user.has_usable_password()
    assert list(user.groups.values_list("name", flat=True)) == [EMPLOYEES]
    profile = Profile.objects.get(user=user)
    assert (profile.display_name, profile.job_title, profile.department) == (
        "Amara Okafor",
        "Buyer",
        "Procurement",
    )
    identity = ProviderIdentity.objects.get(user=user)
    assert identity.issuer == sso.issuer


def test_a_first_sign_in_links_the_account_with_the_same_verified_email(client, sso):
    erin = UserFactory(username="erin", email="erin@example.com", password="changeme")
    Profile.objects.filter(user=erin).update(job_title="Analyst")
    sso.add_person(
        "erin.l",
        email="ERIN@example.com",
        claims={"email_verified": True, "job_title": "Manager", "department": "Finance"},
    )
    sso.sign_in(client, "erin.l")
    assert signed_in_user(client) == erin
    assert User.objects.count() == 1
    profile = Profile.objects.get(user=erin)
    # What the profile had stays; what it lacked comes from the claims.
    assert (profile.job_title, profile.department) == ("Analyst", "Finance")

    # Later sign-ins find her by the provider's subject, even once her address changes there.
    client.logout()
    sso.add_person("erin.l", email="erin.lindqvist@example.com", claims={"email_verified": False})
    sso.sign_in(client, "erin.l")
    assert signed_in_user(client) == erin


def test_an_unverified_email_links_nothing_and_creates_nothing(client, sso):
    UserFactory(username="olivia", email="olivia@example.com")
    sso.add_person("mallory", email="olivia@example.com", claims={"email_verified": False})
    message = refusal(sso.sign_in(client, "mallory"))
    assert "Test ID has not confirmed your email address" in message
    assert signed_in_user(client) is None
    assert User.objects.count() == 1
    assert not ProviderIdentity.objects.exists()


def test_an_administrators_address_at_the_provider_opens_no_administrators_account(client, sso):
    UserFactory(username="root", email="root@example.com", is_superuser=True)
    sso.add_person("mallory", email="ROOT@example.com", claims={"email_verified": True})
    message = refusal(sso.sign_in(client, "mallory"))
    assert "belongs to an administrator's account" in message
    assert signed_in_user(client) is None
    assert User.objects.count() == 1
    assert not ProviderIdentity.objects.exists()


def test_a_name_never_matches_an_account(client, sso):
    dana = UserFactory(username="dana", first_name="Dana", last_name="Whitfield")
    sso.add_person(
        "dana",
        email="dana.w@example.net",
        first_name="Dana",
        last_name="Whitfield",
        claims={"email_verified": True},
    )
    sso.sign_in(client, "dana")
    newcomer = signed_in_user(client)
    assert newcomer != dana
    assert newcomer.username == "dana.w"


def test_a_deactivated_person_is_refused_and_their_session_ends(client, sso):
    kofi = UserFactory(username="kofi", email="kofi@example.com")
    sso.add_person("kofi", email="kofi@example.com", claims={"email_verified": True})
    sso.sign_in(client, "kofi")
    assert signed_in_user(client) == kofi
    assert client.get("/people/").status_code == 200

    kofi.is_active = False
    kofi.save()
    # The session he holds opens nothing any more.
    assert urlsplit(client.get("/people/")["Location"]).path == "/login/"

    client.logout()
    message = refusal(sso.sign_in(client, "kofi"))
    assert "Your account is deactivated" in message
    assert signed_in_user(client) is None


def test_two_accounts_with_one_email_link_neither(client, sso):
    UserFactory(username="mei", email="mei@example.com")
    UserFactory(username="mei2", email="MEI@example.com")
    sso.add_person("mei", email="mei@example.com", claims={"email_verified": True})
    assert "Several accounts share your email address" in refusal(sso.sign_in(client, "mei"))
    assert not ProviderIdentity.objects.exists()


def test_an_account_linked_to_someone_else_at_the_provider_is_not_taken_over(client, sso):
    sso.add_person("tomas", email="tomas@example.com", claims={"email_verified": True})
    sso.sign_in(client, "tomas")
    tomas = signed_in_user(client)
    client.logout()
    # Another person at the provider, now given Tomas's address.
    sso.add_person("impostor", email="tomas@example.com", claims={"email_verified": True})
    message = refusal(sso.sign_in(client, "impostor"))
    assert "belongs to another identity at Test ID" in message
    assert signed_in_user(client) is None
    assert ProviderIdentity.objects.get().user == tomas


@pytest.mark.parametrize("logout", ["/logout/", "/admin/logout/"])
def test_signing_out_ends_the_providers_session_too(client, sso, logout):
    """From the intranet's header or from the admin's account menu alike."""
    sso.add_person("liam", email="liam@example.com", claims={"email_verified": True})
    sso.sign_in(client, "liam")
    # One who may use the admin, whose account menu has the other "Log out".
    signed_in_user(client).user_permissions.add(Permission.objects.get(codename="access_admin"))
    response = client.post(logout)
    assert signed_in_user(client) is None
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == f"{sso.issuer}/logout/"
    query = parse_qs(location.query)
    assert query["post_logout_redirect_uri"] == ["http://testserver/login/"]
    assert query["client_id"] == ["intranet"]

    # The provider accepts the request and sends the browser back to the login page.
    answer = requests.get(response["Location"], allow_redirects=False, timeout=10)
    assert answer.status_code == 302, answer.text
    assert answer.headers["Location"] == "http://testserver/login/"


def test_an_administrators_password_sign_out_stays_with_the_intranet(client, sso):
    UserFactory(username="root", password="changeme", is_superuser=True)
    client.post("/login/", {"username": "root", "password": "changeme"})
    response = client.post("/logout/")
    assert response["Location"] == "/login/"


def test_forged_answers_from_one_address_lock_nobody_out(client, sso, settings):
    """Sign-in throttling counts passwords, not the provider's answers: five forged
    callbacks from an office's one address must not stop its people signing in."""
    settings.AXES_ENABLED = True
    settings.AUTHENTICATION_BACKENDS = [
        "axes.backends.AxesStandaloneBackend",
        *settings.AUTHENTICATION_BACKENDS,
    ]
    settings.AXES_FAILURE_LIMIT = 5
    for _ in range(6):
        start = client.get("/sso/start/")
        state = parse_qs(urlsplit(start["Location"]).query)["state"][0]
        forged = client.get("/sso/callback/", {"code": "forged", "state": state})
        assert forged.status_code == 302
        assert forged["Location"] == "/login/"
    sso.add_person("priya", email="priya@example.com", claims={"email_verified": True})
    response = sso.sign_in(client, "priya")
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert signed_in_user(client).email == "priya@example.com"
