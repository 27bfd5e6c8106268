"""Tries counted in the cache, for the limits that keep guessers and floods out.

`add` then `incr` are atomic on Redis and on the local-memory cache, so tries
sent at once are counted one by one. The database cache of a deployment without
Redis reads and writes in two steps: a burst of tries sent at once there may be
counted short by several. A count only ever keeps tries out; losing it, with a cleared cache,
gives a fresh allowance, never access.
"""

from django.core.cache import cache


def count_try(key: str, timeout: float | None, *, from_latest: bool = False) -> int:
    """Count one more try under `key`, kept `timeout` seconds; the count, this try included.

    The window runs from the first try, or with `from_latest` from the latest
    one, as django-axes counts failed sign-ins.
    """
    if cache.add(key, 1, timeout):
        return 1
    try:
        tries = cache.incr(key)
    except ValueError:
        # Expired between the two calls: this try starts a new count.
        cache.set(key, 1, timeout)
        return 1
    if from_latest:
        cache.touch(key, timeout)
    return tries
