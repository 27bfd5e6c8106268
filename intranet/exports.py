"""Spreadsheet exports too long for a request, built by the worker and emailed when ready.

A report's "Download CSV" or "Download Excel" with more than
EXPORT_IN_BACKGROUND_ROWS rows answers at once with a redirect to "Your
exports", and queues `build_export_task`. The worker asks the report's own
view for the same address and filters, as the person who asked (so the
view's permission checks run again, at build time), stores the file, and
emails a link. "Your exports" shows each one waiting, being built, ready
or failed; only the person who asked may download it.
"""

import posixpath
import re
import tempfile
from urllib.parse import urlsplit

from django_tasks import task

from django.conf import settings
from django.contrib import messages
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.sessions.middleware import SessionMiddleware
from django.core.files import File
from django.core.mail import send_mail
from django.http import FileResponse, Http404, HttpRequest, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import resolve, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView

from intranet.background import enqueue_with_transaction
from intranet.models import Export
from intranet.retries import NotRetried

FILENAME = re.compile(r'filename="([^"]+)"')


def row_count(rows) -> int:
    return len(rows) if isinstance(rows, list) else rows.count()


def queue(request, title: str, rows: int, export_format: str):
    """Record the export the request asks for, queue it, and send its person to their exports.

    The same export asked for again while it waits or is being built is not
    queued twice: each click would otherwise add a build and an email.
    """
    asked = {
        "requested_by": request.user,
        "path": request.path,
        "query": request.GET.urlencode(),
        "format": export_format,
    }
    waiting_or_building = (Export.Status.QUEUED, Export.Status.RUNNING)
    waiting = Export.objects.filter(**asked, status__in=waiting_or_building).first()
    if waiting is not None:
        messages.info(
            request, _("“%(title)s” is already being prepared.") % {"title": waiting.title}
        )
        return redirect("exports")
    export = Export.objects.create(**asked, title=str(title), rows=rows)
    enqueue_with_transaction(build_export_task, export.pk)
    messages.success(
        request,
        _(
            "“%(title)s” has %(rows)s rows: it is being prepared. You will get an email "
            "when it is ready to download, and it is listed here."
        )
        % {"title": export.title, "rows": f"{export.rows:,}"},
    )
    return redirect("exports")


def _request_as(export: Export) -> HttpRequest:
    """The GET that asked for the export, as its person, for the report's view."""
    base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    request = HttpRequest()
    request.method = "GET"
    request.path = request.path_info = export.path
    request.GET = QueryDict(export.query)
    request.META = {
        "HTTP_HOST": base.netloc,
        "SERVER_NAME": base.hostname or "localhost",
        "SERVER_PORT": str(base.port or (443 if base.scheme == "https" else 80)),
    }
    request.user = export.requested_by
    # A fresh, unsaved session and a place for the messages the admin's views
    # leave, as when they refuse the person: what their middleware gives a request.
    for middleware in (SessionMiddleware, MessageMiddleware):
        middleware(lambda request: None).process_request(request)
    # The view builds the spreadsheet itself rather than queueing it again.
    request.building_export = export
    return request


class ExportRefused(NotRetried):
    """The report answered with something other than a spreadsheet (its person lost access)."""


BUILD_FAILED = _(
    "The file could not be built. It is tried again a few times; if it still fails, "
    "an administrator can see why under Settings, Background tasks."
)


@task()
def build_export_task(export_id: int) -> str:
    """Build the export and email its person; a retry after a failure builds it again."""
    export = Export.objects.select_related("requested_by").filter(pk=export_id).first()
    if export is None or export.status == Export.Status.READY:
        return "nothing to do"
    Export.objects.filter(pk=export.pk).update(status=Export.Status.RUNNING, error="")
    try:
        _build(export)
    except Exception as error:
        # The person reads why in words; the task's record keeps the traceback for
        # the administrators (Settings → Background tasks). A refusal is not
        # retried (`NotRetried`): asking again would be refused again.
        reason = str(error) if isinstance(error, ExportRefused) else str(BUILD_FAILED)
        Export.objects.filter(pk=export.pk).update(
            status=Export.Status.FAILED, error=reason, finished_at=timezone.now()
        )
        raise
    _email(export)
    return export.file.name


def _build(export: Export) -> None:
    if not export.requested_by.is_active:
        raise ExportRefused(_("The person who asked for it can no longer sign in."))
    match = resolve(export.path)
    response = match.func(_request_as(export), *match.args, **match.kwargs)
    found = FILENAME.search(response.get("Content-Disposition", ""))
    if response.status_code != 200 or found is None:
        # The report's view sent them elsewhere, or said no: they may no longer read it.
        raise ExportRefused(
            _("The report refused to build it: you may no longer have access to it.")
        )
    chunks = response.streaming_content if response.streaming else [response.content]
    with tempfile.TemporaryFile() as spooled:
        for chunk in chunks:
            spooled.write(chunk)
        spooled.seek(0)
        export.file.save(found.group(1), File(spooled), save=False)
    export.status = Export.Status.READY
    export.error = ""
    export.finished_at = timezone.now()
    export.save(update_fields=["file", "status", "error", "finished_at"])


def _email(export: Export) -> None:
    """Tell the person it is ready, once: the row is marked before the email goes."""
    person = export.requested_by
    if not person.email:
        return
    claimed = Export.objects.filter(pk=export.pk, emailed_at=None).update(emailed_at=timezone.now())
    if not claimed:
        return
    context = {
        "export": export,
        "person": person,
        "exports_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("exports"),
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    subject = render_to_string("intranet/export_ready_subject.txt", context)
    send_mail(
        " ".join(subject.split()),
        render_to_string("intranet/export_ready_email.txt", context),
        None,
        [person.email],
    )


class ExportsView(ReportView):
    """The person's own exports, newest first, with their state and, once ready, a link."""

    page_title = _("Your exports")
    header_icon = "download"
    template_name = "intranet/exports.html"
    index_url_name = "exports"
    index_results_url_name = "exports_results"
    paginate_by = 50
    # The list of exports is not a report: it offers no spreadsheet of its own.
    FORMATS = ()
    columns = [
        TitleColumn(
            "title",
            label=_("Report"),
            get_url=lambda export: (
                reverse("export_download", args=[export.pk])
                if export.status == Export.Status.READY
                else None
            ),
        ),
        Column("format", label=_("Format"), accessor=lambda export: export.format.upper()),
        Column("rows", label=_("Rows")),
        Column("status", label=_("Status"), accessor="get_status_display"),
        DateColumn("requested_at", label=_("Requested")),
        Column("error", label=_("What went wrong")),
    ]

    def get_queryset(self):
        return Export.objects.filter(requested_by=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        waiting = (Export.Status.QUEUED, Export.Status.RUNNING)
        context["still_working"] = self.get_queryset().filter(status__in=waiting).exists()
        return context


def download(request, pk: int):
    """The file of one of the person's own ready exports; anyone else's is a 404."""
    export = get_object_or_404(Export, pk=pk, requested_by=request.user, status=Export.Status.READY)
    if not export.file:
        raise Http404
    return FileResponse(
        export.file.open("rb"), as_attachment=True, filename=posixpath.basename(export.file.name)
    )
