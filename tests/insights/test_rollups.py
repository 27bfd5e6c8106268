"""The nightly roll-up counts each day once, up the tree, and forgets raw rows in time."""

from io import StringIO

import pytest

from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from communities.models import Membership
from insights.models import CommunityDay, Event, EventKind, PageDay, PageView, SearchDay
from insights.queries import top_content
from insights.rollups import day_bounds, rollup_day
from intranet.factories import UserFactory
from tests.insights.days import days_ago, yesterday

pytestmark = pytest.mark.django_db


def event(kind, user, page, day=None, **fields):
    day = day or yesterday()
    return Event.objects.create(kind=kind, user=user, page=page, day=day, **fields)


def member(person, community, days_before=10):
    membership = Membership.objects.create(user=person, community=community)
    joined, _end = day_bounds(days_ago(days_before))
    Membership.objects.filter(pk=membership.pk).update(joined_at=joined)


@pytest.fixture
def tree(make_community, owner, start):
    parent = make_community(lead=owner, title="Parent")
    child = make_community(parent=parent, lead=owner, title="Child")
    other = make_community(lead=owner, title="Other")
    return parent, child, other


def test_a_day_is_counted_per_page_and_up_the_tree(tree):
    parent, child, other = tree
    ann, bob, cem, dee = (UserFactory() for _ in range(4))
    for person in (ann, bob):
        member(person, parent)
    member(cem, child)
    # Joined after the day ends: not a member yet on the day.
    Membership.objects.create(user=dee, community=child)
    PageView.objects.bulk_create(
        [
            PageView(user=ann, page=parent, day=yesterday()),
            PageView(user=bob, page=parent, day=yesterday()),
            PageView(user=ann, page=child, day=yesterday()),
            PageView(user=cem, page=child, day=days_ago(4)),
            PageView(user=dee, page=other, day=yesterday()),
            # Outside the week ending on the day.
            PageView(user=dee, page=child, day=days_ago(9)),
        ]
    )
    event(EventKind.COMMENT, bob, child)
    event(EventKind.COMMENT, bob, child)
    event(EventKind.REACTION, cem, child, day=days_ago(3))
    event(EventKind.DISCUSSION, ann, child, day=days_ago(40))
    event(EventKind.JOIN, ann, parent)
    event(EventKind.SEARCH, ann, None, results=0)
    event(EventKind.SEARCH, ann, None, results=4)
    event(EventKind.SEARCH, bob, None, results=2)

    result = rollup_day(yesterday())

    assert (result.pages, result.communities) == (3, 3)
    assert PageDay.objects.get(page=parent, day=yesterday()).views == 2
    child_day = PageDay.objects.get(page=child, day=yesterday())
    assert (child_day.views, child_day.comments) == (1, 2)
    rows = {row.community_id: row for row in CommunityDay.objects.filter(day=yesterday())}
    top, sub = rows[parent.pk], rows[child.pk]
    assert (top.members, top.views, top.viewers, top.viewers_7d) == (3, 3, 2, 3)
    assert (sub.members, sub.views, sub.viewers, sub.viewers_7d) == (1, 1, 1, 2)
    assert (top.comments, top.joins, top.contributors_7d) == (2, 1, 2)
    # Bob comments in the child but is a member of the parent only: a contributor to the
    # parent, not one of the child's active contributors, who never outnumber its members.
    assert (sub.comments, sub.joins, sub.contributors_7d) == (2, 0, 1)
    # Members who read or took part in the last 28 days: ann, bob and cem.
    assert (top.active_members_28d, sub.active_members_28d) == (3, 1)
    assert top.last_activity == yesterday()
    assert rows[other.pk].views == 1
    assert rows[other.pk].last_activity is None
    search = SearchDay.objects.get(day=yesterday())
    assert (search.searches, search.without_results, search.searchers) == (3, 1, 2)


def test_unanswered_discussions_are_recent_ones_without_a_visible_comment(tree, start):
    from conversation import services as conversation_services

    parent, child, _other = tree
    asker = UserFactory()
    answered = start(asker, child, "Answered question")
    start(asker, child, "Open question")
    conversation_services.post_comment(asker, answered, "Here is the answer.")
    rollup_day(days_ago(0))
    row = CommunityDay.objects.get(community=parent, day=days_ago(0))
    assert (row.recent_discussions, row.unanswered_discussions, row.discussions) == (2, 1, 2)


