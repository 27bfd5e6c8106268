"""Wagtail hooks of the intranet as a whole."""

from django_tasks_db.models import DBTaskResult

from django.http import Http404
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import PageViewRestriction
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from intranet import exports
from intranet.admin_listings import ReadOnlyPermissionHelper
from intranet.view_restrictions import kept_out_by_groups, outside

# Before Wagtail's own view-restriction check (order 0), which sends the reader to a login page.
BEFORE_WAGTAILS_CHECK = -10


@hooks.register("on_serve_page", order=BEFORE_WAGTAILS_CHECK)
def not_found_outside_its_groups(serve):
    """A signed-in reader outside a page's groups finds no page there, as at any address that
    names it (`intranet.view_restrictions.readable_or_404`).

    Wagtail would send them to sign in again, which tells them the page exists
    and can do nothing for them: everyone here has signed in already. A page
    behind a password still asks for it, through Wagtail's own form.
    """

    def serve_or_not_found(page, request, args, kwargs):
        _not_found_outside_its_groups(page.get_view_restrictions(), request)
        return serve(page, request, args, kwargs)

    return serve_or_not_found


@hooks.register("before_serve_document", order=BEFORE_WAGTAILS_CHECK)
def document_not_found_outside_its_groups(document, request):
    """The same for a document in a collection behind groups: a 404, as for a file name that
    does not match, rather than Wagtail's login page, which tells the document exists."""
    _not_found_outside_its_groups(document.collection.get_view_restrictions(), request)


def _not_found_outside_its_groups(restrictions, request) -> None:
    for restriction in restrictions:
        # A page's and a collection's restrictions name their kinds alike.
        if restriction.restriction_type in (
            PageViewRestriction.GROUPS,
            PageViewRestriction.LOGIN,
        ) and not restriction.accept_request(request):
            raise Http404


# The admin's page explorer and chooser list every page to anyone with the
# admin; a page behind groups, and everything below it, stays out of them for
# those outside its groups, as on the site (a closed or secret community's
# discussions, `communities.visibility`).
@hooks.register("construct_explorer_page_queryset")
def explorer_leaves_out_what_groups_keep_from_the_editor(parent_page, pages, request):
    return outside(pages, kept_out_by_groups(request).pages)


@hooks.register("construct_page_chooser_queryset")
def chooser_leaves_out_what_groups_keep_from_the_editor(pages, request):
    return outside(pages, kept_out_by_groups(request).pages)


@hooks.register("insert_global_admin_js")
def accessible_names_for_wagtails_own_controls():
    """The tag field's typing box, the rich text editor and the chooser modals get a name
    (see the script for why)."""
    return format_html('<script src="{}" defer></script>', static("js/admin-accessible-names.js"))


class BackgroundTaskAdmin(ModelAdmin):
    """The tasks of the database backend: queued (waiting, or a retry waiting out its pause),
    running, succeeded and failed, with each failure's error; read only. Under Settings,
    for administrators. A failed task's page shows its whole traceback."""

    model = DBTaskResult
    menu_label = _("Background tasks")
    menu_icon = "time"
    add_to_settings_menu = True
    permission_helper_class = ReadOnlyPermissionHelper
    inspect_view_enabled = True
    list_display = ("task_path", "status", "enqueued_at", "started_at", "finished_at", "error")
    list_filter = ("status", "queue_name")
    search_fields = ("task_path",)
    ordering = ("-enqueued_at",)

    @staticmethod
    def error(result):
        # A traceback ends with the exception and its message.
        return result.traceback.strip().rpartition("\n")[2]

    error.short_description = _("error")


modeladmin_register(BackgroundTaskAdmin)


@hooks.register("register_admin_urls")
def register_export_urls():
    view = exports.ExportsView
    return [
        path("exports/", view.as_view(), name=view.index_url_name),
        path("exports/results/", view.as_view(results_only=True), name=view.index_results_url_name),
        path("exports/<int:pk>/download/", exports.download, name="export_download"),
    ]


@hooks.register("register_reports_menu_item")
def register_exports_menu_item():
    # Last in Reports: where the long exports of the reports above wait until they are ready.
    return MenuItem(
        exports.ExportsView.page_title,
        reverse(exports.ExportsView.index_url_name),
        name="exports",
        icon_name="download",
        order=10000,
    )
