"""Mentions: which "@name" is one, the link it becomes, and the people suggested as one is typed."""

import json

import pytest

from django.urls import reverse
from django.utils.safestring import mark_safe

from intranet.factories import UserFactory
from intranet.text import render_discussion_body, sanitise_discussion_body
from people.mentions import SUGGESTIONS, link_mentions, with_linked_mentions

pytestmark = pytest.mark.django_db

SUGGEST = reverse("people:mention-suggestions")


def erin_link():
    return f'<a class="mention" href="{reverse("people:person", args=["erin"])}">@erin</a>'


def shown(typed):
    """`typed` as a comment or a discussion shows it, stored first as they store it."""
    stored = sanitise_discussion_body(typed)
    return with_linked_mentions(render_discussion_body(stored), stored)


def test_a_mention_of_someone_here_links_to_their_page(employee):
    assert shown("Thanks @erin, and @nobody.") == f"<p>Thanks {erin_link()}, and @nobody.</p>"


def test_what_is_not_a_mention_stays_text(employee):
    UserFactory(username="example.com")
    for text in (
        "Write to erin@example.com",
        "See https://example.com/@erin",
        "Code: `@erin`",
        '<a href="https://example.com">@erin</a>',
    ):
        assert "mention" not in shown(text), text


def test_someone_who_left_is_not_linked(employee):
    employee.is_active = False
    employee.save()
    assert shown("Thanks @erin") == "<p>Thanks @erin</p>"


def test_markup_around_a_mention_is_kept_and_nothing_is_unescaped():
    html = mark_safe("<p><strong>@erin</strong> &lt;b&gt;@erin&lt;/b&gt;</p>")
    assert link_mentions(html, {"erin"}) == (
        f"<p><strong>{erin_link()}</strong> &lt;b&gt;{erin_link()}&lt;/b&gt;</p>"
    )


def test_suggestions_give_name_username_and_photo_only(employee_client, employee):
    employee.profile.photo = "people/photos/erin.jpg"
    employee.profile.save()
    UserFactory(username="erik", first_name="Erik", last_name="Berg")
    UserFactory(username="ernie", first_name="Ernie", is_active=False)
    response = employee_client.get(SUGGEST, {"q": "er"})
    assert response.status_code == 200
    people = json.loads(response.content)["people"]
    assert {tuple(person) for person in people} == {("username", "name", "photo")}
    by_username = {person["username"]: person for person in people}
    # Someone who left is not suggested.
    assert set(by_username) == {"erin", "erik"}
    assert by_username["erik"] == {"username": "erik", "name": "Erik Berg", "photo": ""}
    assert by_username["erin"]["photo"].endswith("/people/photos/erin.jpg")


def test_suggestions_are_a_few_at_most(employee_client):
    for number in range(SUGGESTIONS + 3):
        UserFactory(username=f"sam{number}")
    people = json.loads(employee_client.get(SUGGEST, {"q": "sam"}).content)["people"]
    assert len(people) == SUGGESTIONS


@pytest.mark.parametrize("query", ["", "   "])
def test_no_query_suggests_nobody(employee_client, query):
    assert json.loads(employee_client.get(SUGGEST, {"q": query}).content) == {"people": []}


def test_suggestions_are_for_people_signed_in_only(client, employee):
    response = client.get(SUGGEST, {"q": "erin"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert b"erin" not in response.content


def test_suggestions_take_no_post(employee_client):
    assert employee_client.post(SUGGEST, {"q": "erin"}).status_code == 405
