import pytest

from django.contrib.auth.models import Group

from guides.factories import GuidePageFactory, LearningPathPageFactory
from guides.models import GuideIndexPage
from home.models import HomePage
from intranet.factories import UserFactory
from intranet.roles import COMMUNICATORS
from tests.communities.conftest import home, make_community, owner, publish  # noqa: F401

# One of each block, for the tests that render a whole guide.
EVERY_BLOCK = {
    "body__0__heading__text": "Before you start",
    "body__1__paragraph__value": "<p>Open the intranet and sign in.</p>",
    "body__2__steps__steps__0__title": "Find the search box",
    "body__3": "tip",
    "body__4": "warning",
    "body__5__video__title": "A tour",
    "body__6__questions__questions__0__question": "Who can see my profile?",
}


@pytest.fixture
def guides_index(db):
    """The intranet's guide index, which the migration creates under the home page."""
    return GuideIndexPage.objects.child_of(HomePage.objects.get()).get()


@pytest.fixture
def make_guide(guides_index):
    def make(parent=None, **kwargs):
        return publish(GuidePageFactory(parent=parent or guides_index, **kwargs))

    return make


@pytest.fixture
def make_path(guides_index):
    def make(guides, parent=None, **kwargs):
        return publish(
            LearningPathPageFactory(parent=parent or guides_index, guides=guides, **kwargs)
        )

    return make


@pytest.fixture
def communicator(db):
    user = UserFactory(username="carl", first_name="Carl")
    user.groups.add(Group.objects.get(name=COMMUNICATORS))
    return user


@pytest.fixture
def second_communicator(db):
    user = UserFactory(username="cora", first_name="Cora")
    user.groups.add(Group.objects.get(name=COMMUNICATORS))
    return user
