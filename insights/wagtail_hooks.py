"""Insights in the Wagtail admin, and the hook that counts page views."""

from django.contrib.admin import SimpleListFilter
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.components import Component
from wagtail.models import Page
from wagtail_modeladmin.helpers import ButtonHelper
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register
from wagtail_modeladmin.views import EditView

from communities.models import CommunityPage
from insights import reports, services, views
from insights.health import quiet_communities_for
from insights.models import FeedbackKind, InboxEntry, Suggestion, SuggestionStatus
from insights.privacy import masked
from insights.services import request_scope
from intranet.admin_listings import ReadOnlyPermissionHelper
from intranet.view_restrictions import kept_out_by_groups, outside


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

# Listening: the feedback inbox and the suggestions the team answers.

# The name wagtail-modeladmin gives the edit view of SuggestionAdmin below.
SUGGESTION_EDIT_URL_NAME = "insights_suggestion_modeladmin_edit"
# Enough of a suggestion's details to triage it from the list.
FEEDBACK_SHOWN_LENGTH = 1000


class InboxPermissionHelper(ReadOnlyPermissionHelper):
    """Read-only; who reads what is `services.can_read_inbox` and `services.inbox_filter`."""

    def user_can_list(self, user):
        return services.can_read_inbox(user)

    def user_can_inspect_obj(self, user, obj):
        return False


class SuggestionPermissionHelper(ReadOnlyPermissionHelper):
    """Suggestions are made on the front end; the Communicators set status and answer."""

    def user_can_list(self, user):
        return services.manages_suggestions(user)

    def user_can_edit_obj(self, user, obj):
        return services.manages_suggestions(user)

    def user_can_delete_obj(self, user, obj):
        # Spam or an abusive post; everything else gets an answer instead.
        return user.is_active and user.is_superuser


class InboxButtonHelper(ButtonHelper):
    """Each row leads to where its feedback can be acted on."""

    def __init__(self, view, request):
        super().__init__(view, request)
        # Asked once per listing, not once per row.
        self.answers_suggestions = services.manages_suggestions(request.user)

    def get_buttons_for_obj(self, obj, **kwargs):
        classname = self.finalise_classname(["button-secondary"])
        if obj.kind == FeedbackKind.SUGGESTION and self.answers_suggestions:
            return [
                {
                    "url": reverse(SUGGESTION_EDIT_URL_NAME, args=[obj.suggestion_id]),
                    "label": _("Answer"),
                    "classname": classname,
                    "title": _("Set the status and answer this suggestion"),
                }
            ]
        if obj.page is not None:
            return [
                {
                    "url": obj.page.get_url(self.request),
                    "label": _("View page"),
                    "classname": classname,
                    "title": _("Open the page this feedback is about"),
                }
            ]
        return []


class CommunityFilter(SimpleListFilter):
    """Feedback on a community and every page inside it."""

    title = _("community")
    parameter_name = "community"

    @staticmethod
    def known(request):
        # Not those a restriction to groups keeps the reader out of: a secret one's name.
        return outside(CommunityPage.objects.all(), kept_out_by_groups(request).pages)

    def lookups(self, request, model_admin):
        return self.known(request).order_by("title").values_list("pk", "title")

    def queryset(self, request, queryset):
        # Anything but a known community's id (a hand-edited URL) shows the whole list,
        # a secret one's as a missing one's.
        community = (
            self.known(request).filter(pk=self.value()).first()
            if (self.value() or "").isdigit()
            else None
        )
        if community is None:
            return queryset
        return queryset.filter(page__path__startswith=community.path)


class PageFilter(SimpleListFilter):
    """Feedback on one page; only the pages with feedback this reader may see are offered."""

    title = _("page")
    parameter_name = "page"

    def lookups(self, request, model_admin):
        readable = InboxEntry.objects.filter(services.inbox_filter(request.user))
        return (
            Page.objects.filter(pk__in=readable.values("page_id"))
            .order_by("title")
            .values_list("pk", "title")
        )

    def queryset(self, request, queryset):
        if not (self.value() or "").isdigit():
            return queryset
        return queryset.filter(page_id=self.value())


class StatusFilter(SimpleListFilter):
    """A suggestion's status; the other kinds of feedback have none."""

    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return SuggestionStatus.choices

    def queryset(self, request, queryset):
        if self.value() not in SuggestionStatus.values:
            return queryset
        return queryset.filter(suggestion__status=self.value())


class InboxAdmin(ModelAdmin):
    """Every piece of feedback, newest first.

    Helpful votes show their comment but not who gave it, and each page's
    yes and no totals show "< 5" below five, so a small count cannot point
    at a person.
    """

    model = InboxEntry
    menu_label = _("Inbox")
    menu_icon = "mail"
    list_display = ("feedback", "kind", "page", "page_totals", "status", "received_at")
    list_filter = ("kind", CommunityFilter, PageFilter, "received_at", StatusFilter)
    list_select_related = ("page", "helpful_vote", "suggestion")
    permission_helper_class = InboxPermissionHelper
    button_helper_class = InboxButtonHelper

    def get_queryset(self, request):
        entries = super().get_queryset(request).filter(services.inbox_filter(request.user))
        return services.with_page_totals(entries)

    @staticmethod
    def feedback(entry):
        heading, text = services.describe_entry(entry)
        return format_html("<strong>{}</strong> {}", heading, text[:FEEDBACK_SHOWN_LENGTH])

    feedback.short_description = _("feedback")

    @staticmethod
    def page_totals(entry):
        if entry.page_id is None:
            return ""
        return _("Yes: %(yes)s · No: %(no)s") % {
            "yes": masked(entry.page_yes),
            "no": masked(entry.page_no),
        }

    page_totals.short_description = _("page's answers")

    @staticmethod
    def status(entry):
        return entry.suggestion.get_status_display() if entry.suggestion else ""

    status.short_description = _("status")


class SuggestionEditView(EditView):
    def form_valid(self, form):
        # The status as it was when the form was opened: the form has already
        # written the new one on the instance.
        previous_status = form.initial["status"]
        response = super().form_valid(form)
        services.tell_the_author(self.instance, previous_status, self.request.user)
        return response


class SuggestionAdmin(ModelAdmin):
    model = Suggestion
    menu_label = _("Suggestions")
    menu_icon = "help"
    list_display = ("title", "status", "vote_count", "created_at", "answered_at")
    list_filter = ("status",)
    search_fields = ("title", "body", "answer")
    permission_helper_class = SuggestionPermissionHelper
    edit_view_class = SuggestionEditView
    panels = [
        FieldPanel("title", read_only=True),
        FieldPanel("body", read_only=True),
        FieldPanel("status"),
        FieldPanel("answer"),
    ]

    def get_queryset(self, request):
        return services.suggestions_for(request.user)

    @staticmethod
    def vote_count(suggestion):
        # How many, never who: the voters are not listed anywhere.
        return suggestion.vote_count

    vote_count.short_description = _("votes")


@modeladmin_register
class FeedbackAdminGroup(ModelAdminGroup):
    menu_label = _("Feedback")
    menu_icon = "mail"
    items = (InboxAdmin, SuggestionAdmin)


# End of Listening.
