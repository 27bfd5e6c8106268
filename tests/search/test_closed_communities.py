"""A closed community is found by its name and purpose: everyone may know of it and ask to
join. Nothing else of it is found by those outside it, and a secret one not at all."""

import pytest

from django.test import Client

from wagtail.models import PageViewRestriction

from communities.factories import MembershipFactory
from communities.models import Visibility
from intranet.factories import UserFactory
from tests.search.helpers import result_titles, search
from tests.search.test_privacy import suggestions

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def member():
    return UserFactory(username="mel", first_name="Mel")


@pytest.fixture
def rooms(make_community, make_discussion, member):
    """A closed community with words in its title, purpose, heading and body, and below it
    a discussion and a closed sub-community; a secret community with a closed one inside.
    `member` belongs to each."""
    closed = make_community(
        title="Quokka lodge",
        purpose="Where zebras plan.",
        visibility=Visibility.CLOSED,
        body__0__heading__text="Marmot heading",
        body__1__paragraph__value="<p>Wombat secrets.</p>",
    )
    secret = make_community(
        title="Quokka vault", purpose="Zebras in hiding.", visibility=Visibility.SECRET
    )
    rooms = {
        "closed": closed,
        "discussion": make_discussion(closed, title="Quokka agenda", body="Zebras and wombats."),
        "inner": make_community(
            parent=closed,
            title="Quokka annex",
            purpose="Zebras next door.",
            visibility=Visibility.CLOSED,
        ),
        "secret": secret,
        "under secret": make_community(
            parent=secret,
            title="Quokka cellar",
            purpose="Zebras downstairs.",
            visibility=Visibility.CLOSED,
        ),
    }
    for room in ("closed", "inner", "secret", "under secret"):
        MembershipFactory(user=member, community=rooms[room])
    return rooms


def found(client, query) -> set[str]:
    """The titles among the results, and those among the suggestions, for `query`."""
    return set(result_titles(search(client, query))) | set(suggestions(client, query))


def test_an_outsider_finds_a_closed_community_by_its_title(employee_client, rooms):
    assert result_titles(search(employee_client, "quokka")) == ["Quokka lodge"]
    assert suggestions(employee_client, "quok") == ["Quokka lodge"]


def test_an_outsider_finds_a_closed_community_by_its_purpose(employee_client, rooms):
    assert result_titles(search(employee_client, "zebras")) == ["Quokka lodge"]
    assert suggestions(employee_client, "zebr") == ["Quokka lodge"]
    # Every word must be in the title or the purpose, as the engine asks of every field.
    assert result_titles(search(employee_client, "quokka plan")) == ["Quokka lodge"]
    assert found(employee_client, "quokka wombat") == set()


@pytest.mark.parametrize("word", ["wombat", "marmot", "agenda", "annex", "vault", "cellar"])
def test_an_outsider_finds_nothing_else_of_it_nor_of_a_secret_one(employee_client, rooms, word):
    """Not its body, headings, discussions or sub-communities; nothing of a secret one, not
    even a closed community inside it."""
    assert found(employee_client, word) == set()


def test_the_result_leads_to_its_front_door_and_shows_only_its_purpose(employee_client, rooms):
    closed = rooms["closed"]
    response = search(employee_client, "quokka")
    page = response.content.decode()
    assert f'href="{closed.url}"' in page
    assert "Where zebras plan." in page
    assert "Wombat" not in page
    assert "Marmot" not in page
    suggestion = employee_client.get("/search/suggest/", {"query": "quok"}).json()
    assert suggestion["suggestions"] == [
        {"label": "Quokka lodge", "kind": "Community", "url": closed.url}
    ]
    door = employee_client.get(closed.url)
    assert door.status_code == 200
    assert "Where zebras plan." in door.text
    assert "Quokka agenda" not in door.text


def test_a_member_finds_everything_as_before(member, rooms):
    client = client_for(member)
    everything = {
        "Quokka lodge",
        "Quokka agenda",
        "Quokka annex",
        "Quokka vault",
        "Quokka cellar",
    }
    assert set(result_titles(search(client, "quokka"))) == everything
    assert set(suggestions(client, "quok")) == everything
    assert "Quokka lodge" in result_titles(search(client, "wombat"))
    assert "Quokka agenda" in result_titles(search(client, "agenda"))


def test_it_is_not_offered_as_a_filter_to_an_outsider(employee_client, member, rooms):
    """Filtering by a community would tell who its members are and what is inside."""
    closed = rooms["closed"]
    assert f'value="{closed.pk}"' not in search(employee_client, "quokka").content.decode()
    assert f'value="{closed.pk}"' in search(client_for(member), "quokka").content.decode()
    filtered = search(employee_client, "quokka", community=closed.pk)
    # An unknown community falls back to no filter: the door alone, nothing inside.
    assert result_titles(filtered) == ["Quokka lodge"]


def test_it_is_found_within_an_open_community_it_belongs_to(employee_client, make_community, home):
    parent = make_community(title="Animals", purpose="All of them.")
    make_community(
        parent=parent, title="Quokka lodge", purpose="Zebras.", visibility=Visibility.CLOSED
    )
    assert result_titles(search(employee_client, "quokka", community=parent.pk)) == ["Quokka lodge"]


def test_it_is_not_found_when_only_a_password_would_let_the_reader_in(employee_client, rooms):
    """A password on the community asks for itself before any front door."""
    PageViewRestriction.objects.create(
        page=rooms["closed"], restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    assert found(employee_client, "quokka") == set()


def test_a_community_turned_secret_is_no_longer_found(employee_client, rooms):
    closed = rooms["closed"]
    assert found(employee_client, "zebras") == {"Quokka lodge"}
    closed.visibility = Visibility.SECRET
    closed.save_revision().publish()
    assert found(employee_client, "zebras") == set()
