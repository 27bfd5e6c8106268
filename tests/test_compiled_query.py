"""A query compiled once a process gives what its queryset gives, for any ids, in one query."""

import pytest

from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page

from insights.models import HelpfulVote
from intranet.compiled_query import CompiledQuery
from intranet.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_rows_are_the_querysets_for_each_id_asked_about():
    builds = []

    def groups_of(user_id):
        builds.append(user_id)
        return Group.objects.filter(user=user_id).values_list("name").order_by("name")

    query = CompiledQuery(groups_of)
    erin, omar, nobody = UserFactory(), UserFactory(), UserFactory()
    erin.groups.add(Group.objects.create(name="Editors"), Group.objects.create(name="Authors"))
    omar.groups.add(Group.objects.get(name="Editors"))

    for person in (erin, omar, nobody):
        with CaptureQueriesContext(connection) as queries:
            rows = query.rows(person.pk)
        assert rows == list(groups_of(person.pk))
        assert len(queries) == 1
    assert [row for (row,) in query.rows(erin.pk)] == ["Authors", "Editors", "Employees"]
    # Built once to be compiled, and once more for each comparison above.
    assert len(builds) == 1 + 3


def test_values_come_out_converted_as_djangos():
    """A boolean and a date are stored as a number and text on SQLite."""
    person, page = UserFactory(), Page.objects.get(depth=2)
    HelpfulVote.objects.create(user=person, page=page, helpful=False, comment="Too short")
    query = CompiledQuery(
        lambda user_id, page_id: HelpfulVote.objects.filter(user=user_id, page=page_id).values_list(
            "helpful", "comment", "created_at"
        )
    )
    expected = HelpfulVote.objects.values_list("helpful", "comment", "created_at").get()
    assert query.rows(person.pk, page.pk) == [expected]
    assert query.rows(person.pk, page.pk)[0][0] is False
    assert query.rows(UserFactory().pk, page.pk) == []


def test_a_query_that_leaves_out_an_id_is_refused():
    query = CompiledQuery(lambda user_id, page_id: Group.objects.filter(user=user_id).values_list())
    with pytest.raises(ValueError, match="does not use the ids"):
        query.rows(1, 2)


def test_each_part_of_a_union_by_key_is_read():
    """Ids compared with a page's own key, in both parts of a union."""
    home, other = Page.objects.get(depth=2), Page.objects.get(depth=1)
    query = CompiledQuery(
        lambda first, second: (
            Page.objects.filter(pk=first)
            .values_list("title")
            .order_by()
            .union(Page.objects.filter(pk=second).values_list("title").order_by(), all=True)
        )
    )
    assert sorted(query.rows(home.pk, other.pk)) == sorted([(home.title,), (other.title,)])


def test_a_query_that_would_match_nothing_is_refused():
    # No user has a negative id: Django writes no SQL for a positive field compared with one.
    query = CompiledQuery(
        lambda user_id: Group.objects.filter(user=user_id, pk__in=[]).values_list("name")
    )
    with pytest.raises(ValueError, match="match nothing"):
        query.rows(1)


def test_ids_are_whole_numbers_and_as_many_as_the_query_takes():
    query = CompiledQuery(lambda user_id: Group.objects.filter(user=user_id).values_list("name"))
    assert query.rows(UserFactory().pk) == [("Employees",)]
    with pytest.raises(TypeError, match="whole numbers"):
        query.rows(None)
    with pytest.raises(TypeError, match="takes 1 ids, not 2"):
        query.rows(1, 2)
