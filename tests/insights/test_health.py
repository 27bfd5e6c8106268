"""The health score, the status and the quiet list follow the method in the README."""

import datetime

import pytest

from communities.models import CommunityPage
from insights.charts import Series, bar_chart
from insights.health import GROWING, QUIET, STEADY, Health, health_of, quiet_communities_for
from insights.models import CommunityDay
from insights.privacy import masked, share
from intranet.factories import UserFactory
from tests.insights.days import yesterday


def health(**figures):
    defaults = {
        "members": 20,
        "members_before": 20,
        "active_members": 10,
        "views": 100,
        "discussions": 4,
        "comments": 12,
        "completions": 0,
        "contributions_before": 16,
        "recent_discussions": 10,
        "unanswered_discussions": 2,
        "last_activity": yesterday(),
        "end": yesterday(),
    }
    return Health(**{**defaults, **figures})


def test_the_score_weighs_reach_conversation_and_freshness():
    # Reach 0.5, conversation 0.5 × 1 (3 comments per discussion) + 0.5 × 0.8, fresh today.
    assert health().score == round(100 * (0.4 * 0.5 + 0.35 * 0.9 + 0.25 * 1))
    # Fifteen days without a discussion or comment halve the freshness.
    stale = health(last_activity=yesterday() - datetime.timedelta(days=15))
    assert stale.score == round(100 * (0.4 * 0.5 + 0.35 * 0.9 + 0.25 * 0.5))
    assert health(members=0, active_members=0, comments=0, recent_discussions=0).score == 25


def test_quiet_means_no_discussion_or_comment_in_thirty_days():
    assert health(last_activity=yesterday() - datetime.timedelta(days=29)).status != QUIET
    assert health(last_activity=yesterday() - datetime.timedelta(days=30)).status == QUIET
    assert health(last_activity=None).status == QUIET


def test_growing_means_more_members_or_more_conversation_than_four_weeks_before():
    assert health(members=21).status == GROWING
    assert health(comments=13).status == GROWING
    assert health().status == STEADY


@pytest.mark.django_db
def test_health_and_quiet_communities_come_from_the_last_roll_up(make_community, owner):
    lively = make_community(lead=owner, title="Lively")
    silent = make_community(lead=owner, title="Silent")
    unmeasured = make_community(lead=owner, title="Unmeasured")
    make_community(lead=UserFactory(), title="Someone else's, silent too")
    long_ago = yesterday() - datetime.timedelta(days=45)
    for community in CommunityPage.objects.exclude(pk=unmeasured.pk):
        CommunityDay.objects.create(
            community=community,
            day=yesterday(),
            members=8,
            active_members_28d=4,
            last_activity=yesterday() if community == lively else long_ago,
        )
    CommunityDay.objects.create(
        community=lively, day=yesterday() - datetime.timedelta(days=5), comments=7
    )
    figures = health_of(CommunityPage.objects.all())
    assert unmeasured.pk not in figures
    assert figures[lively.pk].comments == 7
    assert figures[lively.pk].reach == 0.5
    assert quiet_communities_for(owner) == [silent]
    assert quiet_communities_for(UserFactory()) == []


def test_counts_under_five_are_masked_everywhere_with_one_rule():
    assert [masked(n) for n in (0, 4, 5, 120, None)] == ["< 5", "< 5", 5, 120, None]
    assert share(2, 4) is None
    assert share(2, 8) == 0.25


def test_a_chart_is_accessible_and_hides_small_counts():
    chart = bar_chart(
        "chart-x",
        "Views",
        "Views per week",
        ["1 Sep", "8 Sep", "15 Sep"],
        [Series("Views", [3, 40, 0]), Series("Viewers", [1, 12, 7])],
    )
    assert (chart.title, chart.description) == ("Views", "Views per week")
    assert chart.rows == [("1 Sep", ["< 5", "< 5"]), ("8 Sep", [40, 12]), ("15 Sep", ["< 5", 7])]
    small, large = chart.bars[0], chart.bars[2]
    assert small.masked and not large.masked
    assert small.label == "1 Sep: Views < 5"
    # A masked count is no bar at all but a "< 5" marker on the axis: 0 and 3 look the same,
    # and neither looks like a figure.
    assert chart.bars[4].height == small.height == 0
    assert small.y == chart.bars[4].y == chart.grid[0][0]
    assert chart.has_masked
    # The key explains "<5" only on a chart that shows one.
    assert not bar_chart("c", "T", "D", ["1 Sep"], [Series("Views", [40])]).has_masked
    assert large.height > chart.bars[3].height
    # The axis ends on a round figure with whole-number grid lines.
    assert [value for _y, value in chart.grid] == [0, 10, 20, 30, 40]
