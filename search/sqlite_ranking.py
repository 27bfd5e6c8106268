"""Relevance ordering on SQLite's full-text index that scores only the best rows.

Ordering by relevance, the stock SQLite compiler filters the model's rows with
one full-text query per index entry of the model, then scores every matching
row with a correlated subquery that reads all the model's index entries again:
a common word over ten thousand profiles costs over a second.
`BestRowsCompiler` asks the full-text index once for the best matches among
the rows the queryset allows, as many as the results need, and then scores
only those rows, each found by its own index entry. The results and their
order are the stock ones.

Imported only on SQLite (`search.backends`): its models exist on no other database.
"""

import functools
import operator

from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
from modelsearch.backends.database.sqlite.sqlite import (
    SQLiteFTSIndexEntry,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
)
from modelsearch.query import MatchAll, Not
from modelsearch.utils import get_descendants_content_types_pks

from django.db.models import Exists, FloatField, OuterRef, Subquery, TextField
from django.db.models.functions import Cast


class BestRowsCompiler(SQLiteSearchQueryCompiler):
    def search(self, config, start, stop, score_field=None):
        query = normalize(self.query)
        if not self.order_by_relevance or stop is None or isinstance(query, MatchAll | Not):
            return super().search(config, start, stop, score_field)
        score_field = score_field or "_score"
        model = self.queryset.model
        key = model._meta.pk.target_field if model._meta.pk.is_relation else model._meta.pk
        scored = (
            SQLiteFTSIndexEntry.objects.filter(
                MatchExpression(
                    self.fields or self.FTS_TABLE_FIELDS,
                    self.build_search_query(query, config=config),
                ),
                index_entry__content_type__in=get_descendants_content_types_pks(model),
            )
            .annotate(score=self.rank(config))
            .values("score")
        )
        # Each matching entry looks up its own row by primary key: a list of every
        # row the queryset allows (ten thousand profiles, cast to text) costs more
        # than the search. Ties go to the newest, as in the stock compiler's ("-pk").
        object_key = Cast("index_entry__object_id", type(key)())
        allowed = self.queryset.order_by().filter(
            pk=Cast(OuterRef("index_entry__object_id"), type(key)())
        )
        best = (
            scored.filter(Exists(allowed))
            .order_by("score", object_key.desc())
            .values("index_entry__object_id")[:stop]
        )
        # Compared as text, the object's key finds its index entry by the index.
        score_of_row = scored.filter(index_entry__object_id=Cast(OuterRef("pk"), TextField()))[:1]
        return (
            self.queryset.filter(pk__in=best)
            .annotate(**{score_field: Subquery(score_of_row, output_field=FloatField())})
            .order_by(score_field, "-pk")[start:stop]
        )

    def rank(self, config):
        """The stock score: each field's rank, times its boost, summed."""
        return functools.reduce(
            operator.add,
            (
                self.build_tsrank(vector, self.query, config=config) * boost
                for vector, boost in self.get_search_vectors()
            ),
        )


class BestRowsSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = BestRowsCompiler