def test_a_day_costs_the_same_queries_however_many_communities_and_people(
    tree, make_community, owner
):
    """No query is repeated per community, per person or per page."""

    def queries():
        with CaptureQueriesContext(connection) as captured:
            rollup_day(yesterday())
        return len(captured)

    def activity(community):
        person = UserFactory()
        member(person, community)
        PageView.objects.create(user=person, page=community, day=yesterday())
        event(EventKind.COMMENT, person, community)

    parent, child, other = tree
    for community in tree:
        activity(community)
    few = queries()
    for number in range(6):
        deeper = make_community(parent=child, lead=owner, title=f"Team {number}")
        for _ in range(3):
            activity(deeper)
    assert queries() == few
    assert CommunityDay.objects.get(community=parent, day=yesterday()).viewers == 20


def test_rolling_up_again_gives_the_same_rows(tree):
    parent, _child, _other = tree
    PageView.objects.create(user=UserFactory(), page=parent, day=yesterday())
    rollup_day(yesterday())
    first = list(CommunityDay.objects.values_list("community_id", "views", "viewers_7d"))
    rollup_day(yesterday())
    assert list(CommunityDay.objects.values_list("community_id", "views", "viewers_7d")) == first
    assert PageDay.objects.count() == 1
    assert SearchDay.objects.count() == 1


def run(*args):
    out = StringIO()
    call_command("rollup_insights", *args, stdout=out)
    return out.getvalue()


def test_the_command_rolls_up_yesterday_and_deletes_old_raw_rows(tree, settings):
    parent, _child, _other = tree
    person = UserFactory()
    PageView.objects.create(user=person, page=parent, day=yesterday())
    PageView.objects.create(user=person, page=parent, day=days_ago(91))
    event(EventKind.COMMENT, person, parent, day=days_ago(95))
    kept = event(EventKind.COMMENT, person, parent, day=days_ago(89))
    output = run()
    assert f"{yesterday()}: 1 pages and 3 communities." in output
    assert "Deleted 2 raw rows" in output
    assert list(PageView.objects.values_list("day", flat=True)) == [yesterday()]
    assert list(Event.objects.values_list("pk", flat=True)) == [kept.pk]


def test_the_command_rolls_up_several_days(tree):
    run("--date", str(yesterday()), "--days", "3")
    assert sorted(set(CommunityDay.objects.values_list("day", flat=True))) == [
        days_ago(3),
        days_ago(2),
        yesterday(),
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--date", "31/01/2026"), "--date must be a date like 2026-01-31"),
        (("--date", "2999-01-01"), "is in the future"),
        (("--days", "two"), "--days must be a whole number"),
        (("--days", "0"), "--days must be at least 1"),
        (("--days", "80"), "raw events are kept 90 days"),
    ],
)
def test_bad_arguments_are_refused_with_a_reason_and_change_nothing(tree, args, message):
    PageView.objects.create(user=UserFactory(), page=tree[0], day=days_ago(200))
    with pytest.raises(CommandError, match=message):
        run(*args)
    assert not CommunityDay.objects.exists()
    assert PageView.objects.count() == 1


def test_a_retention_too_short_for_the_windows_is_refused(tree, settings):
    settings.INSIGHTS_RETENTION_DAYS = 7
    with pytest.raises(CommandError, match="INSIGHTS_RETENTION_DAYS is 7"):
        run()


def test_the_scheduled_task_rolls_up_yesterday(tree):
    from insights.tasks import rollup_insights_task

    rollup_insights_task.enqueue()
    assert set(CommunityDay.objects.values_list("day", flat=True)) == {yesterday()}


def test_the_top_content_changes_with_the_next_roll_up(tree, django_capture_on_commit_callbacks):
    parent, child, _other = tree
    PageView.objects.create(user=UserFactory(), page=child, day=yesterday())
    with django_capture_on_commit_callbacks(execute=True):
        rollup_day(yesterday())
    start = days_ago(7)

    def views():
        return [row["views"] for row in top_content(parent.path, start, yesterday())]

    assert views() == [1]
    PageView.objects.create(user=UserFactory(), page=child, day=yesterday())
    # Read from the roll-up, so the same until the next one.
    assert views() == [1]
    with django_capture_on_commit_callbacks(execute=True):
        rollup_day(yesterday())
    assert views() == [2]
