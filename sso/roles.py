"""The roles a provider's groups grant, applied again at each sign-in.

Only the roles the deployment maps (OIDC_COMMUNICATORS_GROUPS and the others)
are added or removed; a role left unmapped stays the administrators' to give.
Community membership and teams are never touched: they are the intranet's own.
"""

from django.conf import settings
from django.contrib.auth.models import Group

from intranet.roles import COMMUNICATORS, INSIGHTS_READERS

# The Wagtail group of each role a claim can grant, by its key in SSO_ROLE_CLAIMS.
ROLE_GROUPS = {"communicators": COMMUNICATORS, "insights_readers": INSIGHTS_READERS}


def claimed_groups(claims: dict) -> frozenset[str]:
    """The group claim's values; providers send a list, some a single string."""
    value = claims.get(settings.SSO_GROUPS_CLAIM) or []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple):
        return frozenset()
    return frozenset(str(item) for item in value)


def apply_roles(user, claims: dict) -> None:
    groups = claimed_groups(claims)
    mapped = settings.SSO_ROLE_CLAIMS
    for key, group_name in ROLE_GROUPS.items():
        if not mapped[key]:
            continue
        group, _ = Group.objects.get_or_create(name=group_name)
        if groups & mapped[key]:
            user.groups.add(group)
        else:
            user.groups.remove(group)
    if mapped["administrators"]:
        is_administrator = bool(groups & mapped["administrators"])
        if user.is_superuser != is_administrator:
            user.is_superuser = is_administrator
            user.save(update_fields=["is_superuser"])
