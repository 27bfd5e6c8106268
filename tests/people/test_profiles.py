"""Every person has a profile, made with their account."""

import importlib

import pytest

from django.apps import apps
from django.db import connection

from intranet.factories import UserFactory
from people.factories import PersonFactory
from people.models import Profile

pytestmark = pytest.mark.django_db


def test_a_new_account_gets_a_profile_with_its_name_and_email():
    user = UserFactory(first_name="Grace", last_name="Hopper", email="grace@example.com")
    profile = Profile.objects.get(user=user)
    assert profile.display_name == "Grace Hopper"
    assert profile.email == "grace@example.com"


def test_an_account_without_a_name_is_shown_by_its_username():
    user = UserFactory(username="nameless", first_name="", last_name="")
    assert user.profile.display_name == "nameless"


def test_saving_an_account_again_keeps_its_one_profile():
    user = PersonFactory(profile__job_title="Archivist")
    user.first_name = "Changed"
    user.save()
    assert Profile.objects.filter(user=user).count() == 1
    assert Profile.objects.get(user=user).job_title == "Archivist"


def test_expertise_tags_live_in_their_own_table():
    user = PersonFactory(expertise=["payroll", "Python"])
    assert sorted(tag.name for tag in user.profile.expertise.all()) == ["Python", "payroll"]
    assert user.profile.expertise_items.count() == 2


def test_the_migration_gives_existing_accounts_their_missing_profile():
    with_profile = PersonFactory(profile__job_title="Kept")
    without = UserFactory(username="older", first_name="Old", last_name="Timer")
    Profile.objects.filter(user=without).delete()
    migration = importlib.import_module("people.migrations.0002_backfill_profiles")

    migration.create_missing_profiles(apps, connection.schema_editor())

    assert Profile.objects.get(user=without).display_name == "Old Timer"
    assert Profile.objects.get(user=with_profile).job_title == "Kept"
    assert Profile.objects.count() == 2


def test_profiles_read_with_their_expertise_need_one_more_query_for_all(
    django_assert_num_queries,
):
    PersonFactory(username="ada", expertise=["python", "compilers"])
    PersonFactory(username="bob", expertise=["payroll"])
    PersonFactory(username="cy")
    with django_assert_num_queries(2):
        profiles = list(Profile.objects.with_expertise().order_by("user__username"))
        tags = {profile.user_id: profile.expertise_text() for profile in profiles}
    by_name = {profile.pk: profile.expertise_text() for profile in Profile.objects.all()}
    assert sorted(tags.values()) == ["", "compilers, python", "payroll"]
    # Read without it, a profile asks taggit, and says the same.
    assert sorted(by_name.values()) == sorted(tags.values())
