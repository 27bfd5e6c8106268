"""The login page with single sign-on off (as it always was) and on (the provider first)."""

from urllib.parse import parse_qs, urlsplit

import pytest

from intranet.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_with_single_sign_on_off_the_login_page_has_no_trace_of_it(client):
    page = client.get("/login/").content.decode()
    assert "/sso/" not in page
    assert 'name="password"' in page
    assert "Forgot your password?" in page
    # And its addresses are not there at all.
    assert client.get("/sso/start/").status_code == 404
    assert client.get("/sso/callback/?code=x&state=y").status_code == 404


def test_with_single_sign_on_on_the_provider_comes_first(client, sso):
    page = client.get("/login/?next=/people/").content.decode()
    button = page.index("Sign in with Test ID")
    assert button < page.index('name="password"')
    assert 'href="/sso/start/?next=/people/"' in page
    assert "Forgot your password?" in page


def test_sign_in_starts_at_the_provider_with_state_nonce_and_pkce(client, sso):
    response = client.get("/sso/start/?next=/people/")
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == f"{sso.issuer}/authorize/"
    query = {name: values[0] for name, values in parse_qs(location.query).items()}
    assert query["client_id"] == "intranet"
    assert query["redirect_uri"] == "http://testserver/sso/callback/"
    assert query["scope"] == "openid email profile"
    assert query["code_challenge_method"] == "S256"
    assert {"state", "nonce", "code_challenge"} <= set(query)


def test_passwords_switched_off_refuse_everyone_but_administrators(client, sso, settings):
    settings.PASSWORD_SIGN_IN = False
    UserFactory(username="erin", password="changeme")
    UserFactory(username="root", password="changeme", is_superuser=True)

    page = client.get("/login/").content.decode()
    assert "Administrators: sign in with a password" in page
    assert "Forgot your password?" not in page

    refusal = (
        "Passwords are for administrators only, and this one was not accepted: "
        "everyone else signs in with Test ID."
    )
    right = client.post("/login/", {"username": "erin", "password": "changeme"})
    assert right.status_code == 200
    assert refusal in right.content.decode()
    assert "_auth_user_id" not in client.session

    # A wrong password gets the same answer: it tells no one which passwords are right.
    for username in ("erin", "root", "nobody"):
        wrong = client.post("/login/", {"username": username, "password": "wrong"})
        assert refusal in wrong.content.decode()

    # Break glass: an administrator still signs in with a password.
    response = client.post("/login/", {"username": "root", "password": "changeme"})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(
        UserFactory._meta.model.objects.get(username="root").pk
    )


def test_passwords_stay_on_for_everyone_unless_switched_off(client, sso):
    UserFactory(username="erin", password="changeme")
    response = client.post("/login/", {"username": "erin", "password": "changeme"})
    assert response.status_code == 302


def test_with_passwords_switched_off_only_administrators_are_sent_a_reset_link(
    client, sso, settings, mailoutbox
):
    settings.PASSWORD_SIGN_IN = False
    UserFactory(username="erin", email="erin@example.com", password="changeme")
    UserFactory(username="root", email="root@example.com", password="changeme", is_superuser=True)
    for address in ("erin@example.com", "root@example.com"):
        response = client.post("/password-reset/", {"email": address})
        assert response["Location"] == "/password-reset/sent/"
    assert [message.to for message in mailoutbox] == [["root@example.com"]]
