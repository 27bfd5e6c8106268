"""On SQLite, relevance ordering scores only the best rows and finds what the stock one finds."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.search.backends import get_search_backend

from communities.models import DiscussionPage
from guides.models import GuidePage
from people.models import Profile

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the faster ordering is SQLite's alone"
)

QUERIES = ("leave", "onboarding", "how do I", "team", "security policy", "zzzz")


def best(backend, queryset, query, limit):
    found = backend.search(query, queryset, order_by_relevance=True).annotate_score("_score")
    return [(obj.pk, round(obj._score, 6)) for obj in found[:limit]]


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("limit", [3, 50])
def test_it_finds_and_orders_what_the_stock_compiler_does(seeded, query, limit):
    from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

    from search.sqlite_ranking import BestRowsSQLiteSearchBackend

    stock, ours = SQLiteSearchBackend({}), get_search_backend()
    assert isinstance(ours, BestRowsSQLiteSearchBackend)
    for queryset in (
        Profile.objects.all(),
        DiscussionPage.objects.live(),
        GuidePage.objects.live().exclude(title__icontains="community"),
    ):
        assert best(ours, queryset, query, limit) == best(stock, queryset, query, limit)


def test_a_common_word_is_scored_for_the_rows_shown_only(seeded):
    """The stock compiler reads every index entry of the model once per matching row."""
    queryset = DiscussionPage.objects.live()
    assert len(best(get_search_backend(), queryset, "how", 50)) > 2
    with CaptureQueriesContext(connection) as captured:
        best(get_search_backend(), queryset, "how", 2)
    (sql,) = [q["sql"] for q in captured.captured_queries if "MATCH" in q["sql"]]
    # The best rows are limited inside the query, before any row is scored.
    assert "LIMIT 2)" in sql
