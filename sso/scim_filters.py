"""The SCIM filters a provisioning client sends, as django-scim2 turns them into SQL.

A module of its own: django-scim2 reads it while its adapters are being
defined, so it must not import them.
"""

from django_scim.filters import UserFilterQuery

from django.contrib.auth import get_user_model

from sso.models import ProvisionedAccount

USERS = get_user_model()._meta.db_table
ACCOUNTS = ProvisionedAccount._meta.db_table


class PeopleFilter(UserFilterQuery):
    """`userName eq "…"` (Entra ID, Okta), `externalId eq "…"` and `emails.value eq "…"`."""

    attr_map = {
        ("userName", None, None): f"{ACCOUNTS}.user_name",
        ("externalId", None, None): f"{ACCOUNTS}.external_id",
        ("emails", "value", None): f"{USERS}.email",
    }
    joins = (f"LEFT OUTER JOIN {ACCOUNTS} ON {ACCOUNTS}.user_id = {USERS}.id",)
