"""People provisioned by the identity provider through SCIM 2.0 (django-scim2).

The provider creates a person, changes their name, job title and department,
and deactivates them when they leave, as `import_people --deactivate-missing`
does: the account stops signing in and what they wrote stays
(`people.services.mark_as_left`). Attributes the intranet does not keep
(addresses, phone numbers, a password) are ignored; a value it cannot keep
is refused with a SCIM error saying why, and changes nothing.
"""

import functools
from dataclasses import dataclass

from django_scim import constants, exceptions
from django_scim.adapters import SCIMUser
from django_scim.models import SCIMServiceProviderConfig
from django_scim.views import UsersView

from django.contrib.auth import get_user_model
from django.core.exceptions import RequestDataTooBig, ValidationError
from django.core.validators import validate_email
from django.db import transaction

from intranet.bad_input import is_no_id
from intranet.control_characters import validate_one_line
from people import services as people
from people.models import Profile
from sso.models import ProvisionedAccount

ENTERPRISE = constants.SchemaURI.ENTERPRISE_USER
NAME_MAX_LENGTH = 150
# The most resources one page of a listing holds, as ServiceProviderConfig says.
MAX_RESULTS = 50
PATCH_OPERATIONS = ("add", "replace", "remove")


def base_location(request=None, *args, **kwargs) -> str:
    """Where the resources' `location` URLs start: the address the client called."""
    return request.build_absolute_uri("/").rstrip("/")


def attribute(values: dict, name: str):
    """An attribute by its name, which SCIM compares without regard to case."""
    for key, value in values.items():
        if key.lower() == name.lower():
            return value
    return None


def merge(into: dict, more: dict) -> dict:
    for key, value in more.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            merge(into[key], value)
        else:
            into[key] = value
    return into


def attributes_at(path: str, value) -> dict:
    """What a PATCH path and value say, as the attributes a full resource would carry."""
    if path.lower().startswith(ENTERPRISE.lower() + ":"):
        return {ENTERPRISE: {path[len(ENTERPRISE) + 1 :]: value}}
    if path.lower().startswith("emails"):
        # `emails[type eq "work"].value` (Entra ID) names the one address kept.
        return {"emails": value if isinstance(value, list) else [{"value": value}]}
    head, dot, tail = path.partition(".")
    return {head: {tail: value}} if dot else {path: value}


@dataclass
class Changes:
    """What a request asks to change; None for what it does not mention."""

    user_name: str | None = None
    external_id: str | None = None
    email: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    display_name: str | None = None
    job_title: str | None = None
    department: str | None = None
    active: bool | None = None


def one_line(name: str, value, max_length: int) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise exceptions.BadRequestError(f"{name} must be text.")
    value = value.strip()
    try:
        validate_one_line(value)
    except ValidationError as error:
        raise exceptions.BadRequestError(f"{name}: {' '.join(error.messages)}") from None
    if len(value) > max_length:
        raise exceptions.BadRequestError(
            f"{name} is {len(value)} characters long; the most is {max_length}."
        )
    return value


def read_active(value) -> bool | None:
    # Entra ID has sent the flag as the text "True" or "False".
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    raise exceptions.BadRequestError(f"active must be true or false, not {value!r}.")


def read_email(emails) -> str | None:
    if emails is None:
        return None
    if isinstance(emails, dict):
        emails = [emails]
    if not isinstance(emails, list) or not all(isinstance(item, dict) for item in emails):
        raise exceptions.BadRequestError("emails must be a list of addresses.")
    chosen = sorted(emails, key=lambda item: not item.get("primary"))
    email = chosen[0].get("value") if chosen else ""
    if not email:
        return ""
    email = one_line("emails", email, get_user_model()._meta.get_field("email").max_length)
    try:
        validate_email(email)
    except ValidationError:
        raise exceptions.BadRequestError(f"“{email}” is not a valid email address.") from None
    return email


