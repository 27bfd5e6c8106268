"""Wagtail's view-restriction passwords, throttled as sign-in is.

Wagtail's password forms take any number of guesses: the one a private page
shows (`wagtail.views.authenticate_with_password`) and the one a document in a
private collection shows (`wagtail.documents.views.serve.authenticate_with_password`),
which a community's collection shares with its page
(`communities.collection_privacy`). These views answer at the same addresses
in their place and hand each try on to Wagtail's: from one address, a
restriction's password may be tried as many times as django-axes lets a
sign-in fail (AXES_FAILURE_LIMIT); then every try, the right password
included, is refused until AXES_COOLOFF_TIME has passed since the last one.
The right password clears the count, as AXES_RESET_ON_SUCCESS does for
sign-in.

Tries are counted in the cache before the password is checked
(`intranet.throttling`). Like sign-in throttling, it is off when AXES_ENABLED
is, as in the test settings.
"""

from axes.helpers import get_cool_off, get_failure_limit

from django.conf import settings
from django.core.cache import cache
from django.http.response import HttpResponseRedirectBase
from django.template.response import TemplateResponse

from wagtail import views as wagtail_views
from wagtail.documents.views import serve as wagtail_documents

from intranet.client_ip import client_ip
from intranet.throttling import count_try


def _throttled(request, key: str, check):
    """`check()`, Wagtail's answer to a password, unless tries under `key` are over the limit."""
    if request.method != "POST" or not settings.AXES_ENABLED:
        return check()
    key = f"{key}:{client_ip(request)}"
    cool_off = get_cool_off(request)
    limit = get_failure_limit(request, None)
    tries = count_try(key, cool_off.total_seconds() if cool_off else None, from_latest=True)
    if tries > limit:
        return _locked_out(request)
    response = check()
    if isinstance(response, HttpResponseRedirectBase):
        # Wagtail redirects once the password is right.
        cache.delete(key)
    elif tries == limit:
        # The last try allowed failed: say so now, as sign-in does.
        return _locked_out(request)
    return response


def _locked_out(request):
    return TemplateResponse(request, "view_password_locked_out.html", status=429)


def page_password(request, page_view_restriction_id, page_id):
    # Per restriction, which holds the password, whichever page below it asks.
    return _throttled(
        request,
        f"page-password:{page_view_restriction_id}",
        lambda: wagtail_views.authenticate_with_password(
            request, page_view_restriction_id, page_id
        ),
    )


def document_password(request, restriction_id):
    return _throttled(
        request,
        f"collection-password:{restriction_id}",
        lambda: wagtail_documents.authenticate_with_password(request, restriction_id),
    )
