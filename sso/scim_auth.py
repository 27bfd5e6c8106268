"""Who may call /scim/v2/: the provisioning client holding SCIM_TOKEN, and nobody else.

django-scim2 wraps its views in this check (its AUTH_CHECK_MIDDLEWARE). A
session counts for nothing here: a signed-in administrator without the token
is refused like anyone.
"""

from django_scim.middleware import SCIMAuthCheckMiddleware

from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils.crypto import constant_time_compare


class BearerTokenCheck(SCIMAuthCheckMiddleware):
    def process_request(self, request):
        # Off unless a token is set: the addresses are then not found at all.
        if not settings.SCIM_TOKEN:
            raise Http404
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() == "bearer" and constant_time_compare(token.strip(), settings.SCIM_TOKEN):
            return None
        response = HttpResponse(status=401)
        response["WWW-Authenticate"] = 'Bearer realm="scim"'
        return response
