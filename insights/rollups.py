"""The nightly roll-up: raw events into one row per page, community and day.

`rollup_day` replaces a day's rows with freshly counted ones, so running it
twice, or again after a late event, gives the same result. Distinct counts
over a window (viewers over 7 days, active members over 28) are taken from
the raw rows, which is why a day can only be rolled up while they are kept.
Every figure comes from a fixed number of grouped queries, gathered up the
tree in Python, so a night's roll-up grows with the day's activity, not with
the number of communities times the rows behind each.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Exists, Max, OuterRef, Q
from django.dispatch import Signal
from django.utils import timezone

from communities.models import CommunityPage, DiscussionPage, Membership
from conversation.models import Comment
from insights.models import (
    CONTRIBUTION_KINDS,
    CommunityDay,
    Event,
    EventKind,
    PageDay,
    PageView,
    SearchDay,
)

# Sent with `day` once a day's roll-up is committed, for whatever shows
# figures read from it (the home page's quiet communities).
day_rolled_up = Signal()

# Windows of the distinct counts, in days, the day itself included.
WEEK = 7
REACH_WINDOW = 28
# A discussion counts towards "unanswered" for this long after it starts.
RECENT_DISCUSSION_DAYS = 90
# The widest window above: a day needs this many days of raw rows behind it.
RAW_DAYS_NEEDED = max(WEEK, REACH_WINDOW)

# Event kinds summed into a page's and a community's daily row, by column.
PAGE_SUMS = {
    EventKind.COMMENT: "comments",
    EventKind.REACTION: "reactions",
    EventKind.COMPLETION: "completions",
    EventKind.ACKNOWLEDGEMENT: "acknowledgements",
}
COMMUNITY_SUMS = {
    **PAGE_SUMS,
    EventKind.JOIN: "joins",
    EventKind.LEAVE: "leaves",
    EventKind.DISCUSSION: "discussions",
}


@dataclass(frozen=True)
class RollupResult:
    day: datetime.date
    pages: int
    communities: int


def day_bounds(day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """The start of `day` and of the next, in the intranet's time zone."""
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
    return start, start + datetime.timedelta(days=1)


def oldest_day_with_raw_rows(today: datetime.date) -> datetime.date:
    """The first day whose raw rows are still kept, and so can be rolled up."""
    return today - datetime.timedelta(days=settings.INSIGHTS_RETENTION_DAYS - RAW_DAYS_NEEDED)


@dataclass(frozen=True)
class PageCounts:
    """The day's views and events, counted per page, in two grouped queries."""

    views: list[dict]
    events: list[dict]

    @classmethod
    def of(cls, day: datetime.date) -> "PageCounts":
        views = PageView.objects.filter(day=day).values("page_id", "page__path")
        events = Event.objects.filter(day=day, kind__in=COMMUNITY_SUMS, page__isnull=False)
        return cls(
            views=list(views.annotate(n=Count("pk")).order_by()),
            events=list(
                events.values("page_id", "page__path", "kind").annotate(n=Count("pk")).order_by()
            ),
        )

    def by_column(self):
        """(page id, page path, column, count) for every count of the day."""
        for item in self.views:
            yield item["page_id"], item["page__path"], "views", item["n"]
        for item in self.events:
            yield item["page_id"], item["page__path"], COMMUNITY_SUMS[item["kind"]], item["n"]


def _page_rows(day: datetime.date, counts: PageCounts) -> list[PageDay]:
    rows: dict[int, PageDay] = {}
    page_columns = {"views", *PAGE_SUMS.values()}
    for page_id, _path, column, count in counts.by_column():
        if column in page_columns:
            setattr(rows.setdefault(page_id, PageDay(page_id=page_id, day=day)), column, count)
    return list(rows.values())


class Subtrees:
    """Which communities hold a page in their subtree, found from the page's path.

    A page's path begins with each of its ancestors' paths, so the communities
    above a page (itself included) are found among its path's prefixes,
    without a query.
    """

    def __init__(self, communities: list[tuple[int, str]]):
        self.by_path = {path: pk for pk, path in communities}
        self._above: dict[str, tuple[int, ...]] = {}

    def above(self, path: str) -> tuple[int, ...]:
        found = self._above.get(path)
        if found is None:
            steplen = CommunityPage.steplen
            prefixes = (path[:end] for end in range(steplen, len(path) + 1, steplen))
            found = tuple(self.by_path[p] for p in prefixes if p in self.by_path)
            self._above[path] = found
        return found

    def distinct(self, rows) -> dict[int, set]:
        """Each community's set of the values in (value, page path) rows under it."""
        sets: dict[int, set] = defaultdict(set)
        for value, path in rows:
            for community_id in self.above(path):
                sets[community_id].add(value)
        return sets


def _subtree_sums(counts: PageCounts, subtrees: Subtrees) -> dict[int, dict[str, int]]:
    """The day's counts summed over each community's subtree."""
    sums: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for _page_id, path, column, count in counts.by_column():
        for community_id in subtrees.above(path):
            sums[community_id][column] += count
    return sums


def _since(day: datetime.date, window: int) -> datetime.date:
    return day - datetime.timedelta(days=window - 1)


def _last_days(queryset, since: datetime.date, day: datetime.date) -> list[tuple]:
    """(person, page path, last day) for each page a person was seen on in the window."""
    return list(
        queryset.filter(day__range=(since, day))
        .values_list("user_id", "page__path")
        .annotate(last=Max("day"))
        .order_by()
    )


