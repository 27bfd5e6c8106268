"""The SCIM filters a provisioning client sends, as django-scim2 turns them into SQL.

A module of its own: django-scim2 reads it while its adapters are being
defined, so it must not import them.
"""

from django_scim import exceptions
from django_scim.filters import UserFilterQuery

from django.contrib.auth import get_user_model

from sso.models import ProvisionedAccount

USERS = get_user_model()._meta.db_table
ACCOUNTS = ProvisionedAccount._meta.db_table
CORE_USER = "urn:ietf:params:scim:schemas:core:2.0:User"
# Entra ID and Okta send one comparison. A chain of hundreds would exhaust the
# parser's recursion (a 500); this length keeps it well short of that.
MAX_FILTER_LENGTH = 1000


def named(attr_path) -> str:
    """An attribute path as a filter writes it: `userName`, `emails.value`, `urn:…:userName`."""
    attribute, sub_attribute, uri = attr_path
    name = f"{attribute}.{sub_attribute}" if sub_attribute else str(attribute)
    return f"{uri}:{name}" if uri else name


def invalid_filter(detail: str) -> exceptions.BadRequestError:
    return exceptions.BadRequestError(detail, scim_type="invalidFilter")


class PeopleFilter(UserFilterQuery):
    """`userName eq "…"` (Entra ID, Okta), `externalId eq "…"` and `emails.value eq "…"`.

    Only provisioned people are found (the inner join), as only they are
    listed; a filter on any other attribute is refused rather than matching
    nobody, or everybody, in silence.
    """

    attr_map = {
        ("userName", None, None): f"{ACCOUNTS}.user_name",
        ("userName", None, CORE_USER): f"{ACCOUNTS}.user_name",
        ("externalId", None, None): f"{ACCOUNTS}.external_id",
        ("emails", "value", None): f"{USERS}.email",
    }
    joins = (f"INNER JOIN {ACCOUNTS} ON {ACCOUNTS}.user_id = {USERS}.id",)

    @classmethod
    def search(cls, filter_query, request=None):
        if len(filter_query) > MAX_FILTER_LENGTH:
            raise invalid_filter(f"A filter has at most {MAX_FILTER_LENGTH} characters.")
        try:
            query = cls.query_class(filter_query, cls.table_name(), cls.attr_map, cls.joins)
        except IndexError:
            # The parser's own limit on the values one filter compares.
            raise invalid_filter("The filter compares too many values.") from None
        # Compared whole: an attribute named under another schema is another attribute.
        unknown = sorted(
            {named(path) for path in query.transpiler.attr_paths if path not in cls.attr_map}
        )
        if unknown:
            raise invalid_filter(
                f"Filter on userName, externalId or emails.value, not on {', '.join(unknown)}."
            )
        sql, params = cls.get_raw_args(query, request)
        return cls.model_getter().objects.raw(sql, params)
