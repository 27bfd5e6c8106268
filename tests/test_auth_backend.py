"""A person's permissions, their own and their groups', are read in one query, as Django reads
them in two."""

import pytest

from django.contrib.auth import backends, get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from intranet.auth_backend import ModelBackend
from intranet.factories import UserFactory

pytestmark = pytest.mark.django_db


def fresh(user):
    """The person as a new request reads them: with no permissions read yet."""
    return get_user_model().objects.get(pk=user.pk)


def read_by_both(user) -> tuple[set[str], set[str], int]:
    """Their permissions as Django's backend and ours read them, and the queries ours made."""
    django_reads = backends.ModelBackend().get_all_permissions(fresh(user))
    ours = fresh(user)
    with CaptureQueriesContext(connection) as queries:
        our_reads = ModelBackend().get_all_permissions(ours)
        # Read once a request, as Django's are.
        ModelBackend().get_all_permissions(ours)
    return django_reads, our_reads, len(queries)


def test_their_own_and_their_groups_permissions_in_one_query():
    person = UserFactory()
    person.user_permissions.add(Permission.objects.get(codename="change_user"))
    group = Group.objects.create(name="Editors")
    group.permissions.add(*Permission.objects.filter(codename__in=["add_page", "change_user"]))
    person.groups.add(group)

    django_reads, ours, queries = read_by_both(person)
    assert ours == django_reads == {"auth.change_user", "wagtailcore.add_page"}
    assert queries == 1
    user = fresh(person)
    assert user.has_perm("wagtailcore.add_page")
    assert not user.has_perm("wagtailcore.delete_page")


def test_a_superuser_has_every_permission_and_an_inactive_person_none():
    django_reads, ours, queries = read_by_both(UserFactory(is_superuser=True))
    assert ours == django_reads
    assert len(ours) == Permission.objects.count()
    assert queries == 1

    inactive = UserFactory(is_active=False)
    inactive.user_permissions.add(Permission.objects.get(codename="change_user"))
    assert read_by_both(inactive) == (set(), set(), 0)
