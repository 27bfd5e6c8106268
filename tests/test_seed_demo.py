"""`seed_demo` builds the demo accounts once, and refuses production."""

from io import StringIO

import pytest

from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
from django.template import RequestContext, Template
from django.test import RequestFactory

from wagtail.models import PageLogEntry, Revision

from intranet.demo import DEMO_PEOPLE
from intranet.roles import COMMUNICATORS, EMPLOYEES, INSIGHTS_READERS

pytestmark = pytest.mark.django_db


def seed(**options):
    out = StringIO()
    call_command("seed_demo", stdout=out, **options)
    return out.getvalue()


def snapshot():
    """Everything a second run could change, row by row."""
    User = get_user_model()
    return (
        list(User.objects.order_by("pk").values_list("pk", "username", "password", "email")),
        list(User.groups.through.objects.order_by("pk").values_list("pk", "user_id", "group_id")),
        Revision.objects.count(),
        PageLogEntry.objects.count(),
    )


def test_the_demo_accounts_exist_with_their_roles(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "a-demo-password")
    seed()
    User = get_user_model()
    assert User.objects.get(username="admin").is_superuser
    for username in ("carl", "olivia", "erin"):
        user = authenticate(username=username, password="a-demo-password")
        assert user is not None, username
        assert EMPLOYEES in user.groups.values_list("name", flat=True)
    assert User.objects.get(username="carl").groups.filter(name=COMMUNICATORS).exists()
    assert User.objects.get(username="dana").groups.filter(name=INSIGHTS_READERS).exists()
    assert User.objects.filter(username__in=[p.username for p in DEMO_PEOPLE]).count() >= 8


def test_the_default_password_is_changeme(monkeypatch):
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)
    seed()
    assert authenticate(username="erin", password="changeme") is not None


def test_running_it_twice_changes_nothing(seeded):
    first = snapshot()
    output = seed()
    assert snapshot() == first
    assert "0 created" in output


def test_an_account_changed_after_seeding_is_left_alone(seeded):
    erin = get_user_model().objects.get(username="erin")
    erin.set_password("erins-own-password")
    erin.save()
    seed()
    assert authenticate(username="erin", password="erins-own-password") is not None


def test_it_refuses_production_settings_unless_forced(settings):
    settings.ENVIRONMENT = "production"
    with pytest.raises(CommandError, match="production settings"):
        seed()
    assert not get_user_model().objects.exists()
    seed(force=True)
    assert get_user_model().objects.filter(username="erin").exists()


def test_seeding_leaves_no_fragment_cached_from_before():
    """Much of the seed writes in bulk, without the signals that mark cached fragments stale."""
    fragment = Template(
        '{% load wagtail_cache %}{% wagtailcache cache_lifetime "sample" changed.sample %}'
        "{{ value }}{% endwagtailcache %}"
    )

    def render(value):
        return fragment.render(RequestContext(RequestFactory().get("/"), {"value": value}))

    assert render("before") == "before"
    seed()
    assert render("after") == "after"
