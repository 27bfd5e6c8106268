"""Choosing a new password without signing in: throttled, and the same answer for every address.

Django's `PasswordResetView` already answers an unknown address as it answers
a known one, and mails only active accounts with a usable password. What it
leaves to the site is the email's templates, the address its link points to
and a limit: without one, anyone could fill a colleague's inbox, or try
addresses as fast as the server answers.
"""

import hashlib

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpResponseRedirect

from intranet.client_ip import client_ip
from intranet.throttling import count_try

# Requests per window for one address, and for one client whatever the address.
# Past either, the visitor sees the same "check your email" page and no email
# goes: the page reveals neither the limit nor whether the address has an account.
RESETS_PER_ADDRESS = 3
RESETS_PER_CLIENT = 10
WINDOW_SECONDS = 60 * 60


def throttled(request, email: str) -> bool:
    """Count a reset request for this client and address; True when either is over its limit."""
    address = hashlib.sha256(email.strip().casefold().encode()).hexdigest()
    # Both are counted on every request, so a client cycling through addresses
    # meets its own limit, and an address asked for from many clients meets its.
    over = [
        count_try(f"password-reset:address:{address}", WINDOW_SECONDS) > RESETS_PER_ADDRESS,
        count_try(f"password-reset:client:{client_ip(request)}", WINDOW_SECONDS)
        > RESETS_PER_CLIENT,
    ]
    return any(over)


class PasswordResetView(auth_views.PasswordResetView):
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"

    @property
    def extra_email_context(self):
        # The link points at the intranet's configured address, like every
        # email it sends, not at django.contrib.sites' Site nor the Host header.
        return {
            "base_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/"),
            "site_name": settings.WAGTAIL_SITE_NAME,
        }

    def form_valid(self, form):
        if throttled(self.request, form.cleaned_data["email"]):
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)
