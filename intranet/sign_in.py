"""The password sign-in form, which single sign-on can keep for administrators alone."""

from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def passwords_for_administrators_only() -> bool:
    """PASSWORD_SIGN_IN=false with single sign-on on: everyone else uses the provider."""
    return settings.SSO_ENABLED and not settings.PASSWORD_SIGN_IN


class SignInForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "provider_only": _(
            "Passwords are for administrators only, and this one was not accepted: "
            "everyone else signs in with %(provider)s."
        ),
    }

    def clean(self):
        try:
            return super().clean()
        except ValidationError as error:
            # One answer for a wrong password and for an employee's right one: a
            # different message would tell whoever guesses which passwords are right.
            if passwords_for_administrators_only() and error.code in (
                "invalid_login",
                "provider_only",
            ):
                raise self.provider_only() from error
            raise

    def provider_only(self) -> ValidationError:
        return ValidationError(
            self.error_messages["provider_only"],
            code="provider_only",
            params={"provider": settings.SSO_PROVIDER_NAME},
        )

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        # Administrators keep their password so that they can still sign in
        # (break glass) when the provider is down or misconfigured.
        if passwords_for_administrators_only() and not user.is_superuser:
            raise self.provider_only()
