"""Twelve weeks of plausible history for the demo, so the dashboard shows trends at once.

`seed_history` writes raw page views and events with `bulk_create`, then runs
the real roll-up over each day, so the demo's figures come out of the same
code as a live intranet's. `HistorySize` sets the volumes: the benchmark data
set calls it with bigger numbers.

What the rest of the seed did "today" (joining, discussions, comments,
completions) is spread back over the weeks, so it reads as history rather
than as one busy day. A few communities stop talking five weeks ago, so the
quiet flag has something to show.

The figures hang together as a real intranet's would: only a community's
members talk in it, and only after they joined; whoever talks on a page or
completes a guide has read it that day; and each top-level community is
livelier or sleepier than the next, so their health differs.
"""

import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from wagtail.models import Page

from communities.models import CommunityPage, DiscussionPage, Membership
from guides.models import GuidePage
from insights import rollups, services
from insights.models import (
    CommunityDay,
    Event,
    EventKind,
    HelpfulVote,
    PageView,
    Suggestion,
    SuggestionStatus,
    SuggestionVote,
)
from intranet.view_restrictions import outside, private_places

# Communities whose conversation stops before the quiet threshold, by title.
QUIET_DEMO_COMMUNITIES = ("Public sector accounts", "Cyber security")
QUIET_FOR_DAYS = 35
# How much more or less a top-level community is read and talked in than the
# intranet's other pages; each is given one in turn, in tree order.
LIVELINESS = (1.0, 0.5, 0.3, 0.9, 0.15, 0.6, 0.25)


@dataclass(frozen=True)
class HistorySize:
    weeks: int = 12
    # The share of people who visit on a working day, at the start and the end:
    # the intranet grows over the weeks.
    visit_share_start: float = 0.25
    visit_share_end: float = 0.5
    pages_per_visit: int = 4
    comments_per_day: int = 10
    reactions_per_day: int = 12
    completions_per_day: int = 2
    searches_per_day: int = 12
    seed: int = 2026


@dataclass
class HistoryReport:
    page_views: int = 0
    events: int = 0
    days: int = 0

    def __str__(self):
        if not self.days:
            return "already there"
        return (
            f"{self.page_views} page views and {self.events} events over {self.days} days, "
            "rolled up"
        )


def _days(today: datetime.date, weeks: int) -> list[datetime.date]:
    return [today - datetime.timedelta(days=n) for n in range(weeks * 7, 0, -1)]


def _moment(day: datetime.date) -> datetime.datetime:
    start, _end = rollups.day_bounds(day)
    return start + datetime.timedelta(hours=10)


