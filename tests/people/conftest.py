import pytest

from intranet.factories import UserFactory


@pytest.fixture
def admin_user(db):
    return UserFactory(username="admin", is_superuser=True, is_staff=True)


@pytest.fixture
def home(db):
    from home.models import HomePage

    return HomePage.objects.get()
