"""Every cell of a community's privacy: visibility × person × action.

An open, a closed and a secret community each hold a discussion with a
comment by someone else, and a document in the community's collection.
Six people try ten things in each; the table below says who succeeds (Y)
and who does not (-). A cell that moves fails until the table says so.
"""

import pytest
import wagtail_factories

from django.test import Client
from django.urls import reverse

from communities.factories import CommunityPageFactory, DiscussionPageFactory
from communities.models import JoinRequest, Membership, TeamAccess, Visibility
from conversation.factories import CommentFactory
from conversation.models import Comment, CommentReaction, Flag
from intranet.factories import UserFactory
from notifications.models import Notification, PageFollow
from tests.communities.conftest import publish
from tests.search.helpers import result_titles

pytestmark = pytest.mark.django_db

PEOPLE = ("anonymous", "employee", "requester", "member", "team", "superuser")

# action          | open          | closed        | secret
#                   a e r m t s     a e r m t s     a e r m t s
TABLE = """
see in lists      | - Y Y Y Y Y   | - Y Y Y Y Y   | - - - Y Y Y
read              | - Y Y Y Y Y   | - - - Y Y Y   | - - - Y Y Y
search            | - Y Y Y Y Y   | - - - Y Y Y   | - - - Y Y Y
find by name      | - Y Y Y Y Y   | - Y Y Y Y Y   | - - - Y Y Y
comment           | - Y Y Y Y Y   | - - - Y Y Y   | - - - Y Y Y
react             | - Y Y Y Y Y   | - - - Y Y Y   | - - - Y Y Y
flag              | - Y Y Y Y Y   | - - - Y Y Y   | - - - Y Y Y
join              | - Y Y Y Y Y   | - - - Y - -   | - - - Y - -
file download     | - Y Y Y Y Y   | - - - Y Y Y   | - - - Y Y Y
notification      | - Y Y Y Y Y   | - - - Y Y Y   | - - - Y Y Y
"""
VISIBILITIES = (Visibility.OPEN, Visibility.CLOSED, Visibility.SECRET)


def expected() -> dict[tuple[str, str, str], bool]:
    cells = {}
    for line in TABLE.strip().splitlines():
        action, *columns = (part.strip() for part in line.split("|"))
        for visibility, column in zip(VISIBILITIES, columns, strict=True):
            for person, mark in zip(PEOPLE, column.split(), strict=True):
                cells[action, visibility, person] = mark == "Y"
    return cells


EXPECTED = expected()
ACTIONS = sorted({action for action, _visibility, _person in EXPECTED})


@pytest.fixture
def world(home, settings, tmp_path):
    # Files on disk: Wagtail serves a document from its path, which the test
    # settings' in-memory storage only pretends to have.
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    author = UserFactory(username="aki", first_name="Aki")
    people = {
        "employee": UserFactory(username="emma"),
        "requester": UserFactory(username="rita"),
        "member": UserFactory(username="milo"),
        "team": UserFactory(username="tess"),
        "superuser": UserFactory(username="sue", is_superuser=True),
    }
    places = {}
    for visibility in VISIBILITIES:
        community = CommunityPageFactory(
            parent=home, title=f"Room {visibility}", visibility=visibility
        )
        community.team_members.create(user=people["team"], discipline="hr", role="lead")
        publish(community)
        # The author talks there as a member; the superuser reads as one, without being one.
        for user in (people["member"], author):
            Membership.objects.create(user=user, community=community)
        JoinRequest.objects.create(user=people["requester"], community=community)
        discussion = DiscussionPageFactory(
            parent=community, title=f"Quokka plans {visibility}", author=author
        )
        comment = CommentFactory(page=discussion, user=author, comment="First thoughts.")
        document = wagtail_factories.DocumentFactory(
            collection=TeamAccess.objects.get(community=community).collection
        )
        for person in people.values():
            PageFollow.objects.create(user=person, page=discussion)
        places[visibility] = {
            "community": community,
            "discussion": discussion,
            "comment": comment,
            "document": document,
            "author": author,
        }
    return people, places


def client_for(people, person) -> Client:
    client = Client()
    if person != "anonymous":
        client.force_login(people[person])
    return client


def attempt(action, client, user, place) -> bool:
    community, discussion, comment = place["community"], place["discussion"], place["comment"]
    if action == "see in lists":
        return community.title in client.get(reverse("communities:index")).text
    if action == "read":
        return client.get(discussion.url).status_code == 200
    if action == "search":
        response = client.get(reverse("search"), {"query": "quokka plans"})
        return response.status_code == 200 and discussion.title in result_titles(response)
    if action == "find by name":
        # In the results and the suggestions: a closed community's name is everyone's.
        results = client.get(reverse("search"), {"query": community.title})
        suggested = client.get(reverse("search_suggest"), {"query": community.title})
        return (
            results.status_code == 200
            and community.title in result_titles(results)
            and suggested.status_code == 200
            and community.title in [item["label"] for item in suggested.json()["suggestions"]]
        )
    if action == "comment":
        client.post(reverse("conversation:post", args=[discussion.pk]), {"body": "Me too."})
        return Comment.objects.filter(page=discussion, comment="Me too.").exists()
    if action == "react":
        client.post(reverse("conversation:react", args=[comment.pk]), {"kind": "like"})
        return CommentReaction.objects.filter(comment=comment).exists()
    if action == "flag":
        client.post(reverse("conversation:flag", args=[comment.pk]), {"reason": "spam"})
        return Flag.objects.filter(comment=comment).exists()
    if action == "join":
        client.post(reverse("communities:join", args=[community.pk]))
        return (
            user is not None and Membership.objects.filter(user=user, community=community).exists()
        )
    if action == "file download":
        response = client.get(place["document"].url)
        return response.status_code == 200 and hasattr(response, "streaming_content")
    if action == "notification":
        # After the author's answer in the discussion everyone follows (`test_every_cell`).
        return user is not None and Notification.objects.filter(recipient=user).exists()
    raise AssertionError(action)


@pytest.mark.parametrize("visibility", VISIBILITIES)
@pytest.mark.parametrize("action", ACTIONS)
def test_every_cell(world, visibility, action):
    people, places = world
    place = places[visibility]
    if action == "notification":
        client_for({"author": place["author"]}, "author").post(
            reverse("conversation:post", args=[place["discussion"].pk]),
            {"body": "News for followers."},
        )
    found = {}
    for person in PEOPLE:
        user = people.get(person)
        found[person] = attempt(action, client_for(people, person), user, place)
    wanted = {person: EXPECTED[action, visibility, person] for person in PEOPLE}
    assert found == wanted
