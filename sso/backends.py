"""Signing in through the identity provider: mozilla-django-oidc's backend, made stricter.

The library checks the ID token's signature and nonce. Here the token must
also come from the configured issuer and be meant for this intranet (OpenID
Connect Core 1.0, section 3.1.3.7), the userinfo answer must be about the
same subject (section 5.3.2), and the account is chosen by `sso.accounts`.
"""

import jwt
import requests
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.utils.translation import gettext as _

from sso import accounts


def refused_by_provider(error: requests.RequestException) -> bool:
    """The provider answered, and said no (a code expired or used): a 4xx, not an outage."""
    return error.response is not None and 400 <= error.response.status_code < 500


class ProviderBackend(OIDCAuthenticationBackend):
    def authenticate(self, request, **kwargs):
        # Asked for every sign-in, passwords included: only the provider's answer is ours.
        if not settings.SSO_ENABLED or request is None or "code" not in request.GET:
            return None
        try:
            return super().authenticate(request, **kwargs)
        except SuspiciousOperation:
            # A token whose signature, nonce, issuer or audience does not hold.
            request.sso_refusal = _(
                "The answer from %(provider)s could not be verified, so you are not signed in."
            ) % {"provider": settings.SSO_PROVIDER_NAME}
        except requests.RequestException as error:
            request.sso_refusal = (
                _(
                    "%(provider)s did not accept this sign-in, which may have expired. "
                    "Sign in again."
                )
                if refused_by_provider(error)
                else _("%(provider)s could not be reached. Try again in a few minutes.")
            ) % {"provider": settings.SSO_PROVIDER_NAME}
        return None

    def verify_token(self, token, **kwargs):
        try:
            header = jwt.get_unverified_header(token)
        except jwt.InvalidTokenError as error:
            raise SuspiciousOperation("The token cannot be read.") from error
        # The library looks the key up by its id, and trips on a token without one.
        if header.get("alg") != self.OIDC_RP_SIGN_ALGO or "kid" not in header:
            raise SuspiciousOperation("The token names no key, or another algorithm.")
        try:
            payload = super().verify_token(token, **kwargs)
        except jwt.InvalidTokenError as error:
            # Expired, not yet valid: the library only turns a bad signature into a refusal.
            raise SuspiciousOperation("The token does not hold.") from error
        if str(payload.get("iss", "")).rstrip("/") != settings.SSO_ISSUER:
            raise SuspiciousOperation("The token was issued by another provider.")
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("The token is meant for another application.")
        if len(audiences) > 1 and payload.get("azp") != self.OIDC_RP_CLIENT_ID:
            raise SuspiciousOperation("The token was given to another application.")
        return payload

    def get_userinfo(self, access_token, id_token, payload):
        """The ID token's claims, with the userinfo endpoint's on top.

        Entra ID puts groups in the ID token only; Keycloak and Okta put
        profile claims in userinfo. Both are about the subject of the token.
        """
        userinfo = super().get_userinfo(access_token, id_token, payload)
        if userinfo.get("sub") != payload.get("sub"):
            raise SuspiciousOperation("The userinfo answer is about someone else.")
        return {**payload, **userinfo}

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        try:
            return accounts.sign_in(claims)
        except accounts.Refused as refusal:
            self.request.sso_refusal = str(refusal)
            return None

    def get_user(self, user_id):
        # The library's own lookup would keep a deactivated person's session alive.
        user = super().get_user(user_id)
        return user if self.user_can_authenticate(user) else None
