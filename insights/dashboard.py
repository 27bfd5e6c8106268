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


# The whole intranet's charts: no members there, and readers rather than viewers of a place.
OVERVIEW_CHARTS = (
    (
        "reading",
        _("Views and people reading"),
        (("views", _("Views")), ("readers", _("People reading"))),
    ),
    CHARTS[2],
    CHARTS[3],
)
# The overview's key figures over the last four weeks, summed from its weekly figures.
OVERVIEW_SUMS = ("views", "discussions", "comments", "completions")
RECENT_WEEKS = 4


def describe(title: str, place: str, weeks: list[queries.Week]) -> str:
    return _(
        "%(title)s in %(community)s, week by week, "
        "for the %(count)d weeks from %(start)s to %(end)s."
    ) % {
        "title": title,
        "community": place,
        "count": len(weeks),
        "start": formats.date_format(weeks[0].start),
        "end": formats.date_format(weeks[-1].end),
    }


def draw(specs, figures: dict[str, list[int]], place: str, weeks: list[queries.Week]) -> list:
    """One bar chart per (id, title, series) in `specs`, from the weekly `figures`."""
    labels = [week.label for week in weeks]
    return [
        charts.bar_chart(
            f"chart-{chart_id}",
            str(title),
            describe(str(title), place, weeks),
            labels,
            [charts.Series(str(name), figures[key]) for key, name in series],
        )
        for chart_id, title, series in specs
    ]


def trend(community: CommunityValues | CommunityPage, end: datetime.date) -> Trend:
    """The weekly charts and the top content of one community: two queries."""
    weeks = queries.weeks_ending(end)
    figures = queries.weekly_figures(community, weeks)
    drawn = draw(CHARTS, figures, community.title, weeks)
    top = queries.top_content(community.path, weeks[0].start, end)
    return Trend(weeks=weeks, figures=figures, charts=drawn, top_content=top)


@dataclass(frozen=True)
class Overview:
    """The whole intranet over twelve weeks, for those who read every community's figures."""

    trend: Trend
    key_figures: dict[str, int]


def overview(end: datetime.date) -> Overview:
    """The whole intranet: six queries."""
    weeks = queries.weeks_ending(end)
    figures = queries.intranet_weekly_figures(weeks)
    drawn = draw(OVERVIEW_CHARTS, figures, str(_("the whole intranet")), weeks)
    top = queries.top_content("", weeks[0].start, end)
    recent = weeks[-RECENT_WEEKS:]
    key_figures = {name: sum(figures[name][-RECENT_WEEKS:]) for name in OVERVIEW_SUMS}
    key_figures["readers"] = queries.readers_between(recent[0].start, end)
    return Overview(
        trend=Trend(weeks=weeks, figures=figures, charts=drawn, top_content=top),
        key_figures=key_figures,
    )


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


def community_picker(
    communities: Sequence[CommunityValues], selected: CommunityValues | None, whole: bool
) -> str:
    """The drop-down of the communities the reader may open, in tree order, each indented
    under its parent; first the whole intranet when `whole`, chosen when `selected` is None.

    An organisation has hundreds: LongSelect writes them in Python, where a loop
    in the template took a good part of the dashboard's time.
    """
    top = min((community.depth for community in communities), default=0)
    choices = [("", _("Whole intranet"))] if whole else []
    choices += [
        (community.pk, f"{'– ' * (community.depth - top)}{community.title}")
        for community in communities
    ]
    return LongSelect(attrs={"id": "insights-community"}, choices=PlainChoices(choices)).render(
        "community", selected.pk if selected else ""
    )
