import pytest

from django.contrib.auth.models import Group

from intranet.factories import UserFactory
from intranet.roles import COMMUNICATORS, INSIGHTS_READERS
from tests.communities.conftest import home, make_community, owner, publish  # noqa: F401
from tests.guides.conftest import guides_index, make_guide  # noqa: F401


def in_group(user, name):
    user.groups.add(Group.objects.get(name=name))
    return user


@pytest.fixture
def communicator(db):
    return in_group(UserFactory(username="carl", first_name="Carl"), COMMUNICATORS)


@pytest.fixture
def reader(db):
    return in_group(UserFactory(username="dana", first_name="Dana"), INSIGHTS_READERS)


@pytest.fixture
def superuser(db):
    return UserFactory(username="admin", is_superuser=True, is_staff=True)


@pytest.fixture
def guide(make_guide):  # noqa: F811 (fixtures imported above)
    return make_guide(title="Booking leave")


@pytest.fixture
def community(make_community, owner):  # noqa: F811 (fixtures imported above)
    return make_community(title="Cyclists", lead=owner)
