"""Hostile text in the search box gets an answer, never a server error."""

import pytest

from tests.attack.payloads import PAYLOADS


@pytest.mark.parametrize(
    "query", ['"leave"', 'href="javascript:x" leave', 'leave" OR "x', "leave:"]
)
def test_quotes_and_colons_in_a_query_get_an_answer(world, db, client, query):
    client.force_login(world.users["erin"])
    response = client.get("/search/", {"query": query})
    assert response.status_code == 200
    assert response.context["search_query"] == query.strip()


def test_every_payload_gets_a_search_page(world, db, client):
    client.force_login(world.users["erin"])
    for payload in PAYLOADS:
        assert client.get("/search/", {"query": payload}).status_code == 200, payload
