"""The dashboard inside the admin's frame, rendered once for everyone who reads the same
communities.

Its figures come from the nightly roll-up and its names from the page tree, so
the HTML stays true until one of them changes: thousands of figures, each
rendered through a template and the privacy mask, are written once a night
rather than on every visit. The picker and the comparison table list the
reader's communities, so the body is shared only by readers of the same ones:
readers of every community share theirs, and each set of communities an owner
may read has its own. Whether the reader may open the dashboard, and the
community they chose, is checked before on every request (`insights.views`).
"""

import datetime

from django.template.loader import render_to_string

from communities.models import CommunityPage
from communities.queries import CommunityValues, paginate
from insights import dashboard
from insights.health import health_of, last_complete_day
from insights.queries import CACHED_FOR
from intranet.caching import PAGES, digest
from intranet.paging import cached_page

COMPARED_PER_PAGE = 50


def dashboard_body(
    communities: tuple[CommunityValues, ...],
    selected: CommunityValues,
    requested: str | None,
    reads_all: bool,
) -> str:
    """The dashboard of `selected`, with page `requested` of the comparison of `communities`.

    `reads_all`: the reader reads every community, and the searches across the
    intranet with them.
    """
    end = last_complete_day()
    # In tree order, so the same communities make the same name.
    readers = "all" if reads_all else digest([community.pk for community in communities])
    return cached_page(
        f"insights-dashboard:{readers}:{selected.pk}:{end}",
        requested,
        # The nightly roll-up (`insights.signals`); names and the tree (`home.signals`).
        ("insights", PAGES),
        lambda number: _render(communities, selected, number, end, reads_all),
        CACHED_FOR,
        in_process=True,
    )


def _render(
    communities: tuple[CommunityValues, ...],
    selected: CommunityValues,
    number: int,
    end: datetime.date,
    reads_all: bool,
) -> tuple[int, str]:
    # A page of the comparison at a time: an organisation has hundreds of communities.
    compared = paginate(communities, number, COMPARED_PER_PAGE)
    measured = {community.pk for community in compared} | {selected.pk}
    health = health_of(CommunityPage.objects.filter(pk__in=measured), end)
    context = {
        "selected": selected,
        "picker": dashboard.community_picker(communities, selected),
        "compared": compared,
        "rows": dashboard.comparison_rows(compared, health),
        "selected_health": health.get(selected.pk),
        "trend": dashboard.trend(selected, end),
        "searches": dashboard.searches_chart(end) if reads_all else None,
        "end": end,
    }
    return compared.number, render_to_string("insights/dashboard_body.html", context)
