from io import StringIO

import pytest

from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction

from insights.services import counted_today
from intranet.factories import UserFactory
from tests.sso.provider import start_provider


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts and ends with nothing cached, as after a deploy.

    The cache outlives each test's data: a fragment cached by a test
    whose writes were rolled back would describe rows that no longer exist.
    """
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def no_view_counted_yet():
    """Each test starts with no page view remembered as counted by this process.

    A test's rows are rolled back and their ids given out again: a view
    remembered from an earlier test would keep the next one's from being written.
    """
    counted_today.clear()


@pytest.fixture
def employee(db):
    return UserFactory(username="erin", first_name="Erin")


@pytest.fixture
def employee_client(client, employee):
    client.force_login(employee)
    return client


class DemoTransaction:
    """The demo intranet, seeded once and kept in a transaction while the tests on it run.

    Seeding takes seconds, and dozens of tests read the demo. Each of them runs
    in a savepoint of its own on top (the `db` fixture), so what one test
    changes never reaches the next. The tests on the demo run one after the
    other (see `pytest_collection_modifyitems`), and the transaction is rolled
    back after the last of them, so no other test sees the demo.
    """

    def __init__(self):
        self.atomic = None
        self.blocker = None

    def open(self, blocker) -> None:
        if self.atomic is not None:
            return
        self.blocker = blocker
        with blocker.unblock():
            self.atomic = transaction.atomic()
            self.atomic.__enter__()
            call_command("seed_demo", stdout=StringIO())

    def close(self) -> None:
        if self.atomic is None:
            return
        with self.blocker.unblock():
            transaction.set_rollback(True)
            self.atomic.__exit__(None, None, None)
        self.atomic = None


DEMO = DemoTransaction()


@pytest.fixture(scope="session")
def demo_database(django_db_setup):
    """The test database, kept until the demo's transaction is rolled back."""
    yield
    DEMO.close()


@pytest.fixture
def demo_intranet(demo_database, django_db_blocker):
    """Opens the demo's transaction; set up before any other fixture of the test."""
    DEMO.open(django_db_blocker)


@pytest.fixture
def seeded(demo_intranet, db):
    """The demo intranet, as `seed_demo` builds it."""


def uses_the_demo(item) -> bool:
    return "demo_intranet" in getattr(item, "fixturenames", ())


def empties_the_database(item) -> bool:
    """A transactional test, which pytest-django runs after the others and which flushes."""
    marker = item.get_closest_marker("django_db")
    flushes = marker is not None and bool(
        marker.kwargs.get("transaction") or (marker.args and marker.args[0])
    )
    fixtures = set(getattr(item, "fixturenames", ()))
    return flushes or bool({"transactional_db", "live_server"} & fixtures)


def pytest_itemcollected(item):
    """Keep together, under `make test`'s parallel workers (pytest-xdist's loadgroup),
    what must run in one process: the tests on the demo, which share its one seeding,
    and each file's tests, which share its module fixtures. A file's transactional
    tests are a group of their own, so they still run after every other test."""
    if uses_the_demo(item):
        group = "demo"
    else:
        group = item.nodeid.split("::")[0]
        if empties_the_database(item):
            group += ":transactional"
    item.add_marker(pytest.mark.xdist_group(group))


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Run the tests on the demo together, just before the transactional tests.

    This runs after pytest-django's own ordering (database tests first, then
    transactional ones, which empty the database). Each demo test opens the
    demo before any other fixture, so its own savepoint (`db`) nests inside.
    """
    on_demo = [item for item in items if uses_the_demo(item)]
    others = [item for item in items if not uses_the_demo(item)]
    at = next((n for n, item in enumerate(others) if empties_the_database(item)), len(others))
    items[:] = [*others[:at], *on_demo, *others[at:]]
    for item in on_demo:
        item.fixturenames.remove("demo_intranet")
        item.fixturenames.insert(0, "demo_intranet")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """Roll the demo back once its last test is done, before the next test starts."""
    result = yield
    if nextitem is not None and not uses_the_demo(nextitem):
        DEMO.close()
    return result


@pytest.fixture(scope="session")
def oidc_provider():
    """A real OpenID Connect provider on loopback, for the whole run (tests/oidc_provider)."""
    yield from start_provider()


@pytest.fixture
def sso(settings, oidc_provider):
    """Single sign-on on, against the test provider; `settings` sets anything else."""
    for name, value in oidc_provider.intranet_settings().items():
        setattr(settings, name, value)
    return oidc_provider