class _History:
    def __init__(self, size: HistorySize, today: datetime.date, people: list[int] | None = None):
        self.size = size
        self.rng = random.Random(size.seed)  # noqa: S311 (demo data, not security)
        self.days = _days(today, size.weeks)
        self.today = today
        communities = list(CommunityPage.objects.live().order_by("path"))
        self.subtrees = rollups.Subtrees([(c.pk, c.path) for c in communities])
        top_depth = min((c.depth for c in communities), default=0)
        tops = [c.path for c in communities if c.depth == top_depth]
        self.liveliness = {
            path: LIVELINESS[number % len(LIVELINESS)] for number, path in enumerate(tops)
        }
        quiet_paths = [c.path for c in communities if c.title in QUIET_DEMO_COMMUNITIES]
        self.quiet_since = today - datetime.timedelta(days=QUIET_FOR_DAYS)
        self.is_quiet = lambda path: any(path.startswith(p) for p in quiet_paths)
        if people is None:
            people = get_user_model().objects.filter(is_active=True).values_list("pk", flat=True)
        self.people = list(people)
        # Every seventh page is one nobody reads (and, for a guide, completes),
        # for the "stale content" and "guides nobody completes" reports.
        # Only what everyone reads: anyone may be picked to read or talk, and a
        # closed or secret community's readers are few.
        private = private_places()
        pages = outside(Page.objects.live(), private).filter(depth__gt=2).order_by("path")
        pages = pages.values_list("pk", "path")
        # Discussions and communities are all read: people talk in them.
        self.discussions = list(
            outside(DiscussionPage.objects.live(), private).values_list("pk", "path")
        )
        talked = {pk for pk, _path in self.discussions} | {c.pk for c in communities}
        self.pages = [
            page for number, page in enumerate(pages) if number % 7 != 6 or page[0] in talked
        ]
        self.page_weights = [self.weight(path) for _pk, path in self.pages]
        read = {pk for pk, _path in self.pages}
        guides = GuidePage.objects.live().values_list("pk", flat=True)
        self.guides = [pk for pk in guides if pk in read]
        # Views that come with what people did on a page: (person, page, day).
        self.seen: set[tuple[int, int, datetime.date]] = set()

    def weight(self, path: str) -> float:
        """How lively the top-level community holding `path` is; 1 outside every community."""
        return next((w for top, w in self.liveliness.items() if path.startswith(top)), 1.0)

    def community_of(self, path: str) -> int | None:
        """The innermost community holding `path`, by id."""
        above = self.subtrees.above(path)
        return above[-1] if above else None

    def joined(self) -> dict[tuple[int, int], datetime.date]:
        """When each of the people joined each community, by (person, community)."""
        return {
            (user, community): joined_at.date()
            for user, community, joined_at in Membership.objects.filter(
                user_id__in=self.people
            ).values_list("user_id", "community_id", "joined_at")
        }

    def progress(self, day: datetime.date) -> float:
        """0 on the first day, 1 on the last: activity grows in between."""
        return self.days.index(day) / max(len(self.days) - 1, 1)

    def day_for(self, path: str | None, since: datetime.date | None = None) -> datetime.date:
        """A past day for something the seed did today, from `since` (the day the person
        joined); before the silence in a quiet community when there is such a day."""
        choices = [day for day in self.days if since is None or day >= since] or self.days[-1:]
        if path is not None and self.is_quiet(path):
            choices = [day for day in choices if day < self.quiet_since] or choices
        return self.rng.choice(choices)

    def backdate_seed(self) -> None:
        """Spread what the seed did today over the weeks behind it."""
        memberships = list(Membership.objects.select_related("community"))
        for membership in memberships:
            # A third were members before the weeks shown; the rest joined during them.
            if self.rng.random() < 0.35:
                joined = self.days[0] - datetime.timedelta(days=self.rng.randint(1, 200))
            else:
                joined = self.day_for(None)
            membership.joined_at = _moment(joined)
        Membership.objects.bulk_update(memberships, ["joined_at"])
        joined_on = {(m.user_id, m.community_id): m.joined_at.date() for m in memberships}
        events = list(Event.objects.filter(day=self.today).select_related("page"))
        for event in events:
            if event.kind == EventKind.JOIN:
                event.day = joined_on.get((event.user_id, event.page_id), self.day_for(None))
            elif event.page is None:
                event.day = self.day_for(None)
            else:
                place = self.community_of(event.page.path)
                event.day = self.day_for(event.page.path, joined_on.get((event.user_id, place)))
                self.seen.add((event.user_id, event.page_id, event.day))
        Event.objects.bulk_update(events, ["day"])
        # Joins before the weeks shown are older than the raw rows are kept.
        Event.objects.filter(day__lt=self.days[0]).delete()

    def page_views(self) -> list[PageView]:
        views = set()
        for day in self.days:
            if day.weekday() >= 5:
                share = self.size.visit_share_start / 4
            else:
                share = self.size.visit_share_start + self.progress(day) * (
                    self.size.visit_share_end - self.size.visit_share_start
                )
            for person in self.people:
                if self.rng.random() < share and self.pages:
                    for page_id, _path in self.rng.choices(
                        self.pages, self.page_weights, k=self.size.pages_per_visit
                    ):
                        views.add((person, page_id, day))
        return [PageView(user_id=u, page_id=p, day=d) for u, p, d in views | self.seen]

    def events(self) -> list[Event]:
        """Each day's comments, reactions, completions and searches; written after the seed's
        own are backdated, since who may talk where depends on when they joined."""
        joined = self.joined()
        # The members who talk: all of a lively community's, a few of a sleepy one's.
        members: dict[int, list[tuple[int, datetime.date]]] = {}
        paths = {pk: path for path, pk in self.subtrees.by_path.items()}
        for (user, community), day in sorted(joined.items()):
            if self.rng.random() < self.weight(paths[community]):
                members.setdefault(community, []).append((user, day))
        events = []
        for day in self.days:
            growth = 0.5 + self.progress(day)
            talking = [
                d for d in self.discussions if not (day >= self.quiet_since and self.is_quiet(d[1]))
            ]
            weights = [self.weight(path) for _pk, path in talking]
            for kind, per_day in (
                (EventKind.COMMENT, self.size.comments_per_day),
                (EventKind.REACTION, self.size.reactions_per_day),
            ):
                for _ in range(round(per_day * growth * self.rng.random() * 2)):
                    if not talking:
                        break
                    [(page_id, path)] = self.rng.choices(talking, weights)
                    # A member of the discussion's community, who had joined by then.
                    people = [
                        user
                        for user, since in members.get(self.community_of(path), ())
                        if since <= day
                    ]
                    if people:
                        events.append(
                            Event(
                                kind=kind, user_id=self.rng.choice(people), page_id=page_id, day=day
                            )
                        )
            for _ in range(round(self.size.completions_per_day * growth * self.rng.random() * 2)):
                if self.guides:
                    events.append(
                        Event(
                            kind=EventKind.COMPLETION,
                            user_id=self.rng.choice(self.people),
                            page_id=self.rng.choice(self.guides),
                            day=day,
                        )
                    )
            for _ in range(round(self.size.searches_per_day * growth)):
                events.append(
                    Event(
                        kind=EventKind.SEARCH,
                        user_id=self.rng.choice(self.people),
                        day=day,
                        results=self.rng.choice((0, 1, 3, 5, 8, 12)),
                    )
                )
        return events


