"""Search in the admin: synonyms and exclusions for the Communicators, the query
report for whoever reads the intranet's insights, and what people were looking for."""

from datetime import timedelta

from django.db.models import Sum
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from intranet.admin_listings import ReadOnlyPermissionHelper
from intranet.spreadsheets import TextCellsExportMixin
from search.models import SearchExclusion, SearchFeedback, SearchQueryDay, SearchSynonym

# The report covers this many days up to today.
REPORT_DAYS = 30
REPORT_ROWS = 100


class SynonymViewSet(SnippetViewSet):
    model = SearchSynonym
    icon = "resubmit"
    menu_label = _("Synonyms")
    list_display = ["words"]
    search_fields = ["words"]


class ExclusionViewSet(SnippetViewSet):
    model = SearchExclusion
    icon = "cross"
    menu_label = _("Exclusions")
    list_display = ["query_string", "page", "created_at"]
    search_fields = ["query_string"]


class SearchSnippets(SnippetViewSetGroup):
    items = (SynonymViewSet, ExclusionViewSet)
    menu_icon = "search"
    menu_label = _("Search")
    menu_name = "search"


register_snippet(SearchSnippets)

query_report_policy = ModelPermissionPolicy(SearchQueryDay)


class SearchQueryReportView(TextCellsExportMixin, ReportView):
    """The most searched queries of the last REPORT_DAYS days, or those that found nothing."""

    header_icon = "search"
    permission_policy = query_report_policy
    permission_required = "view"
    paginate_by = 50
    columns = [
        Column("query_string", label=_("Query")),
        Column("searches", label=_("Searches")),
        Column("zero_results", label=_("Searches with no results")),
    ]
    list_export = ["query_string", "searches", "zero_results"]
    export_headings = {
        "query_string": _("Query"),
        "searches": _("Searches"),
        "zero_results": _("Searches with no results"),
    }
    zero_results_only = False

    def get_queryset(self):
        since = timezone.localdate() - timedelta(days=REPORT_DAYS - 1)
        totals = (
            SearchQueryDay.objects.filter(day__gte=since)
            .values("query_string")
            .annotate(searches=Sum("searches"), zero_results=Sum("zero_results"))
        )
        if self.zero_results_only:
            totals = totals.filter(zero_results__gt=0)
            order = ("-zero_results", "-searches", "query_string")
        else:
            order = ("-searches", "query_string")
        return totals.order_by(*order)[:REPORT_ROWS]


class TopSearchesView(SearchQueryReportView):
    page_title = _("Top searches (last 30 days)")
    index_url_name = "search_top_queries"
    index_results_url_name = "search_top_queries_results"
    export_filename = "top-searches"


class ZeroResultSearchesView(SearchQueryReportView):
    page_title = _("Searches with no results (last 30 days)")
    index_url_name = "search_zero_results"
    index_results_url_name = "search_zero_results_results"
    export_filename = "searches-with-no-results"
    zero_results_only = True


class QueryReportMenuItem(MenuItem):
    def is_shown(self, request):
        return query_report_policy.user_has_permission(request.user, "view")


@hooks.register("register_admin_urls")
def register_search_report_urls():
    return [
        path("reports/searches/", TopSearchesView.as_view(), name="search_top_queries"),
        path(
            "reports/searches/results/",
            TopSearchesView.as_view(results_only=True),
            name="search_top_queries_results",
        ),
        path(
            "reports/searches/no-results/",
            ZeroResultSearchesView.as_view(),
            name="search_zero_results",
        ),
        path(
            "reports/searches/no-results/results/",
            ZeroResultSearchesView.as_view(results_only=True),
            name="search_zero_results_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_top_searches_menu_item():
    return QueryReportMenuItem(
        _("Top searches"),
        reverse("search_top_queries"),
        name="top-searches",
        icon_name="search",
        order=800,
    )


@hooks.register("register_reports_menu_item")
def register_zero_result_searches_menu_item():
    return QueryReportMenuItem(
        _("Searches with no results"),
        reverse("search_zero_results"),
        name="searches-with-no-results",
        icon_name="warning",
        order=801,
    )


@modeladmin_register
class SearchFeedbackAdmin(ModelAdmin):
    """Read-only: the answers come from the search page."""

    model = SearchFeedback
    menu_label = _("Search feedback")
    menu_icon = "help"
    list_display = ("created_at", "query", "text")
    search_fields = ("query", "text")
    ordering = ("-created_at",)
    permission_helper_class = ReadOnlyPermissionHelper
    add_to_admin_menu = True
    menu_order = 900
