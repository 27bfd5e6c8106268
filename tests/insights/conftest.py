import pytest

from django.contrib.auth.models import Group

from communities import services as community_services
from intranet.factories import UserFactory
from intranet.roles import COMMUNICATORS, INSIGHTS_READERS
from tests.communities.conftest import home, make_community, owner, publish  # noqa: F401
from tests.guides.conftest import guides_index, make_guide  # noqa: F401


@pytest.fixture
def reader(db):
    user = UserFactory(username="dana", first_name="Dana")
    user.groups.add(Group.objects.get(name=INSIGHTS_READERS))
    return user


@pytest.fixture
def communicator(db):
    """A communicator on no community's team (the demo's carl is on several)."""
    user = UserFactory(username="cora", first_name="Cora")
    user.groups.add(Group.objects.get(name=COMMUNICATORS))
    return user


@pytest.fixture
def start(db):
    """A discussion started the way members start one."""

    def start(author, community, title="A question for everyone"):
        community_services.add_member(community_services_lead(community), author, community)
        return community_services.start_discussion(
            author, community, title, "Does anyone know how this works here?"
        )

    def community_services_lead(community):
        return community.team_members.first().user

    return start
