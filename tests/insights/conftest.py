import pytest

from django.contrib.auth.models import Group

from communities import services as community_services
from intranet.factories import UserFactory
from intranet.roles import INSIGHTS_READERS
from tests.communities.conftest import home, make_community, owner, publish  # noqa: F401
from tests.guides.conftest import guides_index, make_guide, second_communicator  # noqa: F401


@pytest.fixture
def reader(db):
    user = UserFactory(username="dana", first_name="Dana")
    user.groups.add(Group.objects.get(name=INSIGHTS_READERS))
    return user


@pytest.fixture
def communicator(second_communicator):  # noqa: F811 (the fixture, imported above)
    """A communicator on no community's team (the demo's carl is on several)."""
    return second_communicator


@pytest.fixture
def superuser(db):
    return UserFactory(username="admin", is_superuser=True, is_staff=True)


@pytest.fixture
def guide(make_guide):  # noqa: F811 (fixtures imported above)
    return make_guide(title="Booking leave")


@pytest.fixture
def community(make_community, owner):  # noqa: F811 (fixtures imported above)
    return make_community(title="Cyclists", lead=owner)


@pytest.fixture
def start(db):
    """A discussion started the way members start one: the lead adds the author first."""

    def start(author, community, title="A question for everyone"):
        lead = community.team_members.first().user
        community_services.add_member(lead, author, community)
        return community_services.start_discussion(
            author, community, title, "Does anyone know how this works here?"
        )

    return start
