"""The figures behind the dashboard and the printable summary, gathered for one community."""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils import formats
from django.utils.translation import gettext_lazy as _

from communities.models import CommunityPage
from communities.queries import CommunityValues
from insights import charts, queries
from insights.health import Health
from intranet.widgets import LongSelect, PlainChoices


@dataclass(frozen=True)
class Trend:
    """Twelve weeks of one community, as charts and their figures."""

    weeks: list[queries.Week]
    figures: dict[str, list[int]]
    charts: list[charts.Chart]
    top_content: list[dict]


# Each chart: its id, title, and the figures it draws with their names.
CHARTS = (
    (
        "people",
        _("Members and active contributors"),
        (("members", _("Members")), ("contributors", _("Active contributors"))),
    ),
    (
        "reading",
        _("Views and unique viewers"),
        (("views", _("Views")), ("viewers", _("Unique viewers"))),
    ),
    (
        "conversation",
        _("Discussions and comments"),
        (("discussions", _("Discussions started")), ("comments", _("Comments"))),
    ),
    ("learning", _("Guide completions"), (("completions", _("Guide completions")),)),
)


def describe(
    title: str, community: CommunityValues | CommunityPage, weeks: list[queries.Week]
) -> str:
    return _(
        "%(title)s in %(community)s, week by week, "
        "for the %(count)d weeks from %(start)s to %(end)s."
    ) % {
        "title": title,
        "community": community.title,
        "count": len(weeks),
        "start": formats.date_format(weeks[0].start),
        "end": formats.date_format(weeks[-1].end),
    }


def trend(community: CommunityValues | CommunityPage, end: datetime.date) -> Trend:
    """The weekly charts and the top content of one community: two queries."""
    weeks = queries.weeks_ending(end)
    figures = queries.weekly_figures(community, weeks)
    labels = [week.label for week in weeks]
    drawn = [
        charts.bar_chart(
            f"chart-{chart_id}",
            str(title),
            describe(str(title), community, weeks),
            labels,
            [charts.Series(str(name), figures[key]) for key, name in series],
        )
        for chart_id, title, series in CHARTS
    ]
    top = queries.top_content(community, weeks[0].start, end)
    return Trend(weeks=weeks, figures=figures, charts=drawn, top_content=top)


def searches_chart(end: datetime.date) -> charts.Chart:
    weeks = queries.weeks_ending(end)
    title = str(_("Searches across the intranet"))
    return charts.bar_chart(
        "chart-searches",
        title,
        str(
            _("%(title)s, week by week, for the %(count)d weeks to %(end)s.")
            % {"title": title, "count": len(weeks), "end": formats.date_format(end)}
        ),
        [week.label for week in weeks],
        [charts.Series(str(_("Searches")), queries.weekly_searches(weeks))],
    )


@dataclass(frozen=True)
class CommunityRow:
    """One line of the comparison table."""

    community: CommunityValues
    health: Health | None


def comparison_rows(communities, health: dict[int, Health]) -> list:
    """Communities in tree order, each with its health."""
    return [CommunityRow(community, health.get(community.pk)) for community in communities]


def community_picker(communities: Sequence[CommunityValues], selected: CommunityValues) -> str:
    """The drop-down of the communities the reader may open, in tree order, each indented
    under its parent.

    An organisation has hundreds: LongSelect writes them in Python, where a loop
    in the template took a good part of the dashboard's time.
    """
    top = min(community.depth for community in communities)
    return LongSelect(
        attrs={"id": "insights-community"},
        choices=PlainChoices(
            (community.pk, f"{'– ' * (community.depth - top)}{community.title}")
            for community in communities
        ),
    ).render("community", selected.pk)
