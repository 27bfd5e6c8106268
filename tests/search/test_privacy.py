"""What the reader may not open is never found: not in the results, not in the suggestions.

What they may open behind a restriction (their group's private community) is found.
"""

import pytest
import wagtail_factories

from django.contrib.auth.models import Group
from django.urls import reverse

from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction

from conversation import services as conversation
from conversation.factories import CommentFactory
from people.factories import PersonFactory
from tests.search.helpers import result_titles, search


def suggestions(client, query):
    response = client.get("/search/suggest/", {"query": query})
    assert response.status_code == 200
    return [item["label"] for item in response.json()["suggestions"]]


def assert_hidden(client, query, title):
    assert title not in result_titles(search(client, query))
    assert title not in suggestions(client, query)


def assert_found(client, query, title):
    assert title in result_titles(search(client, query))
    assert title in suggestions(client, query)


def test_a_page_never_published_is_not_found(employee_client, make_guide):
    guide = make_guide(title="Quokka handbook")
    guide.unpublish()
    guide.save_revision()
    assert_hidden(employee_client, "quokka", "Quokka handbook")


def test_an_unpublished_page_is_not_found(employee_client, make_community):
    community = make_community(title="Quokka club")
    assert_found(employee_client, "quokka", "Quokka club")
    community.unpublish()
    assert_hidden(employee_client, "quokka", "Quokka club")


def test_draft_changes_to_a_live_page_are_not_found(employee_client, make_guide):
    guide = make_guide(title="Expense claims", summary="Claim within a month.")
    guide.title = "Quokka expenses"
    guide.summary = "Secret wombat plans."
    guide.save_revision()
    assert result_titles(search(employee_client, "wombat")) == []
    assert_hidden(employee_client, "quokka", "Quokka expenses")
    assert_found(employee_client, "expense", "Expense claims")


def test_a_private_page_and_everything_under_it_are_not_found(
    employee_client, make_community, make_discussion
):
    community = make_community(title="Quokka board")
    discussion = make_discussion(community, title="Quokka budget", body="Numbers.")
    assert_found(employee_client, "quokka", "Quokka budget")
    restriction = PageViewRestriction.objects.create(
        page=community, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.get(name="Communicators"))
    assert_hidden(employee_client, "quokka", "Quokka board")
    assert_hidden(employee_client, "quokka", discussion.title)
    # Nor can it be picked as a filter.
    response = search(employee_client, "quokka")
    assert f'value="{community.pk}"' not in response.content.decode()


@pytest.fixture
def board_only(make_community, make_discussion):
    """A community only its board's group may open, with a discussion: (community,
    discussion, the board's group)."""
    community = make_community(title="Quokka board")
    discussion = make_discussion(community, title="Quokka budget", body="Numbers.")
    restriction = PageViewRestriction.objects.create(
        page=community, restriction_type=PageViewRestriction.GROUPS
    )
    board = Group.objects.create(name="Board")
    restriction.groups.add(board)
    return community, discussion, board


def test_members_of_a_private_communitys_group_find_it(employee_client, employee, board_only):
    community, discussion, board = board_only
    assert_hidden(employee_client, "quokka", discussion.title)
    employee.groups.add(board)
    assert_found(employee_client, "quokka", "Quokka board")
    assert_found(employee_client, "quokka", discussion.title)
    response = search(employee_client, "quokka")
    assert f'value="{community.pk}"' in response.content.decode()


def test_an_alias_of_a_private_page_is_as_private_as_its_source(
    employee_client, employee, board_only
):
    """An alias shows its source's content: wherever it sits, only who may read the source
    finds it and opens it."""
    _community, discussion, board = board_only
    alias = discussion.create_alias(parent=Page.objects.get(depth=2), update_slug="budget-copy")

    assert_hidden(employee_client, "quokka", "Quokka budget")
    # Not found, as a page behind groups is for whoever is outside them.
    assert employee_client.get(alias.url).status_code == 404

    employee.groups.add(board)
    assert result_titles(search(employee_client, "quokka")).count("Quokka budget") == 2
    assert employee_client.get(alias.url).status_code == 200


