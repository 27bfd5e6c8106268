"""Counts of related rows, annotated on each row of a list."""

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce


def count_of(related: QuerySet, pointing_at: str) -> Coalesce:
    """How many rows of `related` point at each annotated row through `pointing_at`.

    A subquery per row rather than a join grouped by row: the join read every
    related row of every listed row before grouping, and a paginated list's
    count carried it too.
    """
    counted = (
        related.filter(**{pointing_at: OuterRef("pk")})
        .order_by()
        .values(pointing_at)
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)
