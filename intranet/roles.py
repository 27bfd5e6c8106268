"""The Wagtail groups behind the roles in DESIGN.md.

Community owners are not here: each community's team gets a group of its own,
kept in step with the team inline by the communities app.
"""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

from intranet.request_memo import once_per_request

EMPLOYEES = "Employees"
COMMUNICATORS = "Communicators"
INSIGHTS_READERS = "Insights readers"

ROLE_GROUPS = (EMPLOYEES, COMMUNICATORS, INSIGHTS_READERS)

# The collection, beside the communities' own, where the Communicators keep
# images and documents for everyone; created by a migration.
SHARED_COLLECTION = "Shared"


def group_names(user) -> frozenset[str]:
    return once_per_request(
        ("groups", user.pk),
        lambda: frozenset(Group.objects.filter(user=user).values_list("name", flat=True)),
    )


def is_communicator(user) -> bool:
    return COMMUNICATORS in group_names(user)


def add_to_employees(user) -> None:
    """Every account is an employee; the group is created by a migration."""
    group, _ = Group.objects.get_or_create(name=EMPLOYEES)
    user.groups.add(group)


def can_open_admin(user) -> bool:
    """Whether `user` holds `wagtailadmin.access_admin`, for the header's link to the admin.

    One query, asked once a request: Django's `has_perm` reads the person's own
    permissions and their groups' in two. The admin checks the permission
    itself on every request.
    """
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return once_per_request(
        ("admin access", user.pk),
        lambda: Permission.objects.filter(
            Q(user=user) | Q(group__user=user),
            content_type__app_label="wagtailadmin",
            codename="access_admin",
        ).exists(),
    )
