"""A token changed on its way from the provider is refused, and nothing changes.

A proxy stands in front of the provider's token endpoint, as an attacker in
the middle would, and alters the ID token the real provider issued: claims
rewritten to someone else's under the original signature, the signature
dropped, or the token signed again with another key under the provider's key id.
With the provider's own key (read from its data folder, as if it had leaked
along with a token for another application), a token meant for another
application, from another issuer or out of date is refused as well.
"""

import base64
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
import requests
from cryptography.hazmat.primitives.asymmetric import rsa

from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages

from intranet.factories import UserFactory
from sso.models import ProviderIdentity

pytestmark = pytest.mark.django_db


def encode(part: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(part).encode()).rstrip(b"=").decode()


def as_admin(claims: dict) -> dict:
    return {**claims, "sub": "admin-subject", "email": "admin@example.com"}


def claims_rewritten(token: str, provider) -> str:
    header, _, signature = token.split(".")
    claims = jwt.decode(token, options={"verify_signature": False})
    return f"{header}.{encode(as_admin(claims))}.{signature}"


def unsigned(token: str, provider) -> str:
    claims = jwt.decode(token, options={"verify_signature": False})
    return f"{encode({'alg': 'none', 'typ': 'JWT'})}.{encode(as_admin(claims))}."


def signed_with_another_key(token: str, provider) -> str:
    claims = jwt.decode(token, options={"verify_signature": False})
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    kid = jwt.get_unverified_header(token)["kid"]
    return jwt.encode(as_admin(claims), key, algorithm="RS256", headers={"kid": kid})


def resigned(**changes):
    """A tampering that signs the changed claims with the provider's own key."""

    def tamper(token: str, provider) -> str:
        claims = jwt.decode(token, options={"verify_signature": False})
        key = (Path(provider.data_dir) / "signing-key.pem").read_text()
        header = jwt.get_unverified_header(token)
        return jwt.encode({**claims, **changes}, key, algorithm="RS256", headers=header)

    tamper.__name__ = "_".join(["resigned", *changes])
    return tamper


TAMPERINGS = [
    claims_rewritten,
    unsigned,
    signed_with_another_key,
    resigned(aud="another-application"),
    resigned(iss="http://127.0.0.1:9/o"),
    resigned(exp=int(time.time()) - 3600),
]


class TamperingProxy:
    """Forwards token requests to the provider and alters the ID token in its answer."""

    def __init__(self, provider, token_endpoint: str, tamper):
        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                answer = requests.post(
                    token_endpoint,
                    data=body,
                    headers={"Content-Type": self.headers["Content-Type"]},
                    timeout=10,
                )
                tokens = answer.json()
                tokens["id_token"] = tamper(tokens["id_token"], provider)
                content = json.dumps(tokens).encode()
                self.send_response(answer.status_code)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(content)))
                self.end_headers()
                self.wfile.write(content)

            def log_message(self, format, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/token/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.mark.parametrize("tamper", TAMPERINGS, ids=lambda tamper: tamper.__name__)
def test_a_tampered_id_token_is_refused_and_changes_nothing(client, sso, settings, tamper):
    admin = UserFactory(username="admin", email="admin@example.com", is_superuser=True)
    sso.add_person("sam", email="sam@example.com", claims={"email_verified": True})
    proxy = TamperingProxy(sso, settings.OIDC_OP_TOKEN_ENDPOINT, tamper)
    settings.OIDC_OP_TOKEN_ENDPOINT = proxy.url
    try:
        response = sso.sign_in(client, "sam")
    finally:
        proxy.close()
    assert response.status_code == 302
    assert response["Location"] == "/login/"
    messages = [str(message) for message in get_messages(response.wsgi_request)]
    assert messages == ["The answer from Test ID could not be verified, so you are not signed in."]
    assert "_auth_user_id" not in client.session
    assert list(get_user_model().objects.all()) == [admin]
    assert not ProviderIdentity.objects.exists()


def test_the_same_sign_in_untouched_goes_through(client, sso, settings):
    """The proxy, and signing again with the provider's key, change nothing a sign-in needs."""
    sso.add_person("sam", email="sam@example.com", claims={"email_verified": True})
    proxy = TamperingProxy(sso, settings.OIDC_OP_TOKEN_ENDPOINT, resigned())
    settings.OIDC_OP_TOKEN_ENDPOINT = proxy.url
    try:
        sso.sign_in(client, "sam")
    finally:
        proxy.close()
    assert client.session["_auth_user_id"] == str(get_user_model().objects.get(username="sam").pk)


def test_a_forged_or_replayed_state_returns_to_the_login_page_saying_why(client, sso, caplog):
    sso.add_person("sam", email="sam@example.com", claims={"email_verified": True})
    used = sso.sign_in(client, "sam").wsgi_request.get_full_path()
    client.logout()
    forged = "/sso/callback/?code=stolen&state=forged"
    # A browser with no sign-in under way, then one with a sign-in of its own.
    for starts_one in (False, True):
        if starts_one:
            assert client.get("/sso/start/").status_code == 302
        for callback in (used, forged):
            response = client.get(callback)
            assert (response.status_code, response["Location"]) == (302, "/login/")
            login_page = client.get(response["Location"]).content.decode()
            assert "That sign-in was already used or has expired. Sign in again." in login_page
            assert "_auth_user_id" not in client.session
    assert caplog.records and all(
        record.name == "django.security.SuspiciousOperation" for record in caplog.records
    )


def test_a_code_the_provider_refuses_is_not_called_an_outage(client, sso):
    start = urlsplit(client.get("/sso/start/")["Location"])
    state = parse_qs(start.query)["state"][0]
    response = client.get("/sso/callback/", {"code": "expired-or-made-up", "state": state})
    assert response["Location"] == "/login/"
    login_page = client.get("/login/").content.decode()
    assert "Test ID did not accept this sign-in, which may have expired." in login_page
    assert "could not be reached" not in login_page