class DistinctFigures:
    """The day's distinct counts for every community's subtree, in five grouped queries.

    A person counts once in a community however many of its pages they read,
    so these cannot be summed up the tree like the day's counts. Each query
    returns one row per person and page (or per membership, or per
    discussion), and the rows are gathered into each community above the page.
    The number of queries stays the same however many communities there are.
    """

    def __init__(self, day: datetime.date, subtrees: Subtrees):
        _start, end = day_bounds(day)
        week_since, reach_since = _since(day, WEEK), _since(day, REACH_WINDOW)
        views = _last_days(PageView.objects, reach_since, day)
        contributions = _last_days(
            Event.objects.filter(kind__in=CONTRIBUTION_KINDS, page__isnull=False),
            reach_since,
            day,
        )
        self.viewers = subtrees.distinct((user, path) for user, path, last in views if last == day)
        self.viewers_7d = subtrees.distinct(
            (user, path) for user, path, last in views if last >= week_since
        )
        self.contributors_7d = subtrees.distinct(
            (user, path) for user, path, last in contributions if last >= week_since
        )
        # A member is active when they read or took part anywhere in the subtree.
        self.active = subtrees.distinct((user, path) for user, path, _last in views)
        for community_id, people in subtrees.distinct(
            (user, path) for user, path, _last in contributions
        ).items():
            self.active[community_id] |= people
        self.members = subtrees.distinct(
            Membership.objects.filter(joined_at__lt=end)
            .values_list("user_id", "community__path")
            .order_by()
        )
        answered = Comment.objects.filter(
            page_id=OuterRef("pk"), is_public=True, is_removed=False, submit_date__lt=end
        )
        recent = list(
            DiscussionPage.objects.filter(
                live=True,
                first_published_at__gte=end - datetime.timedelta(days=RECENT_DISCUSSION_DAYS),
                first_published_at__lt=end,
            )
            .annotate(answered=Exists(answered))
            .values_list("pk", "path", "answered")
        )
        self.recent = subtrees.distinct((pk, path) for pk, path, _answered in recent)
        self.unanswered = subtrees.distinct(
            (pk, path) for pk, path, answered in recent if not answered
        )
        self.latest: dict[int, datetime.date] = {}
        talk = (
            Event.objects.filter(
                kind__in=(EventKind.DISCUSSION, EventKind.COMMENT),
                day__lte=day,
                page__isnull=False,
            )
            .values_list("page__path")
            .annotate(latest=Max("day"))
            .order_by()
        )
        for path, latest in talk:
            for community_id in subtrees.above(path):
                self.latest[community_id] = max(latest, self.latest.get(community_id, latest))

    def row(self, community_id: int, day: datetime.date) -> CommunityDay:
        members = self.members.get(community_id, set())
        return CommunityDay(
            community_id=community_id,
            day=day,
            members=len(members),
            viewers=len(self.viewers.get(community_id, ())),
            viewers_7d=len(self.viewers_7d.get(community_id, ())),
            # Members only, as for the active members: the chart shows them side by side
            # with the members, and someone from outside who comments is not one of them.
            contributors_7d=len(members & self.contributors_7d.get(community_id, set())),
            active_members_28d=len(members & self.active.get(community_id, set())),
            recent_discussions=len(self.recent.get(community_id, ())),
            unanswered_discussions=len(self.unanswered.get(community_id, ())),
            last_activity=self.latest.get(community_id),
        )


def _community_rows(day: datetime.date, counts: PageCounts) -> list[CommunityDay]:
    subtrees = Subtrees(list(CommunityPage.objects.order_by("path").values_list("pk", "path")))
    figures = DistinctFigures(day, subtrees)
    sums = _subtree_sums(counts, subtrees)
    rows = []
    for community_id in subtrees.by_path.values():
        row = figures.row(community_id, day)
        for column, count in sums.get(community_id, {}).items():
            setattr(row, column, count)
        rows.append(row)
    return rows


def _search_row(day: datetime.date) -> SearchDay:
    figures = Event.objects.filter(day=day, kind=EventKind.SEARCH).aggregate(
        searches=Count("pk"),
        without_results=Count("pk", filter=Q(results=0)),
        searchers=Count("user_id", distinct=True),
    )
    return SearchDay(day=day, **figures)


@transaction.atomic
def rollup_day(day: datetime.date) -> RollupResult:
    """Count `day` again from the raw rows, replacing whatever roll-up it had."""
    counts = PageCounts.of(day)
    pages = _page_rows(day, counts)
    communities = _community_rows(day, counts)
    PageDay.objects.filter(day=day).delete()
    PageDay.objects.bulk_create(pages)
    CommunityDay.objects.filter(day=day).delete()
    CommunityDay.objects.bulk_create(communities)
    SearchDay.objects.filter(day=day).delete()
    SearchDay.objects.bulk_create([_search_row(day)])
    transaction.on_commit(lambda: day_rolled_up.send(sender=RollupResult, day=day))
    return RollupResult(day=day, pages=len(pages), communities=len(communities))


def delete_old_raw_rows(today: datetime.date) -> int:
    """Delete page views and events past the retention period; return how many."""
    cutoff = today - datetime.timedelta(days=settings.INSIGHTS_RETENTION_DAYS)
    views, _detail = PageView.objects.filter(day__lt=cutoff).delete()
    events, _detail = Event.objects.filter(day__lt=cutoff).delete()
    return views + events
