from io import StringIO

import pytest

from django.core.management import call_command

from intranet.factories import UserFactory


@pytest.fixture
def employee(db):
    return UserFactory(username="erin", first_name="Erin")


@pytest.fixture
def employee_client(client, employee):
    client.force_login(employee)
    return client


@pytest.fixture
def seeded(db):
    """The demo intranet, as `seed_demo` builds it."""
    call_command("seed_demo", stdout=StringIO())
