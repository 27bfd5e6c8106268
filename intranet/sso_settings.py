"""The settings single sign-on needs, from what the environment says (docs/sso.md).

Sign-in goes through mozilla-django-oidc, which reads its own `OIDC_*` settings;
the `SSO_*` ones are the intranet's (the claims it reads, the roles they grant).
Everything is off unless an issuer is named, and then the login page, the
backends and the gate stay as they are without it.
"""

import sys
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import requests

# The endpoints a provider advertises at <issuer>/.well-known/openid-configuration,
# by the setting mozilla-django-oidc reads each from.
DISCOVERED_ENDPOINTS = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}
REQUIRED_ENDPOINTS = tuple(DISCOVERED_ENDPOINTS)
DISCOVERY_TIMEOUT_SECONDS = 10
# Authentication backends that sign a person in through the provider.
OIDC_BACKEND = "sso.backends.ProviderBackend"


class DiscoveryError(Exception):
    """The provider's configuration could not be read; the message says why."""


@dataclass(frozen=True)
class SingleSignOn:
    """What a deployment says about its identity provider, from the environment."""

    issuer: str = ""
    client_id: str = ""
    client_secret: str = ""
    scopes: str = "openid email profile"
    provider_name: str = ""
    email_claim: str = "email"
    email_verified_claim: str = "email_verified"
    groups_claim: str = "groups"
    job_title_claim: str = "job_title"
    department_claim: str = "department"
    # Claim values, by the role they grant.
    communicators: tuple[str, ...] = ()
    insights_readers: tuple[str, ...] = ()
    administrators: tuple[str, ...] = ()
    # Endpoints named one by one; the rest are read from the provider.
    endpoints: dict[str, str] = field(default_factory=dict)
    sign_algorithm: str = "RS256"
    password_sign_in: bool = True

    @property
    def enabled(self) -> bool:
        return bool(self.issuer)


def discover(issuer: str) -> dict[str, str]:
    """The provider's endpoints, by the setting each goes in, from its discovery document."""
    url = issuer.rstrip("/") + "/.well-known/openid-configuration"
    try:
        response = requests.get(url, timeout=DISCOVERY_TIMEOUT_SECONDS)
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as error:
        raise DiscoveryError(f"cannot read {url}: {error}") from None
    # OpenID Connect Discovery 1.0, section 4.3: the document names the issuer
    # it describes, exactly as configured.
    if document.get("issuer", "").rstrip("/") != issuer.rstrip("/"):
        raise DiscoveryError(
            f"{url} describes the issuer {document.get('issuer')!r}, not {issuer!r}"
        )
    endpoints = {
        setting: document[key] for setting, key in DISCOVERED_ENDPOINTS.items() if key in document
    }
    if document.get("end_session_endpoint"):
        endpoints["SSO_END_SESSION_ENDPOINT"] = document["end_session_endpoint"]
    return endpoints


def oidc_settings(sso: SingleSignOn, discover=discover) -> dict:
    """The Django settings for `sso`: off (with every name defined) when it names no issuer."""
    if not sso.password_sign_in and not sso.enabled:
        sys.exit(
            "Configuration error: PASSWORD_SIGN_IN=false needs OIDC_ISSUER, or nobody "
            "but the administrators could sign in."
        )
    values = {
        "SSO_ENABLED": sso.enabled,
        "SSO_PROVIDER_NAME": sso.provider_name or "single sign-on",
        "SSO_ISSUER": sso.issuer.rstrip("/"),
        "SSO_EMAIL_CLAIM": sso.email_claim,
        "SSO_EMAIL_VERIFIED_CLAIM": sso.email_verified_claim,
        "SSO_GROUPS_CLAIM": sso.groups_claim,
        "SSO_PROFILE_CLAIMS": {
            "job_title": sso.job_title_claim,
            "department": sso.department_claim,
        },
        "SSO_ROLE_CLAIMS": {
            "communicators": frozenset(sso.communicators),
            "insights_readers": frozenset(sso.insights_readers),
            "administrators": frozenset(sso.administrators),
        },
        # Local passwords for everyone, or (when false) for administrators alone.
        "PASSWORD_SIGN_IN": sso.password_sign_in,
        "OIDC_RP_CLIENT_ID": sso.client_id,
        "OIDC_RP_CLIENT_SECRET": sso.client_secret,
        "OIDC_RP_SCOPES": sso.scopes,
        "OIDC_RP_SIGN_ALGO": sso.sign_algorithm,
        "SSO_END_SESSION_ENDPOINT": "",
        **dict.fromkeys(REQUIRED_ENDPOINTS, ""),
        # The sign-in URLs of the intranet's own `sso` app.
        "OIDC_AUTHENTICATION_CALLBACK_URL": "sso:callback",
        # The code is bound to this browser's request (RFC 7636), besides the nonce.
        "OIDC_USE_PKCE": True,
        # Kept for the provider's sign-out, which asks which session ends (id_token_hint).
        "OIDC_STORE_ID_TOKEN": True,
        "OIDC_TIMEOUT": DISCOVERY_TIMEOUT_SECONDS,
        # Only when the provider advertises where its sessions end.
        "OIDC_OP_LOGOUT_URL_METHOD": "",
    }
    if not sso.enabled:
        return values
    for name, value in (
        ("OIDC_CLIENT_ID", sso.client_id),
        ("OIDC_CLIENT_SECRET", sso.client_secret),
    ):
        if not value:
            sys.exit(f"Configuration error: OIDC_ISSUER is set, so {name} is required too.")
    endpoints = dict(sso.endpoints)
    if not all(endpoints.get(name) for name in REQUIRED_ENDPOINTS):
        try:
            endpoints = {**discover(sso.issuer), **{k: v for k, v in endpoints.items() if v}}
        except DiscoveryError as error:
            sys.exit(
                f"Configuration error: single sign-on is on, but the provider's configuration "
                f"cannot be read ({error}). Name its endpoints in OIDC_AUTHORIZATION_ENDPOINT, "
                f"OIDC_TOKEN_ENDPOINT, OIDC_USERINFO_ENDPOINT and OIDC_JWKS_URI instead."
            )
    missing = [name for name in REQUIRED_ENDPOINTS if not endpoints.get(name)]
    if missing:
        sys.exit(f"Configuration error: the provider names no {', '.join(missing)}.")
    values.update(endpoints)
    if endpoints.get("SSO_END_SESSION_ENDPOINT"):
        values["OIDC_OP_LOGOUT_URL_METHOD"] = "sso.logout.provider_logout_url"
    return values


def allow_provider_sign_out(policy: dict, end_session_endpoint: str) -> dict:
    """The Content Security Policy, letting the sign-out form lead on to the provider.

    Browsers hold a form's redirects to `form-action` too: the intranet's
    "Log out" posts to itself, which sends the browser on to the provider.
    """
    if not end_session_endpoint:
        return policy
    parts = urlsplit(end_session_endpoint)
    directives = dict(policy["DIRECTIVES"])
    directives["form-action"] = [*directives["form-action"], f"{parts.scheme}://{parts.netloc}"]
    return {**policy, "DIRECTIVES": directives}