def read(values: dict) -> Changes:
    """The changes a resource (or the attributes of a PATCH) asks for, checked."""
    name = attribute(values, "name") or {}
    enterprise = attribute(values, ENTERPRISE) or {}
    if not isinstance(name, dict) or not isinstance(enterprise, dict):
        raise exceptions.BadRequestError("name and the enterprise extension are objects.")
    profile_length = {
        name: Profile._meta.get_field(name).max_length
        for name in ("display_name", "job_title", "department")
    }
    changes = Changes(
        user_name=one_line("userName", attribute(values, "userName"), 255),
        external_id=one_line("externalId", attribute(values, "externalId"), 255),
        email=read_email(attribute(values, "emails")),
        first_name=one_line("name.givenName", attribute(name, "givenName"), NAME_MAX_LENGTH),
        last_name=one_line("name.familyName", attribute(name, "familyName"), NAME_MAX_LENGTH),
        display_name=one_line(
            "displayName", attribute(values, "displayName"), profile_length["display_name"]
        ),
        job_title=one_line("title", attribute(values, "title"), profile_length["job_title"]),
        department=one_line(
            "department", attribute(enterprise, "department"), profile_length["department"]
        ),
        active=read_active(attribute(values, "active")),
    )
    if changes.user_name == "":
        raise exceptions.BadRequestError("userName cannot be empty.")
    return changes


def people_only(model):
    """django-scim2's GET_EXTRA_MODEL_FILTER_KWARGS_GETTER: administrators are no SCIM resource.

    Their accounts are the intranet's own: a provisioning client never lists,
    reads, changes, links or deactivates one (whoever holds the token could
    otherwise give an administrator's account an address they sign in with).
    """

    def filter_kwargs(request, *args, **kwargs) -> dict:
        return {"is_superuser": False}

    return filter_kwargs


def never_provisioned(model):
    """django-scim2's GET_EXTRA_MODEL_EXCLUDE_KWARGS_GETTER: a listing holds provisioned people."""

    def exclude_kwargs(request, *args, **kwargs) -> dict:
        return {"provisioned_account": None}

    return exclude_kwargs


