"""A page found by its address is kept, and whatever changes the tree is seen on the next view."""

import pytest

from django.contrib.auth.models import Group
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page, PageViewRestriction

from communities.factories import DiscussionPageFactory
from communities.models import CommunityPage
from conversation import services
from tests.communities.conftest import home, make_community, owner, publish  # noqa: F401
from tests.helpers import page_and_queries_naming

# Every read of whole pages names their slug: routing reads the rows along the
# address and the page found. A kept page needs neither.
TREE = '"wagtailcore_page"."slug"'


@pytest.fixture
def discussion(make_community, owner):  # noqa: F811 (fixtures imported above)
    community = make_community(title="Finance", lead=owner)
    return publish(DiscussionPageFactory(parent=community, title="Closing the year"))


def tree_reads(client, url):
    return page_and_queries_naming(client, url, TREE)


def test_a_page_is_found_again_without_reading_the_tree(discussion, employee_client):
    first, reads = tree_reads(employee_client, discussion.url)
    assert "Closing the year" in first
    assert reads

    again, reads = tree_reads(employee_client, discussion.url)
    assert "Closing the year" in again
    assert "Back to Finance" in again
    assert reads == []


def test_the_home_page_is_served_from_the_kept_site(home, employee_client):  # noqa: F811
    home.purpose_page = publish(DiscussionPageFactory(parent=home, title="Why we are here"))
    publish(home)
    employee_client.get("/")
    html, reads = page_and_queries_naming(employee_client, "/", '"home_homepage"')
    assert reads == []
    # Its place in the tree and the purpose guide it links to are kept with it.
    html, reads = tree_reads(employee_client, "/")
    assert reads == []
    assert "Why we have this intranet" in html


def test_an_unpublished_purpose_guide_leaves_the_home_page_at_once(home, employee_client):  # noqa: F811
    purpose = publish(DiscussionPageFactory(parent=home, title="Why we are here"))
    home.purpose_page = purpose
    publish(home)
    assert "Why we have this intranet" in employee_client.get("/").text
    purpose.unpublish()
    assert "Why we have this intranet" not in employee_client.get("/").text


def test_an_address_that_names_nothing_is_not_kept(discussion, employee_client):
    missing = discussion.url + "nowhere/"
    assert employee_client.get(missing).status_code == 404
    _html, reads = tree_reads(employee_client, missing)
    assert reads


def test_a_restriction_added_after_a_visit_turns_the_reader_away(discussion, employee_client):
    assert employee_client.get(discussion.url).status_code == 200
    restriction = PageViewRestriction.objects.create(
        page=discussion.get_parent(), restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Finance team"))

    assert employee_client.get(discussion.url).status_code == 404


def test_a_restriction_removed_lets_the_reader_in(discussion, employee_client):
    restriction = PageViewRestriction.objects.create(
        page=discussion, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Finance team"))
    assert employee_client.get(discussion.url).status_code == 404

    restriction.delete()
    assert employee_client.get(discussion.url).status_code == 200


def test_an_unpublished_page_is_gone_at_once(discussion, employee_client):
    assert employee_client.get(discussion.url).status_code == 200
    discussion.unpublish()
    assert employee_client.get(discussion.url).status_code == 404


def test_a_moved_page_is_found_at_its_new_address(
    discussion,
    employee_client,
    make_community,  # noqa: F811
):
    elsewhere = make_community(title="Treasury")
    old_address = discussion.url
    assert employee_client.get(old_address).status_code == 200
    discussion.move(elsewhere, pos="last-child")
    discussion.refresh_from_db()

    # Wagtail's redirects send the old address on; the route itself has moved.
    old = employee_client.get(old_address)
    assert (old.status_code, old.url) == (301, discussion.url)
    response = employee_client.get(discussion.url)
    assert response.status_code == 200
    assert "Back to Treasury" in response.text


def test_a_published_change_is_shown_at_once(discussion, employee_client):
    assert "Closing the year" in employee_client.get(discussion.url).text
    discussion.title = "Closing the books"
    publish(discussion)
    assert "Closing the books" in employee_client.get(discussion.url).text


def test_a_lock_is_shown_on_the_kept_page_at_once(discussion, employee_client, owner):  # noqa: F811
    locked = "This discussion is locked"
    assert locked not in employee_client.get(discussion.url).text
    services.set_locked(owner, discussion, True)
    assert locked in employee_client.get(discussion.url).text


def test_a_change_to_the_home_page_is_shown_at_once(home, employee_client):  # noqa: F811
    employee_client.get("/")
    home.title = "Our place"
    publish(home)
    assert "<title>Our place" in employee_client.get("/").text


def test_an_address_a_page_routes_itself_is_not_kept(discussion, home, monkeypatch):  # noqa: F811
    """Such a page takes any address below it: keeping each would let anyone fill the cache."""
    community = discussion.get_parent().specific
    monkeypatch.setattr(
        CommunityPage,
        "route",
        lambda self, request, rest: Page.route(self, request, []),
        raising=False,
    )
    components = [community.slug, "any", "where"]
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            found = home.route(RequestFactory().get("/"), components)[0]
        assert found == community
        # The walk along the address, which asks for its slugs.
        assert [query for query in queries if '"wagtailcore_page"."slug" IN' in query["sql"]]
