"""The guides' admin: the review report, and who has completed or acknowledged what; and the
guides a community page and a person's page list."""

from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

from communities.wagtail_hooks import PERSON_SEARCH_FIELDS
from guides import queries, reviews
from guides.models import Acknowledgement, GuideCompletion
from intranet.admin_listings import ReadOnlyPermissionHelper
from intranet.spreadsheets import TextCellsExportMixin
from people.contributions import PERSON_SECTIONS

REPORT_PERMISSIONS = ["add", "change", "publish"]


class ReviewReportView(TextCellsExportMixin, ReportView):
    """Pages due or overdue for review, with their owners, soonest first.

    Each person sees the pages they can edit, so a community's team sees its
    own space and the Communicators see the guides.
    """

    page_title = _("Pages due for review")
    header_icon = "time"
    index_url_name = "guides_review_report"
    index_results_url_name = "guides_review_report_results"
    permission_policy = PagePermissionPolicy()
    any_permission_required = REPORT_PERMISSIONS
    export_filename = "pages-due-for-review"
    columns = [
        TitleColumn("title", label=_("Page"), url_name="wagtailadmin_pages:edit"),
        Column("page_type", label=_("Type")),
        Column("owner_name", label=_("Content owner")),
        DateColumn("review_by", label=_("Review by")),
        Column("stage_label", label=_("Status")),
    ]
    list_export = ["title", "page_type", "owner_name", "owner_email", "review_by", "stage_label"]
    export_headings = {
        "title": _("Page"),
        "page_type": _("Type"),
        "owner_name": _("Content owner"),
        "owner_email": _("Owner's email"),
        "review_by": _("Review by"),
        "stage_label": _("Status"),
    }

    def get_queryset(self):
        editable = self.permission_policy.instances_user_has_permission_for(
            self.request.user, "change"
        )
        return (
            reviews.pages_for_review(timezone.localdate())
            .filter(pk__in=editable.values("pk"))
            .select_related("content_type")
        )

    def decorate_paginated_queryset(self, object_list):
        pages = list(object_list)
        owners = reviews.owners_of(pages)
        today = timezone.localdate()
        for page in pages:
            owner = owners.get(page.content_owner_id)
            page.owner_name = (owner.get_full_name() or owner.get_username()) if owner else ""
            page.owner_email = owner.email if owner else ""
            page.page_type = page.content_type.model_class()._meta.verbose_name
            page.stage_label = reviews.ReviewStage(reviews.stage_for(page.review_by, today)).label
        return pages


class ReviewReportMenuItem(MenuItem):
    def is_shown(self, request):
        return PagePermissionPolicy().user_has_any_permission(request.user, REPORT_PERMISSIONS)


# A community page lists the guides in its own guide index (`communities.queries`).
hooks.register("community_guides", queries.community_guides)
# A person's page lists the guides they look after, after their discussions.
hooks.register(PERSON_SECTIONS, queries.PersonGuides, order=300)


@hooks.register("register_admin_urls")
def register_review_report_urls():
    return [
        path("reports/reviews/", ReviewReportView.as_view(), name="guides_review_report"),
        path(
            "reports/reviews/results/",
            ReviewReportView.as_view(results_only=True),
            name="guides_review_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_review_report_menu_item():
    return ReviewReportMenuItem(
        _("Pages due for review"),
        reverse("guides_review_report"),
        name="pages-due-for-review",
        icon_name="time",
        order=750,
    )


class PersonGuideAdmin(ModelAdmin):
    """A read-only listing: completions and acknowledgements are made on the guide itself."""

    search_fields = PERSON_SEARCH_FIELDS
    list_select_related = ("user", "guide")
    permission_helper_class = ReadOnlyPermissionHelper


class CompletionAdmin(PersonGuideAdmin):
    model = GuideCompletion
    menu_label = _("Completions")
    menu_icon = "tick"
    list_display = ("user", "guide", "completed_at")
    ordering = ("-completed_at",)


class AcknowledgementAdmin(PersonGuideAdmin):
    model = Acknowledgement
    menu_label = _("Acknowledgements")
    menu_icon = "success"
    list_display = ("user", "guide", "acknowledged_at")
    ordering = ("-acknowledged_at",)


@modeladmin_register
class GuidesAdminGroup(ModelAdminGroup):
    menu_label = _("Guides")
    menu_icon = "doc-full"
    items = (CompletionAdmin, AcknowledgementAdmin)
