"""The insights dashboard and the printable summary, in the Wagtail admin.

Both read only roll-ups and aggregates: no view here lists a person.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django.views.defaults import permission_denied

from wagtail.models import Page

from communities.models import CommunityPage
from insights import dashboard, services
from insights.dashboard_body import DashboardBody, chosen_community, own_community
from insights.forms import HelpfulForm, SuggestionFilterForm, SuggestionForm
from insights.health import health_of, last_complete_day
from insights.models import Suggestion
from insights.services import request_scope
from insights.themes import feedback_themes
from intranet.paging import paginate
from intranet.view_restrictions import may_read


def forbidden(request):
    """A plain 403, rather than the admin's redirect home, so nothing is hinted at."""
    return permission_denied(request, PermissionDenied())


def dashboard_view(request):
    scope = request_scope(request)
    if not scope.reads_any:
        return forbidden(request)
    chosen = request.GET.get("community")
    if chosen:
        selected = chosen_community(scope, chosen)
    elif scope.reads_all:
        # Whoever reads every community starts from the whole intranet.
        selected = None
    else:
        selected = own_community(request.user)
    if selected is None and (chosen or not scope.reads_all):
        # Someone else's community, or no community at all: either way not theirs to read.
        return forbidden(request)
    body = DashboardBody(scope, selected, request.GET.get("compared"))
    return TemplateResponse(request, "insights/dashboard.html", {"dashboard": body})


def summary_view(request, community_id: int):
    scope = request_scope(request)
    if not scope.reads_any:
        return forbidden(request)
    community = get_object_or_404(CommunityPage, pk=community_id)
    if not scope.includes(community):
        return forbidden(request)
    end = last_complete_day()
    trend = dashboard.trend(community, end)
    context = {
        "community": community,
        "health": health_of(CommunityPage.objects.filter(pk=community.pk), end).get(community.pk),
        "trend": trend,
        "themes": feedback_themes(community, trend.weeks[0].start, end),
        "end": end,
    }
    return TemplateResponse(request, "insights/summary.html", context)


# Listening

SUGGESTIONS_PER_PAGE = 20
YOU_SAID_PER_PAGE = 20


def _wants_json(request) -> bool:
    # Sent by insights/feedback.js; a plain form post gets a redirect instead.
    return request.headers.get("Accept", "").startswith("application/json")


def _error_texts(error: ValidationError) -> list[str]:
    return [str(text) for text in error.messages]


@require_POST
def helpful(request, page_id):
    page = Page.objects.filter(pk=page_id).first()
    # A page the reader may not open answers as one that does not exist, and so
    # does Wagtail's root page, which has no address: nobody reads it.
    if page is None or page.url is None or not may_read(request, page):
        text = _("That page does not exist, so your answer was not recorded.")
        if _wants_json(request):
            return JsonResponse({"message": str(text)}, status=404)
        messages.error(request, text)
        return redirect("/")

    form = HelpfulForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        vote, is_new = services.answer_helpful(
            request.user, page, form.cleaned_data["helpful"], form.cleaned_data["comment"]
        )
    except ValidationError as error:
        if _wants_json(request):
            return JsonResponse({"message": " ".join(_error_texts(error))}, status=400)
        for text in _error_texts(error):
            messages.error(request, text)
        return redirect(page.url + "#helpful")

    if is_new:
        text = _("Thank you: your answer “%(answer)s” is recorded.")
    else:
        text = _("Your answer is changed to “%(answer)s”.")
    text = text % {"answer": _("Yes") if vote.helpful else _("No")}
    if _wants_json(request):
        return JsonResponse({"message": str(text), "helpful": vote.helpful})
    messages.success(request, text)
    return redirect(page.url + "#helpful")


def suggestions(request):
    """Every suggestion, newest first, with its votes; the form to add one sits above."""
    filter_form = SuggestionFilterForm(request.GET)
    items = services.suggestions_for(request.user)
    status = filter_form.cleaned_data["status"] if filter_form.is_valid() else ""
    if status:
        items = items.filter(status=status)
    return TemplateResponse(
        request,
        "insights/suggestion_list.html",
        {
            "suggestions": paginate(items, request.GET.get("page"), SUGGESTIONS_PER_PAGE),
            "filter_form": filter_form,
            "status": status,
            "form": SuggestionForm(),
            "votable_statuses": services.VOTABLE_STATUSES,
        },
    )


def suggest(request):
    form = SuggestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_suggestion(
                request.user, form.cleaned_data["title"], form.cleaned_data["body"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you: your suggestion is in the box."))
            return redirect("insights:suggestions")
    return TemplateResponse(request, "insights/suggestion_form.html", {"form": form})


def _back_to_suggestions(request):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("insights:suggestions")


def _vote_action(request, pk, action, success_text):
    suggestion = get_object_or_404(Suggestion, pk=pk)
    try:
        action(request.user, suggestion)
    except ValidationError as error:
        for text in _error_texts(error):
            messages.error(request, text)
    else:
        messages.success(request, success_text % {"title": suggestion.title})
    return _back_to_suggestions(request)


@require_POST
def vote(request, pk):
    return _vote_action(request, pk, services.vote_for, _("You back “%(title)s”."))


@require_POST
def withdraw(request, pk):
    return _vote_action(
        request, pk, services.withdraw_vote, _("Your vote for “%(title)s” is withdrawn.")
    )


def you_said_we_did(request):
    return TemplateResponse(
        request,
        "insights/you_said_we_did.html",
        {"items": paginate(services.you_said_we_did(), request.GET.get("page"), YOU_SAID_PER_PAGE)},
    )


# End of Listening.
