"""Cached blocks of pages, invalidated by version numbers.

The home page's blocks, the insights dashboard's top content, the
directory's filters and each person's "people to know" are kept here. Each
block's key carries the versions of what it is built from: a global topic
("discussions", "activity", "insights"…) and, for personal blocks, the
person's own version. A signal bumps a version when its data changes
(`home.signals`, `insights.signals`, `people.signals`), so the next read
misses and rebuilds; stale entries simply expire. This works the same on the
local-memory cache and on Redis, with no key scanning.
"""

import time
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.db import connection, transaction

PREFIX = "blocks"


def _version_key(topic: str) -> str:
    return f"{PREFIX}:version:{topic}"


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


def _bump(topics: tuple[str, ...]) -> None:
    for topic in topics:
        key = _version_key(topic)
        try:
            cache.incr(key)
        except ValueError:
            # Missing (never set, or evicted): a fresh start that cannot
            # collide with a version an old entry was stored under.
            cache.set(key, time.time_ns(), None)


def _versions(topics: tuple[str, ...]) -> str:
    keys = [_version_key(topic) for topic in topics]
    found = cache.get_many(keys)
    missing = {key: time.time_ns() for key in keys if key not in found}
    if missing:
        cache.set_many(missing, None)
        found.update(missing)
    return ".".join(str(found[key]) for key in keys)


def cached_block(name: str, topics: tuple[str, ...], build: Callable[[], Any], timeout: int) -> Any:
    """The block `name` as last built from the current versions of `topics`."""
    key = f"{PREFIX}:{name}:{_versions(topics)}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, timeout)
    return value
