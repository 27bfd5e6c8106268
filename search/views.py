from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from insights import services as insights
from intranet.view_restrictions import not_passed
from search import services
from search.forms import FeedbackForm
from search.query import clean_query
from search.results import CommunityPicker, SearchResults


@require_GET
def search(request):
    """Results across the intranet for the `query` parameter, filtered, sorted and paginated."""
    clean = clean_query(request.GET.get("query", ""))
    restricted = not_passed(request)
    filters = services.filters_from(request.GET, restricted.pages)
    results = SearchResults(request, clean, filters, restricted) if clean.terms else None
    # Counted once per search, not again for each further page of it; a blank
    # query is not a search.
    if results is not None:
        searched_earlier = None
        if "page" not in request.GET:
            searched_earlier = services.record_search(clean, found=results.summary.found)
            # The engagement figures count searches and searchers, never the words.
            insights.record_search(request.user, " ".join(clean.terms), results.summary.count)
        results.cache_if_searched_earlier(searched_earlier)
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "search_query": clean.text,
            "query": clean,
            "results": results,
            "filters": filters,
            "community_picker": CommunityPicker(restricted, filters.community),
            "kinds": services.Kind.choices,
            "sorts": services.Sort.choices,
            "feedback_form": FeedbackForm(initial={"query": clean.text}),
            # The pagination links keep this reader's own words and filters.
            "page_query": _query_without_page(request),
        },
    )


def _query_without_page(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@require_GET
def suggest(request):
    """Titles and people matching what is typed in the search box, for its list of suggestions."""
    clean = clean_query(request.GET.get("query", ""))
    suggestions = services.suggest(clean, request)
    # Read out by screen readers, since the list appears without focus moving.
    status = ngettext(
        "%(count)d suggestion, use the arrow keys to choose",
        "%(count)d suggestions, use the arrow keys to choose",
        len(suggestions),
    ) % {"count": len(suggestions)}
    return JsonResponse({"suggestions": suggestions, "status": status if suggestions else ""})


@require_POST
def feedback(request):
    """Keep the answer to "What were you looking for?" and go back to the results."""
    form = FeedbackForm(request.POST)
    query = clean_query(request.POST.get("query", "")).text
    if form.is_valid():
        form.save()
        messages.success(request, _("Thank you: the team will read what you were looking for."))
    else:
        messages.error(request, _("Write what you were looking for before sending it."))
    return redirect(f"{reverse('search')}?{urlencode({'query': query})}")
