"""Wagtail's routing serves every page at its address, deep or not, and whatever changes the tree
or who may read a page is seen on the next view."""

import pytest

from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page, PageViewRestriction, Site

from communities.factories import CommunityPageFactory, DiscussionPageFactory
from communities.models import CommunityPage
from home.models import address_condition
from intranet.breadcrumbs import breadcrumb
from tests.communities.conftest import home, make_community, owner, publish  # noqa: F401


def nested(parent, depth, prefix):
    """`depth` communities, each inside the one before, with a discussion in the last."""
    for level in range(depth):
        parent = CommunityPageFactory(parent=parent, title=f"{prefix} {level}")
    return DiscussionPageFactory(parent=parent, title=f"{prefix} question")


@pytest.fixture
def discussion(make_community, owner):  # noqa: F811 (fixtures imported above)
    community = make_community(title="Finance", lead=owner)
    return publish(DiscussionPageFactory(parent=community, title="Closing the year"))


def turned_away(response) -> bool:
    """Someone outside a restriction's groups finds no page (`intranet.wagtail_hooks`)."""
    return response.status_code == 404


def test_a_page_four_levels_deep_is_served_with_its_trail(home, employee_client):  # noqa: F811
    deep = nested(home, 4, "Deep")
    response = employee_client.get(deep.url)
    assert response.status_code == 200
    assert response.context["page"] == deep
    assert "Back to Deep 3" in response.text


def test_an_address_of_any_length_is_answered_404_where_nothing_is(home, employee_client):  # noqa: F811
    community = CommunityPageFactory(parent=home, title="Long")
    assert employee_client.get(f"/{community.slug}/" + "a/" * 1200).status_code == 404
    assert (
        employee_client.get("/" + "/".join(f"s{n}" for n in range(1200)) + "/").status_code == 404
    )


