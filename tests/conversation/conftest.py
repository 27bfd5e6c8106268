import pytest

from communities.factories import DiscussionPageFactory
from intranet.factories import UserFactory
from tests.communities.conftest import home, make_community, owner, publish  # noqa: F401


@pytest.fixture
def discussion(make_community, owner):  # noqa: F811 (fixtures imported above)
    """A published discussion in a community that olivia leads, started by dana."""
    community = make_community(title="People and Culture", lead=owner)
    return publish(DiscussionPageFactory(parent=community, author=UserFactory(username="dana")))


@pytest.fixture
def stranger(db):
    return UserFactory(username="sam", first_name="Sam")
