"""The places a reader is kept out of, read in one query, judged as Wagtail judges each one."""

import pytest

from django.contrib.auth.models import AnonymousUser, Group
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory

from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction

from communities.factories import CommunityPageFactory
from intranet.factories import UserFactory
from intranet.view_restrictions import NotPassed, may_read, not_passed

pytestmark = pytest.mark.django_db


def a_request(user, **session):
    request = RequestFactory().get("/")
    request.user = user
    request.session = SessionStore()
    request.session.update(session)
    return request


def restrictions_on(model, places, insiders, outsiders):
    """One restriction of each kind, one for a group nobody is in, and a "public" one (made
    in code: the admin deletes a restriction set to public)."""
    restrictions = []
    kinds = (model.LOGIN, model.PASSWORD, model.GROUPS, model.GROUPS, model.NONE)
    for place, kind in zip(places, kinds, strict=True):
        restriction = model.objects.create(restriction_type=kind, password="secret", **place)
        restrictions.append(restriction)
    restrictions[2].groups.add(insiders, outsiders)
    restrictions[3].groups.add(Group.objects.create(name=f"Nobody {model.__name__}"))
    return restrictions


@pytest.mark.parametrize("model", [PageViewRestriction, CollectionViewRestriction])
def test_it_agrees_with_wagtail_for_every_kind_of_reader(model):
    insiders = Group.objects.create(name="Insiders")
    outsiders = Group.objects.create(name="Outsiders")
    if model is PageViewRestriction:
        home = Page.objects.get(depth=2)
        places = [{"page": CommunityPageFactory(parent=home)} for _ in range(5)]
    else:
        root = Collection.get_first_root_node()
        places = [{"collection": root.add_child(name=f"Shelf {n}")} for n in range(5)]
    restrictions = restrictions_on(model, places, insiders, outsiders)
    member = UserFactory(username="member")
    member.groups.add(insiders)
    password = restrictions[1]
    readers = {
        "member": a_request(member),
        "stranger": a_request(UserFactory(username="stranger")),
        "superuser": a_request(UserFactory(username="root", is_superuser=True)),
        "anonymous": a_request(AnonymousUser()),
        "gave the password": a_request(
            UserFactory(username="told"),
            **{model.passed_view_restrictions_session_key: [password.pk]},
        ),
    }
    place = "pages" if model is PageViewRestriction else "collections"

    def path(restriction):
        return (restriction.page if model is PageViewRestriction else restriction.collection).path

    for name, request in readers.items():
        wagtail = sorted(path(r) for r in model.objects.all() if not r.accept_request(request))
        assert list(getattr(not_passed(request), place)) == wagtail, name
    # The readers differ, so the comparison above could fail.
    assert getattr(not_passed(readers["member"]), place) == tuple(
        sorted([path(password), path(restrictions[3])])
    )
    assert getattr(not_passed(readers["anonymous"]), place) == tuple(
        sorted(path(r) for r in restrictions[:4])
    )


def test_a_reader_kept_out_of_nothing_costs_one_query(django_assert_num_queries):
    request = a_request(UserFactory())
    with django_assert_num_queries(1):
        assert not_passed(request) == NotPassed()


def test_the_groups_are_asked_once_whatever_the_number_of_group_restrictions(
    django_assert_num_queries,
):
    home = Page.objects.get(depth=2)
    for number in range(3):
        restriction = PageViewRestriction.objects.create(
            page=CommunityPageFactory(parent=home), restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.add(Group.objects.create(name=f"Board {number}"))
    request = a_request(UserFactory())
    # The restrictions, the reader's groups, and the aliases of the places kept out of.
    with django_assert_num_queries(3):
        assert len(not_passed(request).pages) == 3


def test_an_alias_takes_the_restrictions_of_its_source_and_the_pages_above_it():
    """An alias shows its source's content, wherever it sits; Wagtail would check the source
    page alone."""
    home = Page.objects.get(depth=2)
    private = CommunityPageFactory(parent=home)
    inner = CommunityPageFactory(parent=private)
    restriction = PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.LOGIN
    )
    alias_of_inner = inner.create_alias(parent=home, update_slug="inner-copy")
    alias_of_tree = private.create_alias(parent=home, update_slug="tree-copy", recursive=True)
    alias_below = alias_of_tree.get_children().get()
    for alias in (alias_of_inner, alias_of_tree, alias_below):
        assert list(alias.specific.get_view_restrictions()) == [restriction]
    assert not CommunityPageFactory(parent=home).get_view_restrictions().exists()


def test_may_read_takes_the_restrictions_above_a_page_and_of_an_alias_s_source():
    """The one question views ask of a page they name by id (`may_read`)."""
    home = Page.objects.get(depth=2)
    board = Group.objects.create(name="Board")
    private = CommunityPageFactory(parent=home)
    inner = CommunityPageFactory(parent=private)
    restriction = PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(board)
    alias = Page.objects.get(pk=inner.create_alias(parent=home, update_slug="copy").pk)
    member = UserFactory(username="member")
    member.groups.add(board)
    for page in (private, inner, alias):
        assert may_read(a_request(member), page), page
        assert not may_read(a_request(UserFactory(username=f"out-{page.pk}")), page), page
    assert may_read(a_request(UserFactory(username="anyone")), home)
