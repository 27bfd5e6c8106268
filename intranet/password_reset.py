"""Choosing a new password without signing in: throttled, and the same answer for every address.

Django's `PasswordResetView` already answers an unknown address as it answers
a known one, and mails only active accounts with a usable password. What it
leaves to the site is the email's templates, the address its link points to
and a limit: without one, anyone could fill a colleague's inbox, or try
addresses as fast as the server answers.
"""

import hashlib

from django_tasks import task

from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.tokens import default_token_generator
from django.http import HttpResponseRedirect
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from intranet.background import enqueue_with_transaction
from intranet.client_ip import client_ip
from intranet.sign_in import passwords_for_administrators_only
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


EMAIL_TEMPLATE = "registration/password_reset_email.txt"
SUBJECT_TEMPLATE = "registration/password_reset_subject.txt"


def email_context() -> dict:
    # The link points at the intranet's configured address, like every
    # email it sends, not at django.contrib.sites' Site nor the Host header.
    return {
        "base_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/"),
        "site_name": settings.WAGTAIL_SITE_NAME,
    }


@task()
def send_password_reset_task(user_id: int) -> bool:
    """Email the person a link to choose a new password; False when they may no longer have one.

    The link is made here, in the worker: queued, it would sit in the task's
    record, which administrators read. A retry makes a new link, as valid.
    """
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or not (user.email and user.has_usable_password()):
        return False
    context = {
        **email_context(),
        "user": user,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
    }
    auth_forms.PasswordResetForm().send_mail(
        SUBJECT_TEMPLATE, EMAIL_TEMPLATE, context, None, user.email
    )
    return True


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's form (it finds the active accounts with the address), whose emails the
    worker sends: the visitor's answer never waits on the mail server."""

    def get_users(self, email):
        # When passwords are for administrators alone, nobody else is sent a
        # link to choose one; the answer stays the same for every address.
        users = super().get_users(email)
        if passwords_for_administrators_only():
            return (user for user in users if user.is_superuser)
        return users

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        enqueue_with_transaction(send_password_reset_task, context["user"].pk)


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm

    def form_valid(self, form):
        if throttled(self.request, form.cleaned_data["email"]):
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)