class Person(SCIMUser):
    """A person as SCIM's User resource, with the enterprise extension's department."""

    id_field = "pk"

    def __init__(self, obj, request=None):
        super().__init__(obj, request)
        self.changes = Changes()

    @property
    def account(self) -> ProvisionedAccount | None:
        if self.obj.pk is None:
            return None
        return ProvisionedAccount.objects.filter(user=self.obj).first()

    def to_dict(self) -> dict:
        user = self.obj
        account = self.account
        profile = people.ensure_profile(user)
        return {
            "schemas": [constants.SchemaURI.USER, ENTERPRISE],
            "id": self.id,
            "externalId": account.external_id if account else "",
            "userName": account.user_name if account else user.get_username(),
            "name": {
                "givenName": user.first_name,
                "familyName": user.last_name,
                "formatted": user.get_full_name(),
            },
            "displayName": profile.display_name,
            "title": profile.job_title,
            "emails": [{"value": user.email, "type": "work", "primary": True}]
            if user.email
            else [],
            "active": user.is_active,
            ENTERPRISE: {"department": profile.department},
            "meta": {
                "resourceType": self.resource_type,
                "created": user.date_joined.isoformat(),
                "lastModified": profile.updated_at.isoformat(),
                "location": self.location,
            },
        }

    def validate_dict(self, d):
        # `read` checks every attribute the intranet keeps, Entra ID's "False" included.
        pass

    def from_dict(self, d):
        """A POST or PUT: the person's attributes, saved by `save`."""
        self.changes = read(d)
        if self.changes.user_name is None:
            raise exceptions.BadRequestError("userName is required.")
        if self.obj.pk is None:
            self.obj = self.existing_account() or self.obj

    def existing_account(self):
        """On a POST: the account already here with the same email address, to take over.

        Accounts made before provisioning (by `import_people` or by hand) are
        linked rather than made twice. One the client already provisions under
        another userName, or an address two accounts share, is a conflict.
        """
        if ProvisionedAccount.objects.filter(user_name__iexact=self.changes.user_name).exists():
            raise exceptions.IntegrityError(
                f"A person with the userName {self.changes.user_name} exists already.",
                scim_type="uniqueness",
            )
        if not self.changes.email:
            return None
        matches = list(get_user_model().objects.filter(email__iexact=self.changes.email)[:2])
        if len(matches) > 1:
            raise exceptions.IntegrityError(
                f"Several accounts share the email {self.changes.email}: merge them first.",
                scim_type="uniqueness",
            )
        if matches and matches[0].is_superuser:
            raise exceptions.IntegrityError(
                f"The account with the email {self.changes.email} is an administrator's, "
                f"which is managed in the intranet, not through provisioning.",
                scim_type="uniqueness",
            )
        if matches and ProvisionedAccount.objects.filter(user=matches[0]).exists():
            raise exceptions.IntegrityError(
                f"The account with the email {self.changes.email} is provisioned already, "
                f"under another userName.",
                scim_type="uniqueness",
            )
        return matches[0] if matches else None

    def save(self):
        with transaction.atomic():
            self.apply(self.changes)

    def delete(self):
        # What they wrote stays: deleting a person deactivates them.
        self.apply(Changes(active=False))

    def handle_operations(self, operations):
        """A PATCH: each operation's path and value read as the attributes they name."""
        attributes: dict = {}
        for operation in operations:
            if not isinstance(operation, dict):
                raise exceptions.BadRequestError("Each operation is an object.")
            op = str(operation.get("op", "")).lower()
            if op not in PATCH_OPERATIONS:
                raise exceptions.BadRequestError(
                    f"Unknown PATCH op {operation.get('op')!r}: use add, replace or remove."
                )
            path, value = operation.get("path"), operation.get("value")
            if path is not None and not isinstance(path, str):
                raise exceptions.BadRequestError("An operation's path must be text.")
            if op == "remove":
                if not path:
                    raise exceptions.BadRequestError("A remove needs a path.", scim_type="noTarget")
                if path.lower() in ("username", "active"):
                    raise exceptions.BadRequestError(f"{path} cannot be removed.")
                merge(attributes, attributes_at(path, ""))
            elif path:
                merge(attributes, attributes_at(path, value))
            elif isinstance(value, dict):
                for key, item in value.items():
                    merge(attributes, attributes_at(key, item))
            else:
                raise exceptions.BadRequestError("An operation without a path needs an object.")
        self.apply(read(attributes))

    def apply(self, changes: Changes) -> None:
        user = self.obj
        if changes.email and changes.email.lower() != user.email.lower():
            self.refuse_an_address_taken(changes.email)
        address_before = user.email
        if user.pk is None:
            user.username = people.unique_username(changes.email or changes.user_name)
            # The provider signs them in; they never had a password here.
            user.set_unusable_password()
        for name in ("email", "first_name", "last_name"):
            value = getattr(changes, name)
            if value is not None:
                setattr(user, name, value)
        if changes.active is True:
            user.is_active = True
        user.save()
        if changes.active is False:
            people.mark_as_left(user)
        self.save_account(changes)
        self.save_profile(changes, address_before)

    def refuse_an_address_taken(self, email: str) -> None:
        """Two accounts with one address would stop its owner signing in (`sso.accounts`)."""
        others = get_user_model().objects.filter(email__iexact=email)
        if self.obj.pk is not None:
            others = others.exclude(pk=self.obj.pk)
        if others.exists():
            raise exceptions.IntegrityError(
                f"Another account has the email {email}.", scim_type="uniqueness"
            )

    def save_account(self, changes: Changes) -> None:
        if changes.user_name is None and changes.external_id is None:
            return
        account = self.account or ProvisionedAccount(user=self.obj)
        if changes.user_name is not None:
            taken = ProvisionedAccount.objects.filter(user_name__iexact=changes.user_name)
            if taken.exclude(user=self.obj).exists():
                raise exceptions.IntegrityError(
                    f"Another person has the userName {changes.user_name}.",
                    scim_type="uniqueness",
                )
            account.user_name = changes.user_name
        if changes.external_id is not None:
            account.external_id = changes.external_id
        if not account.user_name:
            raise exceptions.BadRequestError("userName is required.")
        account.save()

    def save_profile(self, changes: Changes, address_before: str) -> None:
        profile = people.ensure_profile(self.obj)
        wanted = {
            # A display name removed falls back to the person's name, as for a new account.
            "display_name": changes.display_name
            or (people.default_display_name(self.obj) if changes.display_name == "" else None),
            "job_title": changes.job_title,
            "department": changes.department,
            # The directory's address follows the account's, unless the person chose another.
            "email": self.obj.email if changes.email and profile.email == address_before else None,
        }
        changed = [
            field
            for field, value in wanted.items()
            if value is not None and getattr(profile, field) != value
        ]
        for field in changed:
            setattr(profile, field, wanted[field])
        if changed:
            profile.save()


