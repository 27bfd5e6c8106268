"""Cached blocks of pages, invalidated by versions.

What is the same for many readers is kept here: the home page's blocks, a
conversation's threads and who reacted to a page, a community's lists, a
person's sections, the directory, pages of search results, the insights
dashboard, the page each address names and the Wagtail site of each host.
Each block is kept with the versions of what it is built from: a global topic
("discussions", "activity", PAGES…) and, for personal blocks, the person's own
version. A signal bumps a version when its data changes (`home.signals`,
`insights.signals`, `people.signals`, `search.signals`, `conversation.threads`,
`intranet.site_lookup`), so the next read finds the block out of date and
rebuilds it. Whether a reader may see or do something is decided from the
database, never from a kept block. This works the same
on Redis, on the file cache of a deployment without Redis and on the suite's
local memory, with no key scanning. A large block read on every view can also
be held in the process's memory (`in_process`), still checked against the
versions in the cache on every request.

Every block is kept for one language and one time zone, since its dates and
words are rendered in them. A preview (an editor's live preview, "View draft",
a revision) neither reads nor fills a block: it shows a draft that nobody else
may see (`PreviewMiddleware`).
"""

import functools
import hashlib
import logging
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable
from contextvars import ContextVar
from pathlib import Path
from typing import Any

import django
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone, translation

import wagtail

from intranet.request_memo import once_per_request

logger = logging.getLogger(__name__)

PREFIX = "blocks"
# A topic every block is built from, for `forget_everything`.
EVERYTHING = "everything"
# People's names, faces and accounts: the blocks that show them, in any app,
# are built from this topic too; `people.signals` bumps it.
PROFILES = "profiles"
# The page tree as served: a page published, unpublished or moved, a community
# created or deleted, or a conversation locked (`home.signals`,
# `conversation.services`).
PAGES = "pages"


# Blocks a process also holds in memory (`cached_block(..., in_process=True)`):
# the most recently used, by key, each with the versions it was built from and
# when it expires. Pages of threads, guides, admin menus and dashboards share
# them: a page of a long conversation is the largest, some 100 KB.
IN_PROCESS_BLOCKS = 256
_in_process: OrderedDict[str, tuple[tuple, Any, float]] = OrderedDict()
_in_process_lock = threading.Lock()
_NOT_HELD = object()

# Set for the length of a preview request (`PreviewMiddleware`).
_previewing: ContextVar[bool] = ContextVar("intranet_previewing", default=False)


