import datetime

import pytest

from django.utils import timezone

from intranet.factories import UserFactory
from tests.communities.conftest import home, make_community, owner, publish  # noqa: F401
from tests.guides.conftest import (  # noqa: F401
    communicator,
    guides_index,
    make_guide,
    make_path,
)


@pytest.fixture
def old_hand(db):
    """Someone who joined long ago: no onboarding, no tour."""
    return UserFactory(
        username="priya",
        first_name="Priya",
        date_joined=timezone.now() - datetime.timedelta(days=400),
    )
