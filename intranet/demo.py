"""Demo accounts, for `seed_demo`.

Every function here is idempotent: it creates what is missing and leaves
what exists alone, so running the seed twice changes nothing.
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from intranet.roles import COMMUNICATORS, INSIGHTS_READERS


@dataclass(frozen=True)
class DemoPerson:
    username: str
    first_name: str
    last_name: str
    groups: tuple[str, ...] = ()
    superuser: bool = False
    # Most have been here a while; a new joiner sees the onboarding path and the tour.
    joined_days_ago: int = 700

    @property
    def email(self) -> str:
        return f"{self.username}@example.com"


# The five accounts the README names come first; the rest are colleagues.
DEMO_PEOPLE = (
    DemoPerson("admin", "Ada", "Admin", superuser=True),
    DemoPerson("carl", "Carl", "Mendes", groups=(COMMUNICATORS,)),
    DemoPerson("olivia", "Olivia", "Okafor"),
    DemoPerson("erin", "Erin", "Lindqvist", joined_days_ago=3),
    DemoPerson("dana", "Dana", "Whitfield", groups=(INSIGHTS_READERS,)),
    DemoPerson("priya", "Priya", "Raman"),
    DemoPerson("tomas", "Tomás", "Novak"),
    DemoPerson("amara", "Amara", "Eze"),
    DemoPerson("jonas", "Jonas", "Berg"),
    DemoPerson("mei", "Mei", "Tanaka"),
    DemoPerson("diego", "Diego", "Alvarez"),
    DemoPerson("sofia", "Sofia", "Rossi"),
    DemoPerson("liam", "Liam", "O'Connor"),
    DemoPerson("nadia", "Nadia", "Haddad"),
    DemoPerson("kofi", "Kofi", "Mensah"),
)


def seed_accounts(password: str) -> int:
    """Create the demo accounts that are missing; return how many were created.

    An existing account keeps its password and details, so a person who changed
    theirs after the first seed is not reset.
    """
    User = get_user_model()
    created_count = 0
    for person in DEMO_PEOPLE:
        user, created = User.objects.get_or_create(
            username=person.username,
            defaults={
                "first_name": person.first_name,
                "last_name": person.last_name,
                "email": person.email,
                "is_superuser": person.superuser,
                "is_staff": person.superuser,
                "date_joined": timezone.now() - datetime.timedelta(days=person.joined_days_ago),
            },
        )
        if not created:
            continue
        created_count += 1
        user.set_password(password)
        user.save(update_fields=["password"])
        user.groups.add(*Group.objects.filter(name__in=person.groups))
    return created_count
