"""The demo's twelve weeks of history: there on the first run, written once, in bulk."""

import datetime
from io import StringIO

import pytest

from django.core.management import call_command
from django.db import connection
from django.db.models import F, Sum
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from communities.models import Membership
from insights.demo import HistorySize, seed_history
from insights.health import QUIET, health_of
from insights.models import CommunityDay, Event, PageDay, PageView, SearchDay

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        PageView.objects.count(),
        Event.objects.count(),
        list(CommunityDay.objects.order_by("pk").values_list("pk", "views", "members")),
        PageDay.objects.count(),
        list(Membership.objects.order_by("pk").values_list("pk", "joined_at")),
    )


def test_the_seed_leaves_twelve_weeks_of_rolled_up_history(seeded):
    today = timezone.localdate()
    days = set(CommunityDay.objects.values_list("day", flat=True))
    assert min(days) == today - datetime.timedelta(days=84)
    assert max(days) == today - datetime.timedelta(days=1)
    assert SearchDay.objects.count() == 84
    # What the seed did today now reads as history: nothing is left on today.
    assert not Event.objects.filter(day=today).exists()
    statuses = {h.status for h in health_of(CommunityDay.objects.values("community")).values()}
    assert QUIET in statuses and len(statuses) > 1


def test_the_demo_figures_hang_together(seeded):
    # Nobody contributes to a community without being one of its members.
    assert not CommunityDay.objects.filter(contributors_7d__gt=F("members")).exists()
    assert not CommunityDay.objects.filter(active_members_28d__gt=F("members")).exists()
    # A page talked about is a page read: never fewer than 5 views with 5 comments or more.
    since = timezone.localdate() - datetime.timedelta(days=90)
    pages = PageDay.objects.filter(day__gte=since).values("page_id")
    totals = pages.annotate(views=Sum("views"), talk=Sum("comments") + Sum("reactions"))
    assert not totals.filter(views__lt=5, talk__gte=5).exists()
    # Some communities thrive and some struggle: their health differs.
    scores = [h.score for h in health_of(CommunityDay.objects.values("community")).values()]
    assert max(scores) - min(scores) >= 30
    assert len(set(scores)) >= len(scores) // 2


def test_seeding_again_changes_nothing(seeded):
    before = snapshot()
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert "Insights history: already there." in out.getvalue()
    assert snapshot() == before


def test_the_history_is_written_in_bulk_and_scales(seeded):
    for model in (CommunityDay, PageDay, SearchDay, PageView, Event):
        model.objects.all().delete()
    size = HistorySize(weeks=2, visit_share_start=0.6, visit_share_end=0.9, pages_per_visit=6)
    with CaptureQueriesContext(connection) as queries:
        report = seed_history(size)
    assert report.days == 14
    assert PageView.objects.count() == report.page_views > 500
    inserts = [q for q in queries if q["sql"].startswith('INSERT INTO "insights_pageview"')]
    assert len(inserts) < report.page_views / 50
