"""Popular this week: a ranking fed by several sources of scores.

A source is a function from a start date to grouped queries of (page id,
score) rows; a page's scores in a source add up. The ranking weighs and adds
the sources, all read in one query, so another signal is one more entry in
`POPULARITY_SOURCES`.
"""

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable

from django.apps import apps
from django.db.models import Count, Exists, FloatField, OuterRef, QuerySet, Sum, Value
from django.utils import timezone

from wagtail.models import Page

from conversation.models import Comment, CommentableMixin, CommentReaction, PageReaction
from insights.models import PageDay, PageView

ScoreSource = Callable[[datetime.datetime], list[QuerySet]]


def comment_scores(since: datetime.datetime) -> list[QuerySet]:
    """Comments anyone can read, per page, since `since`."""
    return [
        Comment.objects.filter(submit_date__gte=since, is_public=True, is_removed=False)
        # No ordering: the model's default would join the GROUP BY.
        .order_by()
        .values("page_id")
        .annotate(total=Count("pk"))
        .values_list("page_id", "total")
    ]


def reaction_scores(since: datetime.datetime) -> list[QuerySet]:
    """Reactions to a page and to its comments, per page, since `since`."""
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
    return [on_pages, on_comments]


def _readable_pages():
    """Pages people read for their content: the ones that take comments.

    The home page and the indexes are opened on the way to everything else,
    so their views would crowd out what people actually read.
    """
    models = [model for model in apps.get_models() if issubclass(model, CommentableMixin)]
    return Page.objects.type(*models).values("pk")


def view_scores(since: datetime.datetime) -> list[QuerySet]:
    """Readers per page and day, summed over the days after `since`'s date.

    A view is already counted once per person, page and day. Days the nightly
    roll-up has counted are read from `PageDay` (one row per page and day);
    the others, today and any day not rolled up yet, from the raw `PageView`
    rows, which are kept far longer than a week: two grouped queries, whatever
    the number of views.
    """
    first_day = timezone.localtime(since).date() + datetime.timedelta(days=1)
    today = timezone.localdate()
    days = [first_day + datetime.timedelta(days=n) for n in range((today - first_day).days + 1)]
    pages = _readable_pages()
    rolled_up = PageDay.objects.filter(day__gte=first_day, day__lt=today)
    from_rollups = (
        rolled_up.filter(page_id__in=pages, views__gt=0)
        .order_by()
        .values("page_id")
        .annotate(total=Sum("views"))
        .values_list("page_id", "total")
    )
    from_raw = (
        # The week's days named one by one, and EXISTS rather than IN: SQLite
        # then reads the week's views down the day index, not every view of
        # every readable page down the page index.
        PageView.objects.filter(day__in=days)
        .filter(Exists(pages.filter(pk=OuterRef("page_id"))))
        .exclude(day__in=rolled_up.values("day"))
        .order_by()
        .values("page_id")
        .annotate(total=Count("pk"))
        .values_list("page_id", "total")
    )
    return [from_rollups, from_raw]


# (source, weight): a comment says more than a reaction, and a reaction more
# than a read. Most readers neither react nor comment, so a reader weighs a
# fifth of a reaction: fifteen readers this week rank a page with one that got
# a comment, so conversation still leads, but a guide many read and nobody
# discusses makes the list.
POPULARITY_SOURCES: tuple[tuple[ScoreSource, float], ...] = (
    (comment_scores, 3.0),
    (reaction_scores, 1.0),
    (view_scores, 0.2),
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


def weighted_scores(sources, since: datetime.datetime) -> dict[int, float]:
    """{page id: weighted score} from every source, in one query: a UNION ALL of their parts."""
    parts = [
        part.annotate(weight=Value(weight, output_field=FloatField()))
        for source, weight in sources
        for part in source(since)
    ]
    totals: dict[int, float] = defaultdict(float)
    if parts:
        for page_id, total, weight in parts[0].union(*parts[1:], all=True):
            totals[page_id] += total * weight
    return dict(totals)


def popular_page_ids(since: datetime.datetime, sources=POPULARITY_SOURCES) -> list[int]:
    return rank([(weighted_scores(sources, since), 1.0)])
