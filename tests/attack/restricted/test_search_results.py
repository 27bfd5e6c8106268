"""Search results are cached for readers who may not see the same places, never across them.

The world: tests/attack/restricted/conftest.py. Mia passes the board's
restriction and, once she gives it, the vault's password; Bea leads the board;
Otto passes neither. The words were searched earlier today, so every reader
after the first may be served cached results: each must still see only their own.
"""

import itertools

import pytest

from django.utils import timezone

from search.models import SearchQueryDay
from tests.attack.restricted.conftest import give_the_password, signed_in
from tests.search.helpers import result_titles, search

WORDS = "secret plans"
BEHIND = {"Secret plans of Board", "Secret plans of Vault"}


def seen(client) -> set[str]:
    """The discussions behind a restriction that a search for the words lists."""
    return set(result_titles(search(client, WORDS))) & BEHIND


@pytest.fixture
def readers(world, restricted, db):
    SearchQueryDay.objects.create(day=timezone.localdate(), query_string=WORDS, searches=1)
    clients = {name: signed_in(restricted.users[name]) for name in ("mia", "bea", "otto")}
    give_the_password(clients["mia"], restricted)
    return clients


@pytest.mark.parametrize("order", list(itertools.permutations(["mia", "bea", "otto"])))
def test_readers_restricted_differently_never_share_results(readers, order):
    expected = {"mia": BEHIND, "bea": {"Secret plans of Board"}, "otto": set()}
    for name in [*order, *order]:
        assert seen(readers[name]) == expected[name], name


def test_a_password_given_shows_its_results_at_once_and_to_nobody_else(readers, restricted):
    otto, bea = readers["otto"], readers["bea"]
    assert seen(otto) == set()
    give_the_password(otto, restricted)
    assert seen(otto) == {"Secret plans of Vault"}
    assert seen(bea) == {"Secret plans of Board"}


def test_a_group_taken_off_a_restriction_takes_its_results_away_at_once(readers, restricted):
    bea = readers["bea"]
    assert seen(bea) == {"Secret plans of Board"}
    board = restricted.restrictions["Board"]
    board.groups.remove(restricted.pages["Board"].team_access.group)
    assert seen(bea) == set()
    assert seen(readers["mia"]) == BEHIND
