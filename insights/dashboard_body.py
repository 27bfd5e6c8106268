"""The dashboard inside the admin's frame, cached by its template for everyone who reads the
same communities.

Its figures come from the nightly roll-up and its names from the page tree, so
the HTML stays true until one of them changes: thousands of figures, each
rendered through a template and the privacy mask, are written once rather than
on every visit. `insights/dashboard.html` caches it keyed on whose communities
it lists (`readers`), the community and the page of the comparison shown, the
last day measured, and the "insights" and "pages" stamps. Every figure below is
read only when the template has no copy. Whether the reader may open the
dashboard, and the community they chose, is checked before on every request
(`insights.views`).
"""

import datetime
from functools import cached_property
from math import ceil

from django.db.models import Case, When

from communities.models import CommunityPage, CommunityTeamMember, TeamRole
from communities.queries import CommunityValues, community_values
from insights import dashboard
from insights.health import health_of, last_complete_day
from insights.services import Scope
from intranet.paging import page_number, paginate

COMPARED_PER_PAGE = 50


def chosen_community(scope: Scope, chosen: str) -> CommunityValues | None:
    """The community `chosen` by its id, if `scope` reads it."""
    if not chosen.isdigit():
        return None
    row = scope.communities().filter(pk=chosen).values_list("pk", "title", "path", "depth")
    return CommunityValues(*row[0]) if row else None


def own_community(user) -> CommunityValues | None:
    """Where a team's dashboard opens: the first community `user` leads, in tree order, else
    the first whose team they are on."""
    teams = CommunityTeamMember.objects.filter(user=user).order_by(
        Case(When(role=TeamRole.LEAD, then=0), default=1), "page__path"
    )
    row = teams.values_list("page_id", "page__title", "page__path", "page__depth").first()
    return CommunityValues(*row) if row else None


class DashboardBody:
    """The dashboard of `selected`, or of the whole intranet when it is None, with page
    `requested` of the comparison of the communities `scope` reads."""

    def __init__(self, scope: Scope, selected: CommunityValues | None, requested: str | None):
        self.scope = scope
        self.selected = selected
        self.requested = page_number(requested)
        self.end: datetime.date = last_complete_day()
        # Readers of every community share one dashboard; a team's, one per set of subtrees.
        self.readers = "all" if scope.reads_all else sorted(set(scope.team_paths))

    @cached_property
    def compared_number(self) -> int:
        """The page of the comparison shown, as `Paginator.get_page` gives it: cached under the
        number shown, never under one past the last."""
        if self.requested == 1:
            return 1
        pages = max(1, ceil(self.scope.communities().count() / COMPARED_PER_PAGE))
        return self.requested if 1 <= self.requested <= pages else pages

    @cached_property
    def communities(self) -> list[CommunityValues]:
        return community_values(self.scope.communities())

    @cached_property
    def compared(self):
        # A page of the comparison at a time: an organisation has hundreds of communities.
        return paginate(self.communities, self.compared_number, COMPARED_PER_PAGE)

    @cached_property
    def health(self) -> dict:
        measured = {community.pk for community in self.compared}
        if self.selected:
            measured.add(self.selected.pk)
        return health_of(CommunityPage.objects.filter(pk__in=measured), self.end)

    @cached_property
    def picker(self) -> str:
        return dashboard.community_picker(
            self.communities, self.selected, whole=self.scope.reads_all
        )

    @cached_property
    def rows(self) -> list:
        return dashboard.comparison_rows(self.compared, self.health)

    @cached_property
    def selected_health(self):
        return self.health.get(self.selected.pk) if self.selected else None

    @cached_property
    def overview(self) -> dashboard.Overview:
        return dashboard.overview(self.end)

    @cached_property
    def trend(self) -> dashboard.Trend:
        return dashboard.trend(self.selected, self.end)

    @cached_property
    def searches(self):
        """Searches across the intranet, for readers of every community only."""
        return dashboard.searches_chart(self.end) if self.scope.reads_all else None
