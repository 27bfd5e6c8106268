"""Single sign-on is configured by the environment alone, and off unless it names an issuer."""

import json

from tests.helpers import run_python

PRINT_SETTINGS = """
import json
from django.conf import settings
names = ["SSO_ENABLED", "SSO_PROVIDER_NAME", "OIDC_OP_AUTHORIZATION_ENDPOINT",
         "OIDC_OP_TOKEN_ENDPOINT", "OIDC_OP_USER_ENDPOINT", "OIDC_OP_JWKS_ENDPOINT",
         "OIDC_OP_LOGOUT_URL_METHOD", "SSO_END_SESSION_ENDPOINT", "AUTHENTICATION_BACKENDS",
         "OIDC_RP_SCOPES", "SSO_GROUPS_CLAIM", "PASSWORD_SIGN_IN"]
print(json.dumps({name: getattr(settings, name) for name in names}))
print(json.dumps({k: sorted(v) for k, v in settings.SSO_ROLE_CLAIMS.items()}))
"""

NO_SSO = {
    "DJANGO_SETTINGS_MODULE": "intranet.settings.dev",
    "OIDC_ISSUER": "",
    "PASSWORD_SIGN_IN": "",
}


def settings_with(**env):
    result = run_python(PRINT_SETTINGS, **{**NO_SSO, **env})
    assert result.returncode == 0, result.stderr
    values, roles = (json.loads(line) for line in result.stdout.splitlines()[-2:])
    return values, roles


def test_single_sign_on_is_off_unless_an_issuer_is_named():
    values, _ = settings_with()
    assert values["SSO_ENABLED"] is False
    assert "sso.backends.ProviderBackend" not in values["AUTHENTICATION_BACKENDS"]
    assert values["OIDC_OP_AUTHORIZATION_ENDPOINT"] == ""


def test_the_endpoints_are_discovered_from_the_issuer_at_start_up(oidc_provider):
    values, roles = settings_with(
        OIDC_ISSUER=oidc_provider.issuer,
        OIDC_CLIENT_ID="intranet",
        OIDC_CLIENT_SECRET="secret",
        OIDC_PROVIDER_NAME="Contoso",
        OIDC_GROUPS_CLAIM="roles",
        OIDC_COMMUNICATORS_GROUPS="intranet-comms, comms-team",
        OIDC_ADMINISTRATORS_GROUPS="intranet-admins",
    )
    assert values["SSO_ENABLED"] is True
    assert values["SSO_PROVIDER_NAME"] == "Contoso"
    assert values["OIDC_OP_AUTHORIZATION_ENDPOINT"] == f"{oidc_provider.issuer}/authorize/"
    assert values["OIDC_OP_TOKEN_ENDPOINT"] == f"{oidc_provider.issuer}/token/"
    assert values["OIDC_OP_USER_ENDPOINT"] == f"{oidc_provider.issuer}/userinfo/"
    assert values["OIDC_OP_JWKS_ENDPOINT"] == f"{oidc_provider.issuer}/.well-known/jwks.json"
    # The provider advertises where its sessions end, so signing out goes there too.
    assert values["SSO_END_SESSION_ENDPOINT"] == f"{oidc_provider.issuer}/logout/"
    assert values["OIDC_OP_LOGOUT_URL_METHOD"] == "sso.logout.provider_logout_url"
    assert values["AUTHENTICATION_BACKENDS"][-1] == "sso.backends.ProviderBackend"
    assert values["OIDC_RP_SCOPES"] == "openid email profile"
    assert values["SSO_GROUPS_CLAIM"] == "roles"
    assert roles == {
        "administrators": ["intranet-admins"],
        "communicators": ["comms-team", "intranet-comms"],
        "insights_readers": [],
    }


def test_endpoints_named_one_by_one_need_no_discovery():
    # Nothing answers at this issuer: named endpoints are all it takes.
    values, _ = settings_with(
        OIDC_ISSUER="http://127.0.0.1:9/realms/intranet",
        OIDC_CLIENT_ID="intranet",
        OIDC_CLIENT_SECRET="secret",
        OIDC_AUTHORIZATION_ENDPOINT="http://127.0.0.1:9/auth",
        OIDC_TOKEN_ENDPOINT="http://127.0.0.1:9/token",
        OIDC_USERINFO_ENDPOINT="http://127.0.0.1:9/userinfo",
        OIDC_JWKS_URI="http://127.0.0.1:9/certs",
    )
    assert values["OIDC_OP_TOKEN_ENDPOINT"] == "http://127.0.0.1:9/token"
    # No end_session_endpoint named: signing out ends the intranet's session alone.
    assert values["OIDC_OP_LOGOUT_URL_METHOD"] == ""


def start_up_error(**env) -> str:
    result = run_python(PRINT_SETTINGS, **{**NO_SSO, **env})
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    return result.stderr.strip()


def test_a_provider_that_cannot_be_reached_stops_start_up_with_a_clear_message():
    error = start_up_error(
        OIDC_ISSUER="http://127.0.0.1:9/o", OIDC_CLIENT_ID="intranet", OIDC_CLIENT_SECRET="s"
    )
    assert error.startswith("Configuration error: single sign-on is on, but the provider's")
    assert "http://127.0.0.1:9/o/.well-known/openid-configuration" in error
    assert "OIDC_AUTHORIZATION_ENDPOINT" in error


def test_an_issuer_without_its_client_stops_start_up():
    error = start_up_error(OIDC_ISSUER="http://127.0.0.1:9/o", OIDC_CLIENT_ID="intranet")
    assert error == (
        "Configuration error: OIDC_ISSUER is set, so OIDC_CLIENT_SECRET is required too."
    )


def test_passwords_cannot_be_switched_off_without_single_sign_on():
    error = start_up_error(PASSWORD_SIGN_IN="false")
    assert "PASSWORD_SIGN_IN=false needs OIDC_ISSUER" in error
