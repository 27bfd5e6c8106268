import pytest

from django.core.cache import cache

from intranet.factories import UserFactory


@pytest.fixture(autouse=True)
def empty_cache():
    # The directory keeps its filters in the cache, which outlives each test's data.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def admin_user(db):
    return UserFactory(username="admin", is_superuser=True, is_staff=True)


@pytest.fixture
def home(db):
    from home.models import HomePage

    return HomePage.objects.get()