def test_aliases_of_aliases_and_pages_under_an_alias_are_as_private(
    employee_client, employee, board_only, make_discussion
):
    community, discussion, board = board_only
    home = Page.objects.get(depth=2)
    alias = discussion.create_alias(parent=home, update_slug="budget-copy")
    alias.create_alias(parent=home, update_slug="budget-copy-of-copy")
    board_copy = community.create_alias(parent=home, update_slug="board-copy")
    make_discussion(board_copy.specific, title="Quokka minutes", body="Under the copy.")
    for title in ("Quokka budget", "Quokka board", "Quokka minutes"):
        assert_hidden(employee_client, "quokka", title)
    employee.groups.add(board)
    titles = result_titles(search(employee_client, "quokka"))
    assert titles.count("Quokka budget") == 3
    assert "Quokka minutes" in titles


@pytest.mark.parametrize("how", ["hidden", "removed"])
def test_hidden_and_removed_comments_do_not_make_a_discussion_found(
    employee_client, make_community, make_discussion, owner, how
):
    community = make_community(title="Office", lead=owner)
    discussion = make_discussion(community, title="Printer trouble", body="It jams.")
    comment = conversation.post_comment(owner, discussion, "Try the zebrafish driver.")
    assert result_titles(search(employee_client, "zebrafish")) == ["Printer trouble"]
    if how == "hidden":
        conversation.hide_comment(owner, comment)
    else:
        conversation.delete_comment(owner, comment)
    assert result_titles(search(employee_client, "zebrafish")) == []


def test_a_comment_saved_hidden_is_never_indexed(employee_client, make_community, make_discussion):
    discussion = make_discussion(make_community(), title="Printer trouble")
    CommentFactory(page=discussion, comment="Zebrafish again.", is_public=False)
    assert result_titles(search(employee_client, "zebrafish")) == []


def test_comments_switched_off_take_their_text_out_of_the_index(
    employee_client, make_community, make_discussion
):
    discussion = make_discussion(make_community(), title="Printer trouble")
    CommentFactory(page=discussion, comment="Zebrafish again.")
    assert result_titles(search(employee_client, "zebrafish")) == ["Printer trouble"]
    discussion.comments_enabled = False
    discussion.save_revision().publish()
    assert result_titles(search(employee_client, "zebrafish")) == []


def test_a_person_who_left_is_not_found(employee_client):
    person = PersonFactory(
        username="quinn", first_name="Quinn", last_name="Quokka", profile__display_name="Quinn Q"
    )
    assert_found(employee_client, "quinn", "Quinn Q")
    person.is_active = False
    person.save()
    assert_hidden(employee_client, "quinn", "Quinn Q")
    person.is_active = True
    person.save()
    assert_found(employee_client, "quinn", "Quinn Q")


def test_a_document_in_a_private_collection_is_found_by_its_group_only(employee_client, employee):
    root = Collection.get_first_root_node()
    board = root.add_child(name="Board papers")
    inside = board.add_child(name="Minutes")
    wagtail_factories.DocumentFactory(title="Quokka minutes", collection=inside)
    assert result_titles(search(employee_client, "quokka")) == ["Quokka minutes"]
    restriction = CollectionViewRestriction.objects.create(
        collection=board, restriction_type=CollectionViewRestriction.GROUPS
    )
    members = Group.objects.create(name="Board")
    restriction.groups.add(members)
    # Restricted above its own collection, too.
    assert result_titles(search(employee_client, "quokka")) == []
    employee.groups.add(members)
    assert result_titles(search(employee_client, "quokka")) == ["Quokka minutes"]


def test_a_password_restriction_hides_a_page_until_the_password_is_given(
    employee_client, make_community
):
    community = make_community(title="Quokka vault")
    restriction = PageViewRestriction.objects.create(
        page=community, restriction_type=PageViewRestriction.PASSWORD, password="wombat"
    )
    assert_hidden(employee_client, "quokka", "Quokka vault")
    response = employee_client.post(
        reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, community.pk]),
        {"password": "wombat", "return_url": community.url},
    )
    assert response.status_code == 302
    assert_found(employee_client, "quokka", "Quokka vault")
