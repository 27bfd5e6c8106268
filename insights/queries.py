"""What the dashboard, the summary and the reports read: a fixed number of queries each."""

import datetime
from dataclasses import dataclass

from django.db.models import Sum
from django.utils import formats

from wagtail.models import Page

from communities.models import CommunityPage
from communities.queries import CommunityValues
from insights.models import CommunityDay, PageDay, SearchDay

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
        days = [week.start + datetime.timedelta(days=n) for n in range(7)]
        in_week = [rows[day] for day in days if day in rows]
        for name in WEEKLY_SUMS:
            figures[name].append(sum(row[name] for row in in_week))
        last = rows.get(week.end, {})
        for name, column in WEEKLY_LAST_DAY.items():
            figures[name].append(last.get(column, 0))
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


def top_content(
    community: CommunityValues | CommunityPage, start: datetime.date, end: datetime.date
) -> list[dict]:
    """The most read pages in a community's subtree between two days, with their activity.

    Summed from the daily roll-ups, so the same until the next one. The pages
    are picked by id in a subquery, so the database reads the roll-ups of these
    pages only (by the page and day index) instead of every page's over the weeks.
    """
    pages = Page.objects.filter(path__startswith=community.path).values("pk")
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
