import pytest

from communities.factories import CommunityPageFactory, CommunityTeamMemberFactory
from communities.models import TeamRole
from home.models import HomePage
from intranet.factories import UserFactory
from people.models import Discipline


def publish(page):
    """Publish the page's current state the way the admin does, firing `page_published`."""
    page.save_revision().publish()
    return page


@pytest.fixture
def home(db):
    return HomePage.objects.get()


@pytest.fixture
def make_community(home):
    """A published community with a lead, whose team rights are synced."""

    def make(parent=None, lead=None, **kwargs):
        community = CommunityPageFactory(parent=parent or home, **kwargs)
        if lead is not None:
            CommunityTeamMemberFactory(
                page=community, user=lead, discipline=Discipline.HR, role=TeamRole.LEAD
            )
        return publish(community)

    return make


@pytest.fixture
def owner(db):
    return UserFactory(username="olivia", first_name="Olivia")
