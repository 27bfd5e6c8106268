"""Wagtail's own exports (its reports, redirects and search terms), with cells kept as text.

Each view here is Wagtail's, with `TextCellsExportMixin` in front, served at
Wagtail's own address under Wagtail's own URL name, in a namespace of its own.
`intranet.urls` includes these patterns before the admin's, so Django's
resolver answers with them first, and the admin's URL names keep reversing to
the same addresses. They carry the decorators the
admin puts on its own views (wagtail/admin/urls/__init__.py): admin access,
the admin's 404 page, never cached.
"""

from django.urls import path
from django.views.decorators.cache import never_cache

from wagtail.admin.auth import require_admin_access
from wagtail.admin.urls import display_custom_404
from wagtail.admin.views.reports import aging_pages, audit_logging, locked_pages, workflows
from wagtail.contrib.redirects import views as redirects
from wagtail.contrib.search_promotions.views import reports as search_promotions
from wagtail.utils.urlpatterns import decorate_urlpatterns

from intranet.spreadsheets import TextCellsExportMixin


class LockedPagesView(TextCellsExportMixin, locked_pages.LockedPagesView):
    pass


class WorkflowView(TextCellsExportMixin, workflows.WorkflowView):
    pass


class WorkflowTasksView(TextCellsExportMixin, workflows.WorkflowTasksView):
    pass


class LogEntriesView(TextCellsExportMixin, audit_logging.LogEntriesView):
    pass


class AgingPagesView(TextCellsExportMixin, aging_pages.AgingPagesView):
    pass


class SearchTermsReportView(TextCellsExportMixin, search_promotions.SearchTermsReportView):
    pass


class RedirectsIndexView(TextCellsExportMixin, redirects.IndexView):
    pass


def _listing(route: str, view, name: str) -> list:
    """The listing and its results-only twin, as Wagtail routes and names them."""
    return [
        path(route, view.as_view(), name=name),
        path(f"{route}results/", view.as_view(results_only=True), name=f"{name}_results"),
    ]


app_name = "admin_exports"
urlpatterns = [
    *_listing("reports/locked/", LockedPagesView, "locked_pages"),
    *_listing("reports/workflow/", WorkflowView, "workflow"),
    *_listing("reports/workflow_tasks/", WorkflowTasksView, "workflow_tasks"),
    *_listing("reports/site-history/", LogEntriesView, "site_history"),
    *_listing("reports/aging-pages/", AgingPagesView, "aging_pages"),
    *_listing("searchpicks/reports/search-terms/", SearchTermsReportView, "search_terms"),
    *_listing("redirects/", RedirectsIndexView, "index"),
]
# In the order wagtail/admin/urls/__init__.py applies them.
for decorator in (require_admin_access, display_custom_404, never_cache):
    urlpatterns = decorate_urlpatterns(urlpatterns, decorator)
