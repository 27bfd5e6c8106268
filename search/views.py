from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.template.response import TemplateResponse

from wagtail.models import Page

from conversation.queries import add_comment_counts

RESULTS_PER_PAGE = 10
# Longer queries are cut to this many characters before they reach the engine.
MAX_QUERY_LENGTH = 200


def engine_terms(query: str) -> str:
    """The words handed to the search engine.

    Wagtail's SQLite full-text backend wraps each word in double quotes without
    escaping the quotes inside it, so a word such as `href="javascript:x"` ends
    the phrase early and FTS5 fails on `javascript:` as an unknown column. The
    words are what is searched; their quotes never mattered.
    """
    return query.replace('"', " ")


def search(request):
    """Search the published pages the visitor may see."""
    query = request.GET.get("query", "").strip()[:MAX_QUERY_LENGTH]
    results = Page.objects.none()
    if query:
        results = Page.objects.live().public().specific().search(engine_terms(query))

    paginator = Paginator(results, RESULTS_PER_PAGE)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        page = paginator.page(1)
    except EmptyPage:
        page = paginator.page(paginator.num_pages)

    # A list, so the counts set here are on the objects the template shows.
    page.object_list = list(page.object_list)
    add_comment_counts(page.object_list)
    return TemplateResponse(
        request,
        "search/search.html",
        {"search_query": query, "search_results": page},
    )
