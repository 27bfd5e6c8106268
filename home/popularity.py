"""Popular this week: a ranking fed by several sources of scores.

A source is a function from a start date to {page id: score}. The ranking
weighs and adds them, so another signal (page views, once they are recorded)
is one more entry in `POPULARITY_SOURCES`.
"""

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable

from django.db.models import Count

from conversation.models import Comment, CommentReaction, PageReaction

ScoreSource = Callable[[datetime.datetime], dict[int, float]]


def comment_scores(since: datetime.datetime) -> dict[int, float]:
    """Comments anyone can read, per page, since `since`."""
    rows = (
        Comment.objects.filter(submit_date__gte=since, is_public=True, is_removed=False)
        # No ordering: the model's default would join the GROUP BY.
        .order_by()
        .values("page_id")
        .annotate(total=Count("pk"))
        .values_list("page_id", "total")
    )
    return {page_id: float(total) for page_id, total in rows}


def reaction_scores(since: datetime.datetime) -> dict[int, float]:
    """Reactions to a page and to its comments, per page, since `since`."""
    scores: dict[int, float] = defaultdict(float)
    on_pages = (
        PageReaction.objects.filter(reacted_at__gte=since)
        .order_by()
        .values("page_id")
        .annotate(total=Count("pk"))
        .values_list("page_id", "total")
    )
    on_comments = (
        CommentReaction.objects.filter(reacted_at__gte=since)
        .order_by()
        .values("comment__page_id")
        .annotate(total=Count("pk"))
        .values_list("comment__page_id", "total")
    )
    for page_id, total in [*on_pages, *on_comments]:
        scores[page_id] += total
    return dict(scores)


# (source, weight): a comment says more than a reaction.
POPULARITY_SOURCES: tuple[tuple[ScoreSource, float], ...] = (
    (comment_scores, 3.0),
    (reaction_scores, 1.0),
)


def rank(weighted_scores: Iterable[tuple[dict[int, float], float]]) -> list[int]:
    """Page ids by their weighted total, highest first; ties go to the newer page."""
    totals: dict[int, float] = defaultdict(float)
    for scores, weight in weighted_scores:
        for page_id, score in scores.items():
            totals[page_id] += score * weight
    return sorted(
        (page_id for page_id, total in totals.items() if total > 0),
        key=lambda page_id: (-totals[page_id], -page_id),
    )


def popular_page_ids(since: datetime.datetime, sources=POPULARITY_SOURCES) -> list[int]:
    return rank((source(since), weight) for source, weight in sources)
