"""Insights in the Wagtail admin, and the hook that counts page views."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from insights import reports, services, views
from insights.health import quiet_communities_for
from insights.services import request_scope


# Wrapped inside Wagtail's own view-restriction check (registered at order 0),
# so this only runs for someone allowed to read the page, and counts the view
# only when the page was actually served.
@hooks.register("on_serve_page", order=100)
def count_page_views(serve):
    def serve_and_count(page, request, args, kwargs):
        response = serve(page, request, args, kwargs)
        if response.status_code == 200 and services.counts_as_view(request):
            services.record_view(request.user, page)
        return response

    return serve_and_count


class InsightsMenuItem(MenuItem):
    def is_shown(self, request):
        return request_scope(request).reads_any


@hooks.register("register_admin_urls")
def register_insights_urls():
    return [
        path("insights/", views.dashboard_view, name="insights_dashboard"),
        path(
            "insights/summary/<int:community_id>/",
            views.summary_view,
            name="insights_summary",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_insights_menu_item():
    return InsightsMenuItem(
        _("Insights"), reverse("insights_dashboard"), name="insights", icon_name="pick", order=250
    )


class QuietCommunitiesPanel(Component):
    """On a community owner's admin home: their communities that have gone quiet."""

    name = "insights_quiet_communities"
    order = 90
    template_name = "insights/dashboard_quiet_panel.html"

    def __init__(self, communities):
        self.communities = communities

    def get_context_data(self, parent_context):
        return {"communities": self.communities}


@hooks.register("construct_homepage_panels")
def add_quiet_communities_panel(request, panels):
    quiet = quiet_communities_for(request.user)
    if quiet:
        panels.append(QuietCommunitiesPanel(quiet))


REPORTS = (
    (
        reports.EngagementReportView,
        "insights_engagement_report",
        "engagement",
        _("Community engagement"),
        "pick",
    ),
    (
        reports.StaleContentReportView,
        "insights_stale_report",
        "stale",
        _("Stale content"),
        "warning",
    ),
    (
        reports.UncompletedGuidesReportView,
        "insights_uncompleted_report",
        "guides-not-completed",
        _("Guides nobody completes"),
        "doc-full",
    ),
)


@hooks.register("register_admin_urls")
def register_report_urls():
    urls = []
    for view, name, slug, _label, _icon in REPORTS:
        urls += [
            path(f"reports/insights/{slug}/", view.as_view(), name=name),
            path(
                f"reports/insights/{slug}/results/",
                view.as_view(results_only=True),
                name=f"{name}_results",
            ),
        ]
    return urls


def _report_menu_item(name, label, icon, order):
    @hooks.register("register_reports_menu_item")
    def register():
        return InsightsMenuItem(label, reverse(name), name=name, icon_name=icon, order=order)

    return register


for order, (_view, name, _slug, label, icon) in enumerate(REPORTS, start=800):
    _report_menu_item(name, label, icon, order)
