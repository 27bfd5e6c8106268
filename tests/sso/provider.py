"""The test identity provider (tests/oidc_provider), started in a process of its own.

`Provider` starts it, adds people to it, turns single sign-on on for the
intranet against it and walks a Django test client through a sign-in, the
browser's part of which `requests` plays: the provider's login form, then
its answer carried back to the intranet's callback.
"""

import json
import secrets
import subprocess
import sys
import tempfile
from urllib.parse import urlsplit

import requests

from django.conf import settings as django_settings

from intranet.sso_settings import (
    OIDC_BACKEND,
    SingleSignOn,
    allow_provider_sign_out,
    oidc_settings,
)
from tests.helpers import ROOT, child_environment

CLIENT_ID = "intranet"
# The addresses the provider sends people back to: the test client's, and the
# live server's on any port (loopback addresses match whatever their port, RFC 8252).
CALLBACKS = ["http://testserver/sso/callback/", "http://localhost/sso/callback/"]
SIGNED_OUT = ["http://testserver/login/", "http://localhost/login/"]
PROVIDER_NAME = "Test ID"
# Everyone's password at the provider, unless a test says otherwise.
PASSWORD = "provider-pass"


class Provider:
    def __init__(self):
        self.client_secret = secrets.token_urlsafe(24)
        self.admin_token = secrets.token_urlsafe(24)
        self.data_dir = tempfile.mkdtemp(prefix="intranet-test-provider-")
        config = {
            "data_dir": self.data_dir,
            "client_id": CLIENT_ID,
            "client_secret": self.client_secret,
            "redirect_uris": CALLBACKS,
            "post_logout_redirect_uris": SIGNED_OUT,
            "admin_token": self.admin_token,
        }
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.oidc_provider.serve"],
            cwd=ROOT,
            env=child_environment(PROVIDER_CONFIG=json.dumps(config)),
            stdout=subprocess.PIPE,
            text=True,
        )
        line = self.process.stdout.readline()
        if not line:
            self.process.kill()
            raise RuntimeError("The test identity provider did not start: see its output above.")
        self.issuer = json.loads(line)["issuer"]
        self.origin = self.issuer.removesuffix("/o")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)

    def add_person(self, username, password=PASSWORD, **details) -> None:
        """A person at the provider; `claims` (groups, email_verified, job) go in their tokens."""
        response = requests.post(
            f"{self.origin}/people/",
            json={"username": username, "password": password, **details},
            headers={"Authorization": f"Bearer {self.admin_token}"},
            timeout=10,
        )
        assert response.status_code == 204, response.text

    def intranet_settings(self, **overrides) -> dict:
        """The intranet's settings with single sign-on on against this provider."""
        sso = SingleSignOn(
            issuer=self.issuer,
            client_id=CLIENT_ID,
            client_secret=self.client_secret,
            provider_name=PROVIDER_NAME,
            **overrides,
        )
        values = oidc_settings(sso)
        return {
            **values,
            "AUTHENTICATION_BACKENDS": ["django.contrib.auth.backends.ModelBackend", OIDC_BACKEND],
            "CONTENT_SECURITY_POLICY": allow_provider_sign_out(
                django_settings.CONTENT_SECURITY_POLICY, values["SSO_END_SESSION_ENDPOINT"]
            ),
        }

    def sign_in(self, client, username, password=PASSWORD, next_url=""):
        """Sign `client` in through the provider; the intranet's last answer.

        The provider's session is a `requests` session of its own, as a browser's
        cookies for the provider are its own.
        """
        start = client.get("/sso/start/", {"next": next_url} if next_url else {})
        assert start.status_code == 302, start.status_code
        browser = requests.Session()
        browser.get(f"{self.origin}/login/", timeout=10)
        signed_in = browser.post(
            f"{self.origin}/login/",
            data={
                "username": username,
                "password": password,
                "csrfmiddlewaretoken": browser.cookies["provider_csrftoken"],
            },
            allow_redirects=False,
            timeout=10,
        )
        assert signed_in.status_code == 302, "the provider refused the password"
        answer = browser.get(start["Location"], allow_redirects=False, timeout=10)
        assert answer.status_code == 302, answer.status_code
        callback = urlsplit(answer.headers["Location"])
        assert callback.path == "/sso/callback/", answer.headers["Location"]
        return client.get(f"{callback.path}?{callback.query}")


def start_provider():
    provider = Provider()
    try:
        yield provider
    finally:
        provider.stop()
