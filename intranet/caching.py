"""Fragments of pages that many readers share, cached in their templates.

A template caches such a fragment with Wagtail's `{% wagtailcache %}` (or
`{% wagtailpagecache %}` in a page's own template, which adds the page's
`cache_key` and the site). Wagtail's tags render afresh in a preview, so a
draft never reaches a reader. A fragment is keyed on what it shows: whose it
is, if it is personal, and the stamps of the data it is built from, with the
language and time zone its words and dates are rendered in:

    {% wagtailcache cache_lifetime "popular" changed.comments LANGUAGE_CODE TIME_ZONE %}

A stamp names some data ("comments", or "conversation:12" for one page's) and
changes whenever that data does: the app that owns the data marks it in its
own `signals.py` (`mark_changed`). Data that belongs to a page also has a
stamp for each part of the page tree it lies in (`below`, marked with
`at_and_above`): a comment in one community renders again the fragments of
that community and of those above it, not of every community. A fragment
keyed on an old stamp is never read again, and the cache drops it in time.
Whether a reader may see or do something is never taken from a fragment:
their buttons and forms stay outside, or the key carries who they are and
what they are kept out of.

`docs/architecture.md` draws the request path through all this.
"""

import uuid

from django.core.cache import cache
from django.db import connection, transaction

from wagtail.models import Page

from intranet.ancestry import path_and_above

# How long a fragment or a stamp lasts. A new stamp makes a fragment stale long
# before; this bounds what a change that sends no signal (`QuerySet.update`)
# leaves behind.
LIFETIME = 10 * 60


def _stamp_key(name: str) -> str:
    return f"changed:{name}"


def _new_stamp() -> str:
    return uuid.uuid4().hex


def stamp(name: str) -> str:
    """The stamp of the data `name`: it changes whenever the data does.

    A stamp never set, marked changed or evicted starts afresh: no fragment was
    keyed on the new one.
    """
    return cache.get_or_set(_stamp_key(name), _new_stamp, LIFETIME)


def mark_changed(*names: str) -> None:
    """The data `names` changed: fragments keyed on their stamps are built again.

    Marked at once and again when the transaction commits: a fragment built
    meanwhile by another request, from the data as it was, is keyed on the
    first new stamp and never read after the second.
    """
    _mark(names)
    if connection.in_atomic_block:
        transaction.on_commit(lambda: _mark(names))


def _mark(names: tuple[str, ...]) -> None:
    # Deleted rather than replaced: the next reader starts a new stamp. One
    # statement on the database cache, where setting each key took four.
    cache.delete_many([_stamp_key(name) for name in names])


def below(name: str, path: str) -> str:
    """The name of the stamp of the data `name` at the page at tree `path` and anywhere
    under it (Wagtail's materialised `Page.path`): `page|stamp_below:"comments"`."""
    return f"{name}:below:{path}"


def at_and_above(name: str, page_id: int) -> list[str]:
    """The stamps to mark when the data `name` of the page `page_id` changed: `below` that
    page and below each page above it, up to Wagtail's root.

    Its path is read with one small query; none when the page is gone (being
    deleted, which marks "pages").
    """
    paths = Page.objects.filter(pk=page_id).values_list("path", flat=True)
    return [stamp for path in paths for stamp in at_and_above_path(name, path)]


def at_and_above_path(name: str, path: str) -> list[str]:
    """`at_and_above` for the page at the tree path `path`, already known: no query."""
    return [below(name, above) for above in path_and_above(path)]


class Stamps:
    """Stamps for templates, `{{ changed.comments }}`, each read from the cache once a render."""

    def __init__(self):
        self.read: dict[str, str] = {}

    def __getitem__(self, name: str) -> str:
        if name not in self.read:
            self.read[name] = stamp(name)
        return self.read[name]
