from tests.communities.conftest import home, make_community, owner, publish  # noqa: F401
from tests.conversation.conftest import discussion, stranger  # noqa: F401
