"""Which account a sign-in through the identity provider opens, and what it brings.

A person's first sign-in links the account with the same email address, only
when the provider says it has verified that address, or creates one; later
sign-ins find it by the provider's subject. Names never match anyone.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from intranet.control_characters import validate_one_line
from people import services as people
from people.models import Profile
from sso.models import ProviderIdentity
from sso.roles import apply_roles

NAME_MAX_LENGTH = 150


class Refused(Exception):
    """The provider vouched for someone the intranet does not sign in; the message says why."""


def sign_in(claims: dict):
    """The account `claims` open, made or linked on first sign-in, with its roles applied again.

    Refused leaves everything as it was.
    """
    subject = str(claims.get("sub") or "")
    if not subject:
        raise Refused(_("The provider did not say who you are. Try again."))
    with transaction.atomic():
        identity = (
            ProviderIdentity.objects.select_related("user")
            .filter(issuer=settings.SSO_ISSUER, subject=subject)
            .first()
        )
        user = identity.user if identity else _first_sign_in(claims, subject)
        if not user.is_active:
            raise Refused(
                _("Your account is deactivated, so you cannot sign in. Ask the service desk.")
            )
        _fill_profile(user, claims)
        apply_roles(user, claims)
    return user


def verified_email(claims: dict) -> str:
    """The claimed email address, if the provider says it has verified it; otherwise ""."""
    email = _one_line(claims.get(settings.SSO_EMAIL_CLAIM))
    verified = claims.get(settings.SSO_EMAIL_VERIFIED_CLAIM)
    # Some providers send the flag as the text "true".
    if verified is not True and str(verified).lower() != "true":
        return ""
    try:
        validate_email(email)
    except ValidationError:
        return ""
    return email


def _first_sign_in(claims: dict, subject: str):
    email = verified_email(claims)
    if not email:
        raise Refused(
            _(
                "%(provider)s has not confirmed your email address, so the intranet cannot "
                "tell which account is yours. Ask the service desk."
            )
            % {"provider": settings.SSO_PROVIDER_NAME}
        )
    User = get_user_model()
    matches = list(User.objects.filter(email__iexact=email)[:2])
    if len(matches) > 1:
        raise Refused(
            _("Several accounts share your email address: ask an administrator to merge them.")
        )
    if matches:
        user = matches[0]
        if user.is_superuser:
            # A break-glass administrator signs in with a password only: whoever holds
            # the same address at the provider (or can set it there) must not become one.
            raise Refused(
                _(
                    "Your email address belongs to an administrator's account, which "
                    "signs in with a password only. Ask an administrator."
                )
            )
        linked = ProviderIdentity.objects.filter(user=user).first()
        if linked and linked.issuer == settings.SSO_ISSUER:
            raise Refused(
                _(
                    "The account with your email address belongs to another identity at "
                    "%(provider)s. Ask an administrator."
                )
                % {"provider": settings.SSO_PROVIDER_NAME}
            )
        if linked:
            # The organisation has moved to another provider: the new one takes over.
            linked.delete()
    else:
        user = User(
            username=people.unique_username(email),
            email=email,
            first_name=_one_line(claims.get("given_name"), NAME_MAX_LENGTH),
            last_name=_one_line(claims.get("family_name"), NAME_MAX_LENGTH),
        )
        # Never a known password: the provider signs them in.
        user.set_unusable_password()
        user.save()
    ProviderIdentity.objects.create(user=user, issuer=settings.SSO_ISSUER, subject=subject)
    return user


def _fill_profile(user, claims: dict) -> None:
    """Fill what the profile lacks from the claims; what is there already stays."""
    profile = people.ensure_profile(user)
    wanted = {field: claims.get(claim) for field, claim in settings.SSO_PROFILE_CLAIMS.items()}
    # A profile named after the account's user name has no real name yet.
    if profile.display_name == user.get_username():
        wanted["display_name"] = claims.get("name")
    changed = []
    for field, value in wanted.items():
        value = _one_line(value, Profile._meta.get_field(field).max_length)
        if value and (field == "display_name" or not getattr(profile, field)):
            setattr(profile, field, value)
            changed.append(field)
    if changed:
        profile.save(update_fields=[*changed, "updated_at"])


def _one_line(value, max_length: int | None = None) -> str:
    """A claim as one line of plain text, or "" when it is not one."""
    if not isinstance(value, str):
        return ""
    value = value.strip()
    try:
        validate_one_line(value)
    except ValidationError:
        return ""
    return value[:max_length] if max_length else value
