from io import StringIO

import pytest

from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction

from intranet.factories import UserFactory


@pytest.fixture
def employee(db):
    return UserFactory(username="erin", first_name="Erin")


@pytest.fixture
def employee_client(client, employee):
    client.force_login(employee)
    return client


@pytest.fixture(scope="session")
def demo_intranet(django_db_setup, django_db_blocker):
    """The demo intranet, seeded once for the session in a transaction rolled back at its end.

    Seeding takes seconds, and dozens of tests read the demo. Each of them runs
    in a savepoint of its own on top (the `db` fixture), so what one test
    changes never reaches the next. The tests that use it run last (see
    `pytest_collection_modifyitems`), so no other test sees the demo.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def seeded(demo_intranet, db):
    """The demo intranet, as `seed_demo` builds it."""
    # Cached blocks may hold what an earlier test wrote and then rolled back.
    cache.clear()


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Run the tests on the seeded demo after all others, keeping each group's order.

    This runs after pytest-django's own ordering, so no test that empties the
    database (a transactional one) comes after the demo's transaction opens.
    """
    items.sort(key=lambda item: "demo_intranet" in getattr(item, "fixturenames", ()))
