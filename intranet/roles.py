"""The Wagtail groups behind the roles in DESIGN.md.

Community owners are not here: each community's team gets a group of its own,
kept in step with the team inline by the communities app.
"""

from django.contrib.auth.models import Group

EMPLOYEES = "Employees"
COMMUNICATORS = "Communicators"
INSIGHTS_READERS = "Insights readers"

ROLE_GROUPS = (EMPLOYEES, COMMUNICATORS, INSIGHTS_READERS)


def add_to_employees(user) -> None:
    """Every account is an employee; the group is created by a migration."""
    group, _ = Group.objects.get_or_create(name=EMPLOYEES)
    user.groups.add(group)
