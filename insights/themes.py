"""What people said about a community's pages, as themes a decision maker can read at a glance.

The "Was this page helpful?" answers are summed, and the words that recur in
their comments are counted once per comment. No comment is quoted, and a word
shows only once enough comments use it that it cannot point at one person.
"""

import datetime
import re
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Q

from communities.models import CommunityPage
from insights.models import HelpfulVote
from insights.privacy import is_small

# The newest comments read for the words; enough for themes, bounded in cost.
COMMENTS_READ = 500
THEMES_SHOWN = 8
# Words too common to say anything about a page.
STOP_WORDS = frozenset(
    [
        "about",
        "after",
        "again",
        "also",
        "because",
        "been",
        "before",
        "being",
        "could",
        "does",
        "doing",
        "from",
        "have",
        "here",
        "into",
        "just",
        "like",
        "more",
        "most",
        "much",
        "only",
        "other",
        "over",
        "really",
        "same",
        "should",
        "some",
        "still",
        "such",
        "than",
        "that",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "very",
        "want",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "with",
        "would",
        "your",
    ]
)
WORD = re.compile(r"[^\W\d_]{4,}")


@dataclass(frozen=True)
class FeedbackThemes:
    helpful: int
    not_helpful: int
    # (word, number of comments using it), most used first, each used by at
    # least privacy.THRESHOLD comments.
    words: list[tuple[str, int]]

    @property
    def answers(self) -> int:
        return self.helpful + self.not_helpful


def feedback_themes(
    community: CommunityPage, start: datetime.date, end: datetime.date
) -> FeedbackThemes:
    """The answers given on the community's pages (sub-communities included) between two days."""
    answers = HelpfulVote.objects.filter(
        page__path__startswith=community.path,
        updated_at__date__range=(start, end),
    )
    totals = answers.aggregate(
        yes=Count("pk", filter=Q(helpful=True)), no=Count("pk", filter=Q(helpful=False))
    )
    comments = answers.exclude(comment="").order_by("-updated_at").values_list("comment", flat=True)
    counts = Counter()
    for comment in comments[:COMMENTS_READ]:
        words = {word.lower() for word in WORD.findall(comment)}
        counts.update(words - STOP_WORDS)
    return FeedbackThemes(
        helpful=totals["yes"],
        not_helpful=totals["no"],
        words=[(word, n) for word, n in counts.most_common() if not is_small(n)][:THEMES_SHOWN],
    )
