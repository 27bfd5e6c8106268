from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import resolve_url


def provider_logout_url(request) -> str:
    """Where the provider ends its own session (RP-initiated logout), then sends the browser back.

    Named by OIDC_OP_LOGOUT_URL_METHOD when the provider advertises an
    end_session_endpoint. "" for a session that did not come from the provider,
    such as an administrator's password sign-in.
    """
    id_token = request.session.get("oidc_id_token")
    if not id_token:
        return ""
    back = request.build_absolute_uri(resolve_url(settings.LOGOUT_REDIRECT_URL))
    query = urlencode(
        {
            "id_token_hint": id_token,
            "post_logout_redirect_uri": back,
            "client_id": settings.OIDC_RP_CLIENT_ID,
        }
    )
    return f"{settings.SSO_END_SESSION_ENDPOINT}?{query}"
