"""Routing reads the whole address at once, and finds what Wagtail's own routing finds."""

import pytest

from django.contrib.auth.models import Group
from django.http import Http404
from django.test import RequestFactory

from wagtail.models import Page, PageViewRestriction

from communities.factories import CommunityPageFactory, DiscussionPageFactory
from communities.models import CommunityPage
from home.models import HomePage
from intranet.breadcrumbs import breadcrumb
from tests.query_counts import count_queries


@pytest.fixture
def home(db):
    return HomePage.objects.get()


def nested(parent, depth, prefix):
    """`depth` communities, each inside the one before, with a discussion in the last."""
    for level in range(depth):
        parent = CommunityPageFactory(parent=parent, title=f"{prefix} {level}")
    return DiscussionPageFactory(parent=parent, title=f"{prefix} question")


def wagtails_own(home, path):
    """What Wagtail's routing finds for `path`, or None where it answers 404."""
    components = [part for part in path.split("/") if part]
    try:
        return Page.route(Page.objects.get(pk=home.pk), RequestFactory().get(path), components)[0]
    except Http404:
        return None


def ours(home, path):
    components = [part for part in path.split("/") if part]
    try:
        return HomePage.objects.get(pk=home.pk).route(RequestFactory().get(path), components)[0]
    except Http404:
        return None


def turned_away(response) -> bool:
    """Someone outside a restriction's groups finds no page (`intranet.wagtail_hooks`)."""
    return response.status_code == 404


def test_a_deep_discussion_costs_what_a_shallow_one_does(home, employee_client):
    shallow = nested(home, 1, "Shallow")
    deep = nested(home, 5, "Deep")
    assert deep.depth == shallow.depth + 4
    assert count_queries(employee_client, deep.url) == count_queries(employee_client, shallow.url)
    response = employee_client.get(deep.url)
    assert response.context["page"] == deep
    assert "Back to Deep 4" in response.text


def test_it_finds_what_wagtails_routing_finds(home):
    first = nested(home, 3, "First")
    # The same slugs in another branch: each address finds its own page.
    second = CommunityPageFactory(parent=home, title="Second", slug="second")
    twin = CommunityPageFactory(parent=second, title="First 1", slug=first.get_parent().slug)
    draft = DiscussionPageFactory(parent=twin, title="Draft", live=False)
    # A published page below an unpublished community is served, as in Wagtail.
    hidden = CommunityPageFactory(parent=home, title="Hidden", live=False)
    below_hidden = DiscussionPageFactory(parent=hidden, title="Below hidden")
    paths = [
        page.url_path.removeprefix(home.url_path.rstrip("/"))
        for page in Page.objects.descendant_of(home)
    ]
    paths += ["/nowhere/", f"/second/{twin.slug}/nowhere/", "/first-0/first-1/first-2/x/y/"]
    found = {path: ours(home, path) for path in paths}

    assert found == {path: wagtails_own(home, path) for path in paths}
    assert found[first.url_path.removeprefix("/home")] == first
    assert found[twin.url_path.removeprefix("/home")] == twin
    assert found[draft.url_path.removeprefix("/home")] is None
    assert found[below_hidden.url_path.removeprefix("/home")] == below_hidden
    # Its parent comes in its own type, as Wagtail's routing gives it.
    assert type(found[first.url_path.removeprefix("/home")].get_parent()) is CommunityPage
    assert type(found[first.url_path.removeprefix("/home")]) is type(first)


def test_an_address_of_any_length_is_answered_404_where_nothing_is(home, employee_client):
    community = CommunityPageFactory(parent=home, title="Long")
    assert employee_client.get(f"/{community.slug}/" + "a/" * 1200).status_code == 404
    assert (
        employee_client.get("/" + "/".join(f"s{n}" for n in range(1200)) + "/").status_code == 404
    )


def test_a_page_type_with_its_own_routing_gets_the_rest_of_the_address(home, monkeypatch):
    community = CommunityPageFactory(parent=home, title="Own routing")
    seen = []

    def route(self, request, path_components):
        seen.append((self, path_components))
        return Page.route(self, request, [])

    monkeypatch.setattr(CommunityPage, "route", route, raising=False)
    assert ours(home, f"/{community.slug}/some/where/") == community
    assert seen == [(community, ["some", "where"])]
    assert isinstance(seen[0][0], CommunityPage)


def test_a_restriction_above_still_holds(home, employee_client, employee):
    discussion = nested(home, 3, "Private")
    middle = discussion.get_parent().get_parent()
    restriction = PageViewRestriction.objects.create(
        page=middle, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Insiders"))
    assert turned_away(employee_client.get(discussion.url))

    employee.groups.add(Group.objects.get(name="Insiders"))
    assert employee_client.get(discussion.url).status_code == 200


def test_an_alias_takes_its_source_pages_restriction(home, employee_client, employee):
    source = nested(home, 1, "Source")
    restriction = PageViewRestriction.objects.create(
        page=source, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Insiders"))
    elsewhere = CommunityPageFactory(parent=home, title="Elsewhere")
    alias = source.create_alias(parent=elsewhere, update_slug="alias-of-source")
    assert turned_away(employee_client.get(alias.url))
    # Found once the reader is let in: the alias was routed all along.
    employee.groups.add(Group.objects.get(name="Insiders"))
    assert employee_client.get(alias.url).status_code == 200


def test_a_page_read_without_routing_reads_its_ancestors_in_one_query(
    home, django_assert_num_queries
):
    discussion = nested(home, 3, "Read")
    community = CommunityPage.objects.get(pk=discussion.get_parent().pk)
    # One for the ancestors, one for their view restrictions, however deep.
    with django_assert_num_queries(2):
        trail = breadcrumb(community)
        assert not community.get_view_restrictions()
    assert [page.title for page in trail] == ["Read 0", "Read 1"]


def test_an_unsaved_page_previewed_in_the_admin_has_no_ancestors_and_no_restrictions(db):
    page = CommunityPage(title="Not saved yet")
    assert breadcrumb(page) == []
    assert not page.get_view_restrictions()
