"""The index follows what changes: pages, profiles, expertise and comments."""

from io import StringIO

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from conversation import services as conversation
from people.factories import PersonFactory
from tests.search.helpers import result_titles, search


def test_a_republished_page_is_found_by_its_new_words(employee_client, make_guide):
    guide = make_guide(title="Expense claims")
    guide.title = "Travel claims"
    guide.save_revision().publish()
    assert result_titles(search(employee_client, "travel")) == ["Travel claims"]
    assert result_titles(search(employee_client, "expense")) == []


def test_a_profile_is_found_by_its_new_job_title_and_expertise(employee_client):
    person = PersonFactory(username="ada", profile__display_name="Ada Lovelace")
    assert result_titles(search(employee_client, "cartographer")) == []
    person.profile.job_title = "Cartographer"
    person.profile.save()
    assert result_titles(search(employee_client, "cartographer")) == ["Ada Lovelace"]
    person.profile.expertise.add("origami")
    assert result_titles(search(employee_client, "origami")) == ["Ada Lovelace"]
    person.profile.expertise.clear()
    assert result_titles(search(employee_client, "origami")) == []


def test_comments_posted_edited_and_restored_reach_the_index(
    employee_client, make_community, make_discussion, owner
):
    discussion = make_discussion(make_community(lead=owner), title="Printer trouble")
    comment = conversation.post_comment(owner, discussion, "Try the zebrafish driver.")
    assert result_titles(search(employee_client, "zebrafish")) == ["Printer trouble"]
    conversation.edit_comment(owner, comment, "Try the axolotl driver.")
    assert result_titles(search(employee_client, "zebrafish")) == []
    assert result_titles(search(employee_client, "axolotl")) == ["Printer trouble"]
    conversation.hide_comment(owner, comment)
    assert result_titles(search(employee_client, "axolotl")) == []
    conversation.restore_comment(owner, comment)
    assert result_titles(search(employee_client, "axolotl")) == ["Printer trouble"]


def index_writes(action) -> int:
    """How many statements `action` sends that change the search index's entries."""
    table = IndexEntry._meta.db_table
    with CaptureQueriesContext(connection) as queries:
        action()
    return sum(
        table in query["sql"] and query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE"))
        for query in queries
    )


def test_a_new_comment_indexes_its_page_once(make_community, make_discussion, owner):
    # django-comments-xtd saves a new comment twice; the page is indexed after
    # the second save only, as often as an edit indexes it.
    discussion = make_discussion(make_community(lead=owner), title="Printer trouble")
    comment = conversation.post_comment(owner, discussion, "Try the zebrafish driver.")
    edited = index_writes(lambda: conversation.edit_comment(owner, comment, "Try the axolotl."))
    posted = index_writes(lambda: conversation.post_comment(owner, discussion, "Or the newt."))
    assert edited > 0
    assert posted == edited


def test_a_community_deleted_with_its_commented_discussions_leaves_the_index(
    employee_client, make_community, make_discussion, owner
):
    community = make_community(lead=owner, title="Gone community")
    discussion = make_discussion(community, title="Printer trouble")
    conversation.post_comment(owner, discussion, "Try the zebrafish driver.")
    community.delete()
    assert result_titles(search(employee_client, "zebrafish")) == []
    assert result_titles(search(employee_client, "gone community")) == []


def test_seed_demo_builds_the_index(employee_client, seeded):
    # Emptied, then rebuilt by a second run that creates nothing new.
    get_search_backend().reset_indexes()
    assert result_titles(search(employee_client, "leave")) == []
    call_command("seed_demo", stdout=StringIO())
    # A demo discussion, and the same found through the demo's synonyms.
    assert "How do I book leave?" in result_titles(search(employee_client, "leave"))
    assert "How do I book leave?" in result_titles(search(employee_client, "holiday"))
