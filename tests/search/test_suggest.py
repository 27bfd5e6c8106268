"""Suggestions as you type: page titles and people, after two characters."""

from tests.search.test_privacy import suggestions


def test_two_characters_are_needed(employee_client, intranet):
    assert suggestions(employee_client, "b") == []
    assert "Booking leave" in suggestions(employee_client, "bo")


def test_titles_and_people_are_suggested_with_their_type(employee_client, intranet):
    response = employee_client.get("/search/suggest/", {"query": "pay"})
    items = response.json()["suggestions"]
    assert {"label": "Payroll", "kind": "Community", "url": "/people-team/payroll/"} in items
    assert "Ada Lovelace" not in [item["label"] for item in items]
    ada = employee_client.get("/search/suggest/", {"query": "ada lo"}).json()["suggestions"]
    assert ada == [{"label": "Ada Lovelace", "kind": "Person", "url": "/people/ada/"}]
    assert (
        "1 suggestion"
        in employee_client.get("/search/suggest/", {"query": "ada lo"}).json()["status"]
    )


def test_nothing_matching_gives_an_empty_list(employee_client, intranet):
    response = employee_client.get("/search/suggest/", {"query": "zzzz"})
    assert response.json() == {"suggestions": [], "status": ""}