def _write(history: _History, on_day: Callable[[], None] = lambda: None) -> HistoryReport:
    events = Event.objects.bulk_create(history.events(), batch_size=2000)
    # Whoever did something on a page read it that day.
    history.seen |= {(e.user_id, e.page_id, e.day) for e in events if e.page_id is not None}
    views = PageView.objects.bulk_create(history.page_views(), batch_size=2000)
    for day in history.days:
        rollups.rollup_day(day)
        on_day()
    return HistoryReport(page_views=len(views), events=len(events), days=len(history.days))


def seed_history(
    size: HistorySize | None = None, today: datetime.date | None = None
) -> HistoryReport:
    """Write the weeks of history once; a second call finds the roll-ups and does nothing."""
    if CommunityDay.objects.exists():
        return HistoryReport()
    history = _History(size or HistorySize(), today or timezone.localdate())
    with transaction.atomic():
        history.backdate_seed()
        return _write(history)


def add_history(
    size: HistorySize, people: list[int], on_day: Callable[[], None] = lambda: None
) -> HistoryReport:
    """Add the weeks of history of `people`, who have none yet, and roll every day up again.

    For the large data set, built after the demo has its history: each day's
    roll-up is replaced by one that counts the demo's rows and the new ones.
    """
    history = _History(size, timezone.localdate(), people=people)
    with transaction.atomic():
        return _write(history, on_day)


# Listening


@dataclass(frozen=True)
class DemoSuggestion:
    author: str
    title: str
    body: str
    status: str = SuggestionStatus.NEW
    answer: str = ""
    voters: tuple[str, ...] = ()


