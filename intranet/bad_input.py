"""Requests no view can read, refused before any view runs.

A number past the database's integer range makes SQLite raise OverflowError
and PostgreSQL "integer out of range"; a body in a charset Python cannot
decode makes Django raise LookupError or UnicodeError when a view reads the
form. Both were 500s; here each gets a 404 or a 400 in one place, for the
intranet's own views and Wagtail's alike.
"""

import codecs
import inspect
import re
import uuid

from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import BadRequest
from django.db import models
from django.http import Http404
from django.utils.http import parse_header_parameters
from django.utils.translation import gettext_lazy as _

from intranet.middleware import ADMIN_PREFIX

# The largest id any table here stores (a BigAutoField); no row has a larger one.
MAX_ID = 2**63 - 1

# Django answers an urlencoded body in another charset with a 400 of its own
# (HttpRequest.POST); a multipart body and a query string are decoded in
# whatever charset the request declares, so the rule here is Django's, for all.
READABLE_CHARSETS = {"utf-8", "ascii"}

UNREADABLE = _("This intranet reads forms sent in UTF-8 only.")

WHOLE_NUMBER = re.compile(r"[0-9]+")
# Far more digits than MAX_ID has.
MAX_DIGITS = 100

# Query parameters Wagtail's admin reads as numbers without checking them.
ADMIN_NUMBER_PARAMETERS = ("id", "p")
# Its search boxes (listings, choosers) and its API's.
ADMIN_SEARCH_PARAMETERS = ("q", "search")


def is_id_name(name: str) -> bool:
    """Whether a part of an address named so holds a row's id (`pk`, `page_id`, …)."""
    return name in ("pk", "id") or name.endswith(("_pk", "_id"))


def as_number(value) -> int | None:
    """`value` as a whole number, from an int converter or a captured text; else None."""
    if isinstance(value, int):
        return value
    if isinstance(value, str) and WHOLE_NUMBER.fullmatch(value):
        # int() refuses a text of thousands of digits: past the range anyway.
        return int(value) if len(value) <= MAX_DIGITS else MAX_ID + 1
    return None


def is_id(value: str) -> bool:
    """Whether `value`, read from a query string, is a number a row's id can be."""
    number = as_number(value)
    return number is not None and number <= MAX_ID


def is_no_id(value) -> bool:
    """Whether `value`, captured from an address where an id stands, is no row's id: past the
    range, or not a whole number at all (every model here has a whole-number key, though
    Wagtail's listings and choosers capture it as text, for models whose key is text)."""
    return as_number(value) is None or is_out_of_range(value)


def has_uuid_keys(view_func) -> bool:
    """Whether `view_func` is a view of a ModelAdmin whose model has UUID keys: the
    background tasks' results (`intranet.wagtail_hooks.BackgroundTaskAdmin`)."""
    # The admin wraps its views (`require_admin_access`); the ModelAdmin owns the method inside.
    model = getattr(getattr(inspect.unwrap(view_func), "__self__", None), "model", None)
    return model is not None and isinstance(model._meta.pk, models.UUIDField)


def is_uuid(value: str) -> bool:
    try:
        return str(uuid.UUID(str(value))) == str(value)
    except ValueError:
        return False


def is_out_of_range(value) -> bool:
    """Whether `value` is a whole number no row's id can be."""
    number = as_number(value)
    return number is not None and number > MAX_ID


def admin_numbers_fit(query) -> bool:
    """Whether the admin can read the numbers of a query string without a server error.

    Its choosers and API read `id`, some of its listings `p`, with int(); its
    listings' filters (content type, collection, locale, owner…) look ids up.
    What is typed in a search box may be any number.
    """
    for name, values in query.lists():
        for value in values:
            if name in ADMIN_NUMBER_PARAMETERS and not is_id(value):
                return False
            if name not in ADMIN_SEARCH_PARAMETERS and is_out_of_range(value):
                return False
    return True


def is_readable(charset: str | None) -> bool:
    """Whether a body or query string declared in `charset` (or none) is one the intranet reads."""
    if charset is None:
        return True
    try:
        return codecs.lookup(charset).name in READABLE_CHARSETS
    except LookupError:
        return False


def refuse_unreadable_charsets(application):
    """The WSGI application, answering 400 to a request in a charset it cannot read.

    Django decodes the query string as it builds the request, before any
    middleware runs: a codec that is not a text encoding (`rot13`) raises there.
    """

    def guarded(environ, start_response):
        _content_type, params = parse_header_parameters(environ.get("CONTENT_TYPE", ""))
        if not is_readable(params.get("charset")):
            start_response("400 Bad Request", [("Content-Type", "text/plain; charset=utf-8")])
            return [str(UNREADABLE).encode()]
        return application(environ, start_response)

    return guarded


class BadInputMiddleware:
    """A 400 for an unreadable charset, a 404 for an id past the database's range or not a
    number.

    The charset is checked as the request comes in, before any middleware's
    `process_view` (CsrfViewMiddleware's reads the form of every POST).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_readable(request.content_params.get("charset")):
            raise BadRequest(UNREADABLE)
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # Every id the URL resolver captured, whichever converter captured it:
        # Wagtail's modeladmin takes its ids as text, a regex route unnamed.
        named = [value for name, value in view_kwargs.items() if is_id_name(name)]
        if has_uuid_keys(view_func):
            named = [value for value in named if not is_uuid(value)]
        if any(is_out_of_range(value) for value in view_args) or any(map(is_no_id, named)):
            raise Http404
        if request.path.startswith(ADMIN_PREFIX) and not admin_numbers_fit(request.GET):
            raise BadRequest(_("This address asks for a number it does not give."))
        return None

    def process_exception(self, request, exception):
        # Django's admin turns a filter it does not know into a plain listing; the
        # listings of wagtail-modeladmin let the error through as a server error.
        if isinstance(exception, IncorrectLookupParameters):
            raise BadRequest(str(exception)) from exception
        return None
