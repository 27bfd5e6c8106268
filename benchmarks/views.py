from django.http import HttpResponse
from django.views.decorators.http import require_safe


@require_safe
def floor(request):
    """The least a page can cost: every middleware, the login gate included, and no work.

    Not in LOGIN_EXEMPT_URL_NAMES, so only a signed-in person reaches it; the
    benchmark divides each page's time by this one's.
    """
    return HttpResponse(b"floor\n", content_type="text/plain")
