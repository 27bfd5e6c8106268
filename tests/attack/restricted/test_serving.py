"""The restricted pages themselves, served at their addresses.

A signed-in reader outside a page's groups finds nothing there (404), as at
every address that names the page by its id; a page behind a password shows
Wagtail's form to whoever has not given it.
"""

import pytest

from tests.attack.restricted.conftest import give_the_password, signed_in

BOARD = ("Board", "Board sub", "discussion in Board", "guide in Board")
VAULT = ("Vault", "Vault sub", "discussion in Vault", "guide in Vault")


def as_outsider(restricted, name):
    """The page `name`, a client signed in as someone outside it, and what they are shown."""
    page = restricted.pages[name]
    outsider = signed_in(restricted.users["otto"])
    return page, outsider, outsider.get(page.url)


@pytest.mark.parametrize("name", BOARD)
def test_a_page_behind_groups_is_not_found_by_an_outsider(world, restricted, db, name):
    page, _outsider, response = as_outsider(restricted, name)
    assert response.status_code == 404
    assert page.title not in response.content.decode()
    for reader in ("mia", "bea"):
        assert signed_in(restricted.users[reader]).get(page.url).status_code == 200, reader


@pytest.mark.parametrize("name", VAULT)
def test_a_page_behind_a_password_asks_for_it(world, restricted, db, name):
    page, outsider, asked = as_outsider(restricted, name)
    assert asked.status_code == 200
    assert 'name="password"' in asked.content.decode()
    assert page.title not in asked.content.decode()
    give_the_password(outsider, restricted)
    shown = outsider.get(page.url)
    assert shown.status_code == 200
    assert 'name="password"' not in shown.content.decode()
