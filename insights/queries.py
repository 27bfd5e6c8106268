"""What the dashboard, the summary and the reports read: a fixed number of queries each."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.utils import formats

from wagtail.models import Page

from communities.models import CommunityPage
from communities.queries import CommunityValues
from insights.models import CommunityDay, Event, EventKind, PageDay, PageView, SearchDay

WEEKS = 12
TOP_CONTENT_SIZE = 10

# Figures summed over a week, and figures read on the week's last day
# (a count of distinct people over the 7 days ending then, or a snapshot).
WEEKLY_SUMS = ("views", "discussions", "comments", "completions")
WEEKLY_LAST_DAY = {"members": "members", "contributors": "contributors_7d", "viewers": "viewers_7d"}


@dataclass(frozen=True)
class Week:
    start: datetime.date
    end: datetime.date

    @property
    def label(self) -> str:
        return formats.date_format(self.start, "j M")

    @property
    def days(self) -> list[datetime.date]:
        span = (self.end - self.start).days + 1
        return [self.start + datetime.timedelta(days=n) for n in range(span)]

    @property
    def long_label(self) -> str:
        return formats.date_format(self.start, "j M Y")


def weeks_ending(end: datetime.date, count: int = WEEKS) -> list[Week]:
    """The `count` whole weeks up to `end`, oldest first."""
    return [
        Week(
            start=end - datetime.timedelta(days=7 * (count - number) - 1),
            end=end - datetime.timedelta(days=7 * (count - number - 1)),
        )
        for number in range(count)
    ]


def weekly_figures(
    community: CommunityValues | CommunityPage, weeks: list[Week]
) -> dict[str, list[int]]:
    """Each figure of the dashboard, week by week, for one community (subtree included)."""
    rows = {
        row["day"]: row
        for row in CommunityDay.objects.filter(
            community_id=community.pk, day__range=(weeks[0].start, weeks[-1].end)
        ).values("day", *WEEKLY_SUMS, *WEEKLY_LAST_DAY.values())
    }
    figures: dict[str, list[int]] = {name: [] for name in (*WEEKLY_SUMS, *WEEKLY_LAST_DAY)}
    for week in weeks:
        in_week = [rows[day] for day in week.days if day in rows]
        for name in WEEKLY_SUMS:
            figures[name].append(sum(row[name] for row in in_week))
        last = rows.get(week.end, {})
        for name, column in WEEKLY_LAST_DAY.items():
            figures[name].append(last.get(column, 0))
    return figures


def weekly_readers(weeks: list[Week]) -> list[int]:
    """How many people read the intranet each week, each counted once, in one query.

    From the raw page views, which are kept longer than the weeks shown.
    """
    counts = PageView.objects.filter(day__range=(weeks[0].start, weeks[-1].end)).aggregate(
        **{
            f"week_{number}": Count(
                "user_id", distinct=True, filter=Q(day__range=(week.start, week.end))
            )
            for number, week in enumerate(weeks)
        }
    )
    return [counts[f"week_{number}"] for number in range(len(weeks))]


def readers_between(start: datetime.date, end: datetime.date) -> int:
    """How many people read the intranet between two days, each counted once."""
    return PageView.objects.filter(day__range=(start, end)).values("user_id").distinct().count()


def intranet_weekly_figures(weeks: list[Week]) -> dict[str, list[int]]:
    """The whole intranet's figures, week by week, in three queries.

    Summed over every page's roll-up (a community's figures include its
    sub-communities', so summing communities would count them twice);
    discussions, which belong to no page's roll-up, from the raw events.
    """
    span = (weeks[0].start, weeks[-1].end)
    page_sums = ("views", "comments", "completions")
    by_day = {
        row["day"]: row
        for row in PageDay.objects.filter(day__range=span)
        .values("day")
        .annotate(**{name: Sum(name) for name in page_sums})
        .order_by()
    }
    started = dict(
        Event.objects.filter(kind=EventKind.DISCUSSION, day__range=span)
        .values("day")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("day", "n")
    )
    figures: dict[str, list[int]] = {name: [] for name in (*page_sums, "discussions")}
    for week in weeks:
        days = [day for day in week.days if day in by_day]
        for name in page_sums:
            figures[name].append(sum(by_day[day][name] for day in days))
        figures["discussions"].append(sum(started.get(day, 0) for day in week.days))
    figures["readers"] = weekly_readers(weeks)
    return figures


def weekly_searches(weeks: list[Week]) -> list[int]:
    """Searches across the intranet, week by week."""
    by_day = dict(
        SearchDay.objects.filter(day__range=(weeks[0].start, weeks[-1].end)).values_list(
            "day", "searches"
        )
    )
    return [
        sum(count for day, count in by_day.items() if week.start <= day <= week.end)
        for week in weeks
    ]


def top_content(path: str, start: datetime.date, end: datetime.date) -> list[dict]:
    """The most read pages at or below `path` (a community's, or "" for the whole intranet)
    between two days, with their activity.

    Summed from the daily roll-ups, so the same until the next one. The pages
    are picked by id in a subquery, so the database reads the roll-ups of these
    pages only (by the page and day index) instead of every page's over the weeks.
    """
    pages = Page.objects.filter(path__startswith=path).values("pk")
    return list(
        PageDay.objects.filter(page__in=pages, day__range=(start, end))
        .values("page_id", "page__title")
        .annotate(
            views=Sum("views"),
            comments=Sum("comments"),
            reactions=Sum("reactions"),
            completions=Sum("completions"),
        )
        .order_by("-views", "page__title")[:TOP_CONTENT_SIZE]
    )
