"""Community health: a score and a status per community, read from the daily roll-ups.

The method (also in the README):

- reach: the share of members who read or took part in the community in the
  last 28 days (`active_members_28d / members`);
- conversation: half for comments per discussion over the last 28 days (three
  or more scores full marks), half for the share of the discussions started in
  the last 90 days that someone answered;
- freshness: 1 on the day of the latest discussion or comment, falling to 0
  after 30 days.

score = 100 × (0.4 × reach + 0.35 × conversation + 0.25 × freshness)

The status is "quiet" when there was no new discussion or comment in 30 days,
"growing" when it has more members than four weeks before or more discussions
and comments in the last four weeks than in the four before, "steady" otherwise.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, F, Max, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communities.models import CommunityPage, CommunityTeamMember
from insights.models import CommunityDay
from insights.services import subtree_filter

WINDOW = 28
QUIET_AFTER_DAYS = 30
FULL_MARKS_COMMENTS_PER_DISCUSSION = 3
WEIGHTS = {"reach": 0.4, "conversation": 0.35, "freshness": 0.25}

GROWING, STEADY, QUIET = "growing", "steady", "quiet"
STATUS_LABELS = {GROWING: _("Growing"), STEADY: _("Steady"), QUIET: _("Quiet")}


@dataclass(frozen=True)
class Health:
    members: int
    members_before: int
    active_members: int
    views: int
    discussions: int
    comments: int
    completions: int
    contributions_before: int
    recent_discussions: int
    unanswered_discussions: int
    last_activity: datetime.date | None
    end: datetime.date

    @property
    def reach(self) -> float:
        return self.active_members / self.members if self.members else 0.0

    @property
    def comments_per_discussion(self) -> float:
        return self.comments / max(self.discussions, 1)

    @property
    def answered_share(self) -> float:
        if not self.recent_discussions:
            return 0.0
        return 1 - self.unanswered_discussions / self.recent_discussions

    @property
    def conversation(self) -> float:
        depth = min(self.comments_per_discussion / FULL_MARKS_COMMENTS_PER_DISCUSSION, 1.0)
        return 0.5 * depth + 0.5 * self.answered_share

    @property
    def days_since_activity(self) -> int | None:
        return None if self.last_activity is None else (self.end - self.last_activity).days

    @property
    def freshness(self) -> float:
        days = self.days_since_activity
        return 0.0 if days is None else max(0.0, 1 - days / QUIET_AFTER_DAYS)

    @property
    def score(self) -> int:
        return round(
            100
            * (
                WEIGHTS["reach"] * self.reach
                + WEIGHTS["conversation"] * self.conversation
                + WEIGHTS["freshness"] * self.freshness
            )
        )

    @property
    def status(self) -> str:
        days = self.days_since_activity
        if days is None or days >= QUIET_AFTER_DAYS:
            return QUIET
        if (
            self.members > self.members_before
            or self.discussions + self.comments > self.contributions_before
        ):
            return GROWING
        return STEADY

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


def last_complete_day() -> datetime.date:
    """The figures run to yesterday: today is rolled up tonight."""
    return timezone.localdate() - datetime.timedelta(days=1)


def health_of(communities, end: datetime.date | None = None) -> dict[int, Health]:
    """Health of the communities in `communities` (a queryset), by id, in one query.

    A community with no roll-up for `end` is left out: it has not been measured.
    """
    end = end or last_complete_day()
    start = end - datetime.timedelta(days=2 * WINDOW)
    recent = Q(day__gt=end - datetime.timedelta(days=WINDOW))
    before = Q(day__lte=end - datetime.timedelta(days=WINDOW))
    at_end = Q(day=end)
    # Named apart from the model's fields, which Django will not let an
    # aggregate shadow; the prefix is dropped below.
    figures = {
        "members": Sum("members", filter=at_end),
        "members_before": Sum("members", filter=Q(day=end - datetime.timedelta(days=WINDOW))),
        "active_members": Sum("active_members_28d", filter=at_end),
        "recent_discussions": Sum("recent_discussions", filter=at_end),
        "unanswered_discussions": Sum("unanswered_discussions", filter=at_end),
        "views": Sum("views", filter=recent),
        "discussions": Sum("discussions", filter=recent),
        "comments": Sum("comments", filter=recent),
        "completions": Sum("completions", filter=recent),
        "contributions_before": Sum(F("discussions") + F("comments"), filter=before),
    }
    rows = (
        CommunityDay.objects.filter(community__in=communities, day__gt=start, day__lte=end)
        .values("community_id")
        .annotate(
            measured=Count("pk", filter=at_end),
            latest_activity=Max("last_activity", filter=at_end),
            **{f"figure_{name}": aggregate for name, aggregate in figures.items()},
        )
        .order_by()
    )
    health = {}
    for row in rows:
        if row["measured"]:
            health[row["community_id"]] = Health(
                **{name: row[f"figure_{name}"] or 0 for name in figures},
                last_activity=row["latest_activity"],
                end=end,
            )
    return health


def quiet_communities_for(user) -> list:
    """The communities `user`'s teams look after that are quiet, by title.

    For the admin home page's reminder, and any page that wants to show it:
    only the communities the person is on the team of (or below), even for an
    Insights reader, since it asks them to act.
    """
    paths = CommunityTeamMember.objects.filter(user=user).values_list("page__path", flat=True)
    return quiet_communities_below(list(paths))


def quiet_communities_below(paths) -> list:
    """The quiet communities at or below the tree `paths`, by title: for a page that has
    read the paths of a person's teams already."""
    communities = CommunityPage.objects.filter(subtree_filter(paths)).order_by("title")
    health = health_of(communities)
    return [c for c in communities if c.pk in health and health[c.pk].status == QUIET]