class ServiceConfig(SCIMServiceProviderConfig):
    """What the service supports, as clients read it at /scim/v2/ServiceProviderConfig."""

    def to_dict(self):
        return {
            **super().to_dict(),
            "filter": {"supported": True, "maxResults": MAX_RESULTS},
            "changePassword": {"supported": False},
        }


def within_upload_limit(handler):
    """A body past DATA_UPLOAD_MAX_MEMORY_SIZE answers 413, in SCIM's words, not 500."""

    @functools.wraps(handler)
    def checked(view, request, *args, **kwargs):
        try:
            # Reading the body is what checks its size; django-scim2 reads it again.
            _ = request.body
        except RequestDataTooBig:
            raise exceptions.SCIMException(
                "The request body is larger than the intranet accepts.", status=413
            ) from None
        return handler(view, request, *args, **kwargs)

    return checked


class PeopleView(UsersView):
    """django-scim2's Users endpoint, answering a malformed request with 400 rather than 500.

    Only provisioned people are resources: an account the client has not
    created or linked (by a POST with its address) is not listed, read or
    changed, so that a listing and a filter by userName always agree.
    """

    put = within_upload_limit(UsersView.put)
    patch = within_upload_limit(UsersView.patch)

    def get(self, request, *args, **kwargs):
        # RFC 7644, section 3.4.2.4: a count past the most is answered with the
        # most, and a negative one as 0. It is read as django-scim2 reads it
        # (int()), which answers 400 for what is no number.
        try:
            count = int(request.GET["count"])
        except (KeyError, ValueError):
            pass
        else:
            request.GET = request.GET.copy()
            request.GET["count"] = str(min(max(count, 0), MAX_RESULTS))
        return super().get(request, *args, **kwargs)

    @within_upload_limit
    def post(self, request, *args, **kwargs):
        # POST makes a person at /Users; at one person's address it is no SCIM request.
        if kwargs.get(self.lookup_url_kwarg):
            raise exceptions.SCIMException("POST creates people at /Users.", status=405)
        return super().post(request, *args, **kwargs)

    def load_body(self, body):
        try:
            loaded = super().load_body(body)
        except RecursionError:
            raise exceptions.BadRequestError("The JSON body is nested too deeply.") from None
        except UnicodeDecodeError:
            raise exceptions.BadRequestError("The body must be JSON in UTF-8.") from None
        if not isinstance(loaded, dict):
            raise exceptions.BadRequestError("The body must be a JSON object.")
        return loaded

    def get_object(self):
        key = self.kwargs.get(self.lookup_url_kwarg) or ""
        if is_no_id(key):
            raise exceptions.NotFoundError(key)
        person = super().get_object()
        if not ProvisionedAccount.objects.filter(user=person).exists():
            raise exceptions.NotFoundError(key)
        return person
