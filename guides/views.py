"""Thin views over `services` and `queries`: read the request, call, answer."""

import csv

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from wagtail.models import Site
from wagtail.views import serve

from guides import queries, services
from guides.models import GuidePage
from intranet.spreadsheets import as_text
from intranet.view_restrictions import readable_or_404


def index(request):
    """The intranet's guide index, wherever the page tree keeps it.

    Served through Wagtail when its address is this one (the "Guides" page
    the migration creates), so the header's link always lands on it.
    """
    page = queries.main_guide_index(Site.find_for_request(request))
    if page is None:
        raise Http404(_("There is no guide index yet."))
    url = page.get_url(request)
    if url != request.path:
        return redirect(url)
    return serve(request, request.path)


def _live_guide(request, pk: int) -> GuidePage:
    """The guide, if published and the reader passes its view restrictions; else a 404."""
    return readable_or_404(request, get_object_or_404(GuidePage.objects.live(), pk=pk))


def _back_to(request, guide: GuidePage):
    """Where the form came from (a learning path, say), else the guide."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(guide.url)


@require_POST
def complete(request, pk):
    guide = _live_guide(request, pk)
    if services.complete_guide(request.user, guide):
        messages.success(request, _("“%(guide)s” is marked as completed.") % {"guide": guide.title})
    else:
        messages.info(request, _("You had already completed “%(guide)s”.") % {"guide": guide.title})
    return _back_to(request, guide)


@require_POST
def acknowledge(request, pk):
    guide = _live_guide(request, pk)
    try:
        new = services.acknowledge(request.user, guide)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
        return redirect(guide.url)
    if new:
        messages.success(request, _("Thank you: your acknowledgement is recorded."))
    else:
        messages.info(request, _("You had already acknowledged this guide."))
    return redirect(guide.url)


def acknowledgements(request, pk):
    guide = _live_guide(request, pk)
    # NotForYou is a PermissionDenied: anyone but the owner and the team gets a 403.
    done, pending = services.acknowledgement_report(request.user, guide)
    return TemplateResponse(
        request,
        "guides/acknowledgements.html",
        {
            "guide": guide,
            "acknowledged": done,
            "pending": pending,
            "latest_reminder": services.latest_reminder(guide),
            "reminder_hours": int(services.REMINDER_INTERVAL.total_seconds() // 3600),
        },
    )


@require_POST
def remind(request, pk):
    guide = _live_guide(request, pk)
    try:
        reminder = services.remind(request.user, guide)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        messages.success(
            request,
            ngettext(
                "A reminder is on its way to %(count)d person.",
                "A reminder is on its way to %(count)d people.",
                reminder.recipient_count,
            )
            % {"count": reminder.recipient_count},
        )
    return redirect("guides:acknowledgements", pk=guide.pk)


def _person_cells(person) -> list:
    return [as_text(person.get_username()), as_text(person.get_full_name()), as_text(person.email)]


def acknowledgements_csv(request, pk):
    guide = _live_guide(request, pk)
    done, pending = services.acknowledgement_report(request.user, guide)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="acknowledgements-{guide.pk}.csv"'
    writer = csv.writer(response)
    writer.writerow([_("Username"), _("Name"), _("Email"), _("Acknowledged at")])
    for ack in done:
        writer.writerow([*_person_cells(ack.user), ack.acknowledged_at.isoformat()])
    for person in pending:
        writer.writerow([*_person_cells(person), ""])
    return response