class PreviewMiddleware:
    """Marks Wagtail's preview requests, so that no kept block is read or filled by one.

    Wagtail serves a preview through the whole middleware chain with a request
    it builds itself and marks `is_dummy` for middleware
    (`wagtail.models.PreviewableMixin.make_preview_request`); the view then
    sets `is_preview`, too late for a middleware to see. A block built from a
    draft, or in the editor's own time zone, must never reach a reader.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _previewing.set(getattr(request, "is_dummy", False))
        try:
            return self.get_response(request)
        finally:
            _previewing.reset(token)


def _version_key(topic: str) -> str:
    # Shared by every release: a change bumped by one makes the others' blocks stale too.
    return f"{PREFIX}:version:{topic}"


def block_key(name: str) -> str:
    """The cache key of block `name` in the active language and time zone."""
    language = translation.get_language() or ""
    return f"{PREFIX}:{release()}:{language}:{timezone.get_current_timezone_name()}:{name}"


def digest(parts) -> str:
    """A short name for `parts` (plain values, in an order of their own) in a block's name.

    For what a key must tell apart but could be longer than a cache key may be:
    an address, the places a reader is kept out of, a set of communities.
    """
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


@functools.cache
def release() -> str:
    """A fingerprint of the code that builds and reads the blocks.

    A block is a value shaped by the code that built it (a dict, some HTML, a
    model instance). Kept per release, a block is never read by code that
    expects another shape: after an upgrade, or while old and new app servers
    serve side by side during one. Read once per process, as it starts
    (`intranet.apps`), so that it is the code the process runs.
    """
    base = Path(settings.BASE_DIR).resolve()
    # The intranet's own apps sit at the top of the checkout; the packages it
    # uses count by their version.
    folders = [
        folder
        for folder in (Path(config.path).resolve() for config in apps.get_app_configs())
        if folder.parent == base
    ]
    return fingerprint(base, folders, f"{django.__version__} {wagtail.__version__}")


def fingerprint(base: Path, folders: list[Path], versions: str) -> str:
    """A digest of the Python and templates in `folders` (paths taken from `base`), and of
    `versions`.

    Settings are left out: a server's own local settings would set it apart
    from the others running the same code. A file that cannot be read counts
    by its name, rather than stopping every page.
    """
    digest = hashlib.sha256(versions.encode())
    files = 0
    for folder in sorted(folders):
        for path in sorted([*folder.rglob("*.py"), *folder.rglob("*.html")]):
            name = path.relative_to(base)
            if "settings" in name.parts:
                continue
            digest.update(str(name).encode())
            try:
                digest.update(path.read_bytes())
            except OSError:
                logger.warning("Cannot read %s for the release's fingerprint", path)
            files += 1
    if not files:
        logger.warning("No code found for the release's fingerprint under %s", base)
    return digest.hexdigest()[:12]


def user_topic(user_id: int) -> str:
    return f"user:{user_id}"


def bump(*topics: str) -> None:
    """Everything built from these topics is stale from now on, and again once the current
    transaction commits.

    A block rebuilt while the change is still uncommitted (another request, in
    the middle of a long import) reads the data as it was before, under the new
    version; the second bump keeps it from lasting.
    """
    _bump(topics)
    if connection.in_atomic_block:
        transaction.on_commit(lambda: _bump(topics))


def forget_everything() -> None:
    """Every block is stale from now on: after a bulk load or a restore, which send no signals.

    The cache outlives the processes that filled it (files on disk, or
    Redis), so blocks built from the data as it was would otherwise be found.
    """
    bump(EVERYTHING)


def _bump(topics: tuple[str, ...]) -> None:
    # A new random version rather than an increment: the file cache has no
    # atomic increment, and two processes adding one to the same number at
    # once would both write the same version.
    versions = {_version_key(topic): _new_version() for topic in topics}
    cache.set_many(versions, None)
    _known_versions().update(versions)


def _known_versions() -> dict:
    """The versions this request has read or bumped so far (outside a request, none).

    A page builds several blocks from the same topics ("everything", the
    profiles, the page tree…); each version is read from the cache once a
    request, which on the file cache is one file read each. A change another
    process makes meanwhile is seen by the next request, as if this one had
    read every version as it started.
    """
    return once_per_request(("block versions",), dict)


def _new_version() -> str:
    return uuid.uuid4().hex


def cached_block(
    name: str,
    topics: tuple[str, ...],
    build: Callable[[], Any],
    timeout: int,
    keep: Callable[[Any], bool] | None = None,
    in_process: bool = False,
) -> Any:
    """The block `name` as last built from the current versions of `topics`.

    The block is kept with the versions it was built from, and read together
    with the current ones in one round trip to the cache; it is used only if
    they still match. A rebuilt block replaces the old one under the same key.
    A block `keep` turns down is returned but not kept: a page past the last of
    a list, say (`intranet.paging.cached_page`).

    With `in_process`, the process also holds the block in memory, and reads
    it from the cache only when the versions have moved on or its lifetime
    has passed: for large blocks read on every view (a page of a
    conversation), whose reading and unpacking was a tenth of the page. Only
    for values nobody changes once built: every request gets the same object.
    The versions are still read from the cache on every request, so a change
    any process makes is seen at once.

    In a preview the block is built, never read nor kept.
    """
    if _previewing.get():
        return build()
    version_keys = [_version_key(topic) for topic in (EVERYTHING, *topics)]
    key = block_key(name)
    known = _known_versions()
    asked = [version_key for version_key in version_keys if version_key not in known]
    wanted = asked if in_process else [*asked, key]
    # Every version already read: an in-process block then asks the cache nothing.
    found = cache.get_many(wanted) if wanted else {}
    missing = {version_key: _new_version() for version_key in asked if version_key not in found}
    if missing:
        # Never set, or evicted: a fresh start that no kept block was built from.
        cache.set_many(missing, None)
        found.update(missing)
    known.update({version_key: found[version_key] for version_key in asked})
    versions = tuple(known[version_key] for version_key in version_keys)
    if in_process:
        held = _held(key, versions)
        if held is not _NOT_HELD:
            return held
        kept = cache.get(key)
    else:
        kept = found.get(key)
    if kept is not None and kept[0] == versions:
        value = kept[1]
    else:
        value = build()
        if keep is not None and not keep(value):
            return value
        cache.set(key, (versions, value), timeout)
    if in_process:
        _hold(key, versions, value, timeout)
    return value


def _held(key: str, versions: tuple) -> Any:
    with _in_process_lock:
        held = _in_process.get(key)
        if held is None or held[0] != versions or held[2] <= time.monotonic():
            return _NOT_HELD
        _in_process.move_to_end(key)
        return held[1]


def _hold(key: str, versions: tuple, value: Any, timeout: int) -> None:
    # A block read from the cache may have been kept there a while already:
    # held for its full lifetime again, it lasts at most twice that.
    with _in_process_lock:
        _in_process[key] = (versions, value, time.monotonic() + timeout)
        _in_process.move_to_end(key)
        while len(_in_process) > IN_PROCESS_BLOCKS:
            _in_process.popitem(last=False)


# The fragment cache: what templates cache, and how they key it.
#
# A template caches a fragment that many readers share with Wagtail's
# `{% wagtailcache %}` (`{% wagtailpagecache %}` in a page's own template),
# which renders it afresh in a preview. The fragment is keyed on what it
# shows: `page.cache_key`, whose person it is for, and the stamps of the data
# it is built from, with the language and time zone its dates and words are
# rendered in:
#
#   {% wagtailcache cache_lifetime "popular" changed.activity LANGUAGE_CODE TIME_ZONE %}
#
# A stamp names some data ("comments", or "conversation:12" for one page's)
# and changes whenever that data does: the app that owns the data marks it in
# its own `signals.py` (`mark_changed`). A fragment keyed on an old stamp is
# never read again, and the cache drops it in time.

# How long a fragment or a stamp lasts: new stamps make fragments stale long
# before; this only bounds what a change that sends no signal
# (`QuerySet.update`) leaves behind.
LIFETIME = 10 * 60


def _stamp_key(name: str) -> str:
    return f"changed:{name}"


def _new_stamp() -> str:
    return uuid.uuid4().hex


def stamp(name: str) -> str:
    """The stamp of the data `name`: it changes whenever the data does.

    A stamp never set, or evicted, starts afresh: no fragment was keyed on it.
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
    cache.set_many({_stamp_key(name): _new_stamp() for name in names}, LIFETIME)


class Stamps:
    """Stamps for templates, `{{ changed.comments }}`, each read from the cache once a render."""

    def __init__(self):
        self.read: dict[str, str] = {}

    def __getitem__(self, name: str) -> str:
        if name not in self.read:
            self.read[name] = stamp(name)
        return self.read[name]
