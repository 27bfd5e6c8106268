"""The way to the identity provider and back, through mozilla-django-oidc's views.

They answer 404 while single sign-on is off, so the intranet then has no trace of it.
"""

import logging

from mozilla_django_oidc import views as oidc_views

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import resolve_url
from django.utils.translation import gettext as _

# Where Django itself logs a SuspiciousOperation it answers with 400.
security_log = logging.getLogger("django.security.SuspiciousOperation")


class SingleSignOnOnly:
    def dispatch(self, request, *args, **kwargs):
        if not settings.SSO_ENABLED:
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class StartView(SingleSignOnOnly, oidc_views.OIDCAuthenticationRequestView):
    """Sends the browser to the provider, remembering where to come back to."""


class CallbackView(SingleSignOnOnly, oidc_views.OIDCAuthenticationCallbackView):
    """Where the provider sends the browser back; a refusal returns to the login page with why."""

    @property
    def failure_url(self):
        return resolve_url(settings.LOGIN_URL)

    def get(self, request):
        # A state this browser was not given: a sign-in link opened twice, in
        # another browser, or forged. mozilla-django-oidc answers it with a bare
        # 400 page, or with the provider's refusal; it says what to do instead.
        state = request.GET.get("state")
        if "code" in request.GET and state not in request.session.get("oidc_states", {}):
            security_log.warning("Single sign-on callback with a state this session was not given")
            request.sso_refusal = _("That sign-in was already used or has expired. Sign in again.")
            return self.login_failure()
        return super().get(request)

    def login_failure(self):
        # The backend leaves its reason on the request; without one, the provider
        # itself said no (the person cancelled, or is not allowed this application).
        reason = getattr(self.request, "sso_refusal", None) or _(
            "%(provider)s did not sign you in. Try again, or ask the service desk."
        ) % {"provider": settings.SSO_PROVIDER_NAME}
        messages.error(self.request, reason)
        return super().login_failure()
