"""The nightly roll-up: raw events into one row per page, community and day.

`rollup_day` replaces a day's rows with freshly counted ones, so running it
twice, or again after a late event, gives the same result. Distinct counts
over a window (viewers over 7 days, active members over 28) are taken from
the raw rows, which is why a day can only be rolled up while they are kept.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, Subquery
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


class DistinctCount(Subquery):
    """How many distinct values of `field` a (correlated) queryset holds, as a subquery."""

    template = "(SELECT COUNT(DISTINCT _counted.value) FROM (%(subquery)s) _counted)"
    output_field = IntegerField()

    def __init__(self, queryset, field: str):
        super().__init__(queryset.order_by().values(value=F(field)))


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


def _subtree_sums(counts: PageCounts, communities: list) -> dict[int, dict[str, int]]:
    """The day's counts summed over each community's subtree.

    Each page path's prefixes are its ancestors' paths, so a page's counts are
    added to every community above it without another query.
    """
    by_path = {community.path: community.pk for community in communities}
    steplen = CommunityPage.steplen
    sums: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for _page_id, path, column, count in counts.by_column():
        for end in range(steplen, len(path) + 1, steplen):
            community_id = by_path.get(path[:end])
            if community_id is not None:
                sums[community_id][column] += count
    return sums


def _since(day: datetime.date, window: int) -> datetime.date:
    return day - datetime.timedelta(days=window - 1)


def _distinct_figures(day: datetime.date):
    """Communities annotated with the day's distinct counts and snapshots, in one query."""
    _start, end = day_bounds(day)
    in_subtree = Q(page__path__startswith=OuterRef("path"))
    views = PageView.objects.filter(in_subtree)
    contributions = Event.objects.filter(in_subtree, kind__in=CONTRIBUTION_KINDS)
    members = Membership.objects.filter(
        community__path__startswith=OuterRef("path"), joined_at__lt=end
    )
    # A member is active when they read or took part anywhere in the subtree.
    reach_since = _since(day, REACH_WINDOW)
    in_outer_subtree = Q(page__path__startswith=OuterRef(OuterRef("path")))
    active_members = members.filter(
        Exists(
            PageView.objects.filter(
                in_outer_subtree, user_id=OuterRef("user_id"), day__range=(reach_since, day)
            )
        )
        | Exists(
            Event.objects.filter(
                in_outer_subtree,
                user_id=OuterRef("user_id"),
                kind__in=CONTRIBUTION_KINDS,
                day__range=(reach_since, day),
            )
        )
    )
    recent = DiscussionPage.objects.filter(
        path__startswith=OuterRef("path"),
        live=True,
        first_published_at__gte=end - datetime.timedelta(days=RECENT_DISCUSSION_DAYS),
        first_published_at__lt=end,
    )
    answered = Comment.objects.filter(
        page_id=OuterRef("pk"), is_public=True, is_removed=False, submit_date__lt=end
    )
    unanswered = recent.exclude(Exists(answered))
    last_activity = (
        Event.objects.filter(
            in_subtree, kind__in=(EventKind.DISCUSSION, EventKind.COMMENT), day__lte=day
        )
        .order_by("-day")
        .values("day")[:1]
    )
    return CommunityPage.objects.annotate(
        n_members=DistinctCount(members, "user_id"),
        n_viewers=DistinctCount(views.filter(day=day), "user_id"),
        n_viewers_7d=DistinctCount(views.filter(day__range=(_since(day, WEEK), day)), "user_id"),
        n_contributors_7d=DistinctCount(
            contributions.filter(day__range=(_since(day, WEEK), day)), "user_id"
        ),
        n_active_members=DistinctCount(active_members, "user_id"),
        n_recent=DistinctCount(recent, "pk"),
        n_unanswered=DistinctCount(unanswered, "pk"),
        latest=Subquery(last_activity),
    ).order_by("path")


def _community_rows(day: datetime.date, counts: PageCounts) -> list[CommunityDay]:
    communities = list(_distinct_figures(day))
    sums = _subtree_sums(counts, communities)
    rows = []
    for community in communities:
        row = CommunityDay(
            community_id=community.pk,
            day=day,
            members=community.n_members,
            viewers=community.n_viewers,
            viewers_7d=community.n_viewers_7d,
            contributors_7d=community.n_contributors_7d,
            active_members_28d=community.n_active_members,
            recent_discussions=community.n_recent,
            unanswered_discussions=community.n_unanswered,
            last_activity=community.latest,
        )
        for column, count in sums.get(community.pk, {}).items():
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