DEMO_SUGGESTIONS = (
    DemoSuggestion(
        "priya",
        "A place to talk about wellbeing",
        "Somewhere to swap tips on stress, sleep and getting outside at lunchtime.",
        SuggestionStatus.DONE,
        "“Wellbeing” is open to everyone under “People and Culture”.",
        ("erin", "mei", "sofia", "nadia", "kofi", "amara"),
    ),
    DemoSuggestion(
        "tomas",
        "Show the canteen menu on the home page",
        "",
        SuggestionStatus.PLANNED,
        "For next month: the facilities team will publish it each Monday.",
        ("jonas", "diego", "liam"),
    ),
    DemoSuggestion(
        "erin",
        "Make guides printable",
        "Some of us read the long ones on the train.",
        SuggestionStatus.PLANNED,
        "A print layout for guides, without the header and comments.",
        ("priya", "tomas"),
    ),
    DemoSuggestion(
        "mei",
        "A shorter monthly newsletter",
        "Few of us get to the end of it, as the discussion in Internal Communications shows.",
        SuggestionStatus.UNDER_REVIEW,
        "We are asking which parts you read, in “Newsletter: too long?”.",
        ("diego",),
    ),
    DemoSuggestion(
        "jonas",
        "A dark theme",
        "Easier on the eyes in the evening.",
        SuggestionStatus.DECLINED,
        "Not now: we would rather spend the time on accessibility fixes first.",
        ("liam", "sofia"),
    ),
    DemoSuggestion(
        "sofia",
        "Add a community for cyclists",
        "Routes, showers, bike-to-work scheme.",
        voters=("kofi", "erin"),
    ),
    DemoSuggestion(
        "diego",
        "Let us follow a person, not only a discussion",
        "",
        SuggestionStatus.DONE,
        "Press Follow on a colleague's profile to hear of the discussions they start.",
        ("amara",),
    ),
    DemoSuggestion(
        "nadia",
        "Translate the onboarding guides into Portuguese",
        "Our Lisbon colleagues would join faster.",
        SuggestionStatus.PLANNED,
        "“Champions in Lisbon” are translating the guides of “Welcome to the intranet”.",
        ("tomas", "mei", "erin"),
    ),
)

# (page title, username, helpful, comment)
DEMO_HELPFUL_VOTES = (
    ("Why we have this intranet", "erin", True, "Clear and short, thanks."),
    ("Why we have this intranet", "kofi", True, ""),
    ("Why we have this intranet", "amara", False, "I still don't know who to ask about my pay."),
    ("Joining a community", "diego", False, "It does not say how to leave a community."),
    ("Joining a community", "mei", True, ""),
    ("Finding people", "liam", True, "The department filter is very handy."),
    ("People and Culture", "priya", True, ""),
    ("People and Culture", "jonas", False, "Hard to find the holiday policy from here."),
    ("IT and Digital", "sofia", False, "Where do I report a broken laptop?"),
)


def _people() -> dict:
    usernames = {s.author for s in DEMO_SUGGESTIONS} | {
        v for s in DEMO_SUGGESTIONS for v in s.voters
    }
    usernames |= {username for _title, username, _helpful, _comment in DEMO_HELPFUL_VOTES}
    return {u.username: u for u in get_user_model().objects.filter(username__in=usernames)}


def seed_listening() -> str:
    """Add the demo suggestions, their votes and the helpful votes that are missing."""
    people = _people()
    suggestions = votes = 0
    for spec in DEMO_SUGGESTIONS:
        suggestion = Suggestion.objects.filter(title=spec.title).first()
        if suggestion is None:
            suggestion = services.submit_suggestion(people.get(spec.author), spec.title, spec.body)
            suggestion.status, suggestion.answer = spec.status, spec.answer
            suggestion.save()
            suggestions += 1
        for username in spec.voters:
            _vote, created = SuggestionVote.objects.get_or_create(
                user=people[username], suggestion=suggestion
            )
            votes += created
    helpful = 0
    pages = {
        page.title: page
        for page in Page.objects.live().filter(
            title__in={title for title, *_rest in DEMO_HELPFUL_VOTES}
        )
    }
    for title, username, is_helpful, comment in DEMO_HELPFUL_VOTES:
        page, user = pages.get(title), people.get(username)
        if (
            page is None
            or user is None
            or HelpfulVote.objects.filter(user=user, page=page).exists()
        ):
            continue
        services.answer_helpful(user, page, is_helpful, comment)
        helpful += 1
    return f"{suggestions} suggestions, {votes} votes, {helpful} helpful answers added"


# End of Listening.
