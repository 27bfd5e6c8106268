from django.core.cache import cache
from django.http import HttpResponse
from django.views.decorators.http import require_POST, require_safe

from wagtail.models import Page

from insights.services import record_view


@require_safe
def floor(request):
    """The least a page can cost: every middleware, the login gate included, and no work.

    Not in LOGIN_EXEMPT_URL_NAMES, so only a signed-in person reaches it; the
    benchmark divides each page's time by this one's.
    """
    return HttpResponse(b"floor\n", content_type="text/plain")


@require_safe
def floor_counting_a_view(request, page_id):
    """The floor plus counting a page as read: its time over the floor's is what insights add
    to every page served. Asked again and again by one person, it times a view the
    process has already counted today, which writes nothing; each person's first view
    of a page in a day adds one insert."""
    record_view(request.user, Page(pk=page_id))
    return HttpResponse(b"floor and a page view\n", content_type="text/plain")


@require_POST
def clear_cache(request):
    """Empty the cache, untimed, so that the benchmark's next request is served cold.

    Django's `cache.clear()`: on the database cache it deletes every row of its
    table, which all gunicorn workers read; on Redis it empties the whole
    Redis database (FLUSHDB), so the benchmark needs a Redis database of its
    own. A memory cache would be cleared in the one worker that answers only,
    so the benchmark refuses to run with one and several workers.
    """
    cache.clear()
    return HttpResponse(b"cache cleared\n", content_type="text/plain")
