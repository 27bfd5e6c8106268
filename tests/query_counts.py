"""Counting what one page view costs, for the query-budget tests."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from intranet.caching import mark_changed


def count_queries(client, url, stale=(), warm=1):
    """The queries of a view of `url` after `warm` others; with the stamps `stale` marked
    changed in between, so that what the fragments keyed on them spare is counted too."""
    for _ in range(warm):
        client.get(url)  # warm what Django and Wagtail cache per process (content types)
    mark_changed(*stale)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def assert_cost_does_not_grow(client, pages, small, large, max_queries, stale=(), warm=1):
    """Each page costs the same on the small and the large data set, and no more than the cap.

    `pages` maps a name to a function from one data set's objects to a URL.
    """
    costs = {
        name: (
            count_queries(client, url_of(*small), stale, warm),
            count_queries(client, url_of(*large), stale, warm),
        )
        for name, url_of in pages.items()
    }
    assert {name: cost for name, cost in costs.items() if cost[0] != cost[1]} == {}
    assert {name: cost for name, cost in costs.items() if cost[1] > max_queries} == {}, costs


def count_cold_queries(client, url):
    """The queries of a view of `url` with the cache empty, as after a deploy or a flush.

    A view before it opens the session and fills Wagtail's and Django's
    per-process caches (site root paths, content types), which survive a flush.
    """
    client.get(url)
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)