def test_a_restriction_above_still_holds(home, employee_client, employee):  # noqa: F811
    discussion = nested(home, 3, "Private")
    middle = discussion.get_parent().get_parent()
    restriction = PageViewRestriction.objects.create(
        page=middle, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Insiders"))
    assert turned_away(employee_client.get(discussion.url))

    employee.groups.add(Group.objects.get(name="Insiders"))
    assert employee_client.get(discussion.url).status_code == 200


def test_an_alias_takes_its_source_pages_restriction(home, employee_client, employee):  # noqa: F811
    source = nested(home, 1, "Source")
    restriction = PageViewRestriction.objects.create(
        page=source, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Insiders"))
    elsewhere = CommunityPageFactory(parent=home, title="Elsewhere")
    alias = source.create_alias(parent=elsewhere, update_slug="alias-of-source")
    assert turned_away(employee_client.get(alias.url))
    employee.groups.add(Group.objects.get(name="Insiders"))
    assert employee_client.get(alias.url).status_code == 200


def test_a_page_reads_its_ancestors_in_one_query_however_deep(home, django_assert_num_queries):  # noqa: F811
    discussion = nested(home, 3, "Read")
    community = CommunityPage.objects.get(pk=discussion.get_parent().pk)
    # One for the ancestors, which says that none has view restrictions.
    with django_assert_num_queries(1):
        trail = breadcrumb(community)
        assert not community.get_view_restrictions()
    assert [page.title for page in trail] == ["Read 0", "Read 1"]


def test_a_restricted_ancestor_costs_one_query_more(home, django_assert_num_queries):  # noqa: F811
    discussion = nested(home, 3, "Read")
    top = discussion.get_ancestors().get(title="Read 0")
    restriction = PageViewRestriction.objects.create(page=top, restriction_type="login")
    community = CommunityPage.objects.get(pk=discussion.get_parent().pk)
    with django_assert_num_queries(2):
        assert list(community.get_view_restrictions()) == [restriction]


def test_an_unsaved_page_previewed_in_the_admin_has_no_ancestors_and_no_restrictions(db):
    page = CommunityPage(title="Not saved yet")
    assert breadcrumb(page) == []
    assert not page.get_view_restrictions()


def test_a_restriction_added_after_a_visit_turns_the_reader_away(discussion, employee_client):
    assert employee_client.get(discussion.url).status_code == 200
    restriction = PageViewRestriction.objects.create(
        page=discussion.get_parent(), restriction_type=PageViewRestriction.GROUPS
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

    # Wagtail's redirects send the old address on.
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


def test_an_unpublished_purpose_guide_leaves_the_home_page_at_once(home, employee_client):  # noqa: F811
    purpose = publish(DiscussionPageFactory(parent=home, title="Why we are here"))
    home.purpose_page = purpose
    publish(home)
    assert "Why we have this intranet" in employee_client.get("/").text
    purpose.unpublish()
    assert "Why we have this intranet" not in employee_client.get("/").text


def test_each_host_gets_its_own_site(home, employee_client):  # noqa: F811
    community = CommunityPageFactory(parent=home, title="Wellbeing")
    Site.objects.create(hostname="127.0.0.1", port=80, root_page=community)
    # The default site for the test server, the community's site for 127.0.0.1.
    assert "Wellbeing" not in employee_client.get("/").text
    assert "<h1>Wellbeing</h1>" in employee_client.get("/", HTTP_HOST="127.0.0.1").text
    assert "Wellbeing" not in employee_client.get("/").text


def test_a_site_root_given_a_new_slug_keeps_every_address_right(
    home,  # noqa: F811
    employee_client,
    django_capture_on_commit_callbacks,
):
    community = CommunityPageFactory(parent=home, title="Wellbeing")
    employee_client.get("/communities/")
    with django_capture_on_commit_callbacks(execute=True):
        # Saved, not published: the paths below it change all the same.
        home.slug = "welcome"
        home.save()
    community.refresh_from_db()
    assert community.url_path.startswith("/welcome/")
    assert f'href="{community.url}"' in employee_client.get("/communities/").text
    assert community.url == "/wellbeing/"


def test_a_moved_site_root_is_seen_where_it_now_stands(home, employee_client):  # noqa: F811
    root = CommunityPageFactory(parent=home, title="Subsidiary")
    CommunityPageFactory(parent=root, title="Subsidiary cyclists")
    holding = CommunityPageFactory(parent=home, title="Holding")
    Site.objects.create(hostname="127.0.0.1", port=80, root_page=root)
    assert "Subsidiary cyclists" in employee_client.get("/communities/", HTTP_HOST="127.0.0.1").text
    root.move(holding, pos="last-child")
    assert "Subsidiary cyclists" in employee_client.get("/communities/", HTTP_HOST="127.0.0.1").text


def test_a_page_is_found_in_as_many_queries_however_deep(home, employee_client):  # noqa: F811
    shallow, deep = nested(home, 1, "Shallow"), nested(home, 5, "Deep")
    costs = []
    for page in (shallow, deep):
        employee_client.get(page.url)
        with CaptureQueriesContext(connection) as queries:
            assert employee_client.get(page.url).status_code == 200
        costs.append(len(queries))
    assert costs[0] == costs[1]


def test_an_unpublished_page_in_the_middle_of_an_address_is_walked_as_wagtail_walks(
    home,  # noqa: F811
    employee_client,
):
    deep = nested(home, 2, "Walk")
    middle = deep.get_parent().specific
    middle.unpublish()
    # Wagtail serves a live page under a draft one: only the page itself must be live.
    assert employee_client.get(deep.url).status_code == 200
    deep.unpublish()
    assert employee_client.get(deep.url).status_code == 404


def test_a_page_and_the_pages_above_it_are_read_in_one_query(home, employee_client):  # noqa: F811
    deep = nested(home, 4, "Deep")
    employee_client.get(deep.url)
    with CaptureQueriesContext(connection) as queries:
        assert employee_client.get(deep.url).status_code == 200
    sql = [query["sql"] for query in queries]
    # Found by their addresses, with whether each is restricted; the page's
    # specific row is then read as Wagtail reads it.
    (found,) = [one for one in sql if '"wagtailcore_page"."url_path" IN' in one]
    assert not [one for one in sql if '"wagtailcore_page"."path" IN' in one and one != found]
    assert not [one for one in sql if 'FROM "wagtailcore_pageviewrestriction"' in one.split("(")[0]]


def test_the_pages_an_address_names_are_found_through_indexes(home):  # noqa: F811
    deep = nested(home, 3, "Indexed")
    components = deep.url_path.removeprefix(home.url_path).strip("/").split("/")
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # A small table is cheaper to read whole: only a missing index should make it so.
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL enable_seqscan = off")
                cursor.execute("SET LOCAL enable_indexscan = off")
        plan = Page.objects.filter(address_condition(home, components)).explain()
    if connection.vendor == "postgresql":
        assert "Seq Scan" not in plan and "Index Cond" in plan
    else:
        assert "SCAN wagtailcore_page" not in plan and "USING INDEX" in plan
