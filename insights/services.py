"""Recording what people do, cheaply, and who may read the figures.

Recording is one INSERT per event; a page view is an INSERT that does nothing
when the person already read that page today, so reading a page costs at most
one write whatever the traffic.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

from communities.models import CommunityPage
from communities.services import team_paths
from conversation.services import is_public_page
from insights.models import (
    HELPFUL_COMMENT_MAX_LENGTH,
    SUGGESTION_BODY_MAX_LENGTH,
    SUGGESTION_TITLE_MAX_LENGTH,
    Event,
    EventKind,
    FeedbackKind,
    HelpfulVote,
    InboxEntry,
    PageView,
    Suggestion,
    SuggestionStatus,
    SuggestionVote,
)
from intranet.middleware import ADMIN_PREFIX
from intranet.request_memo import once_per_request
from intranet.roles import COMMUNICATORS, INSIGHTS_READERS, group_names, is_communicator
from notifications.models import NotificationKind
from notifications.services import notify

# User agents of crawlers, link previewers and uptime monitors: not readers.
BOT_USER_AGENT = re.compile(r"bot|crawl|spider|slurp|monitor|preview|scan", re.IGNORECASE)


# Recording


def counts_as_view(request) -> bool:
    """Whether serving a page to this request is a person reading it.

    Previews, the admin, other methods than GET and bots are left out.
    """
    user = getattr(request, "user", AnonymousUser())
    return (
        user.is_authenticated
        and request.method == "GET"
        and not getattr(request, "is_preview", False)
        and not request.path.startswith(ADMIN_PREFIX)
        and not BOT_USER_AGENT.search(request.headers.get("User-Agent", ""))
    )


class CountedToday:
    """The views this process has counted today, so going back to a page writes nothing.

    On SQLite every write waits its turn for the one lock. Held in the process
    rather than the shared cache: one entry a person, page and day would crowd
    the cached fragments out of it. A view this process has not seen (counted by
    another worker, before a restart, or past the bound) is only inserted
    again, which changes nothing.
    """

    def __init__(self, bound: int):
        self.bound = bound
        self.clear()

    def _on(self, day) -> set[tuple[int, int]]:
        if day != self.day:
            self.clear()
            self.day = day
        return self.views

    def clear(self) -> None:
        self.day = None
        self.views: set[tuple[int, int]] = set()

    def seen(self, day, user_id: int, page_id: int) -> bool:
        return (user_id, page_id) in self._on(day)

    def add(self, day, user_id: int, page_id: int) -> None:
        views = self._on(day)
        if len(views) >= self.bound:
            views.clear()
        views.add((user_id, page_id))


# A few megabytes a process at most.
counted_today = CountedToday(bound=50_000)


def record_view(user, page: Page) -> None:
    """Count `user` reading `page` today, once per day whatever the number of visits.

    The count is only ever read from the table; `counted_today` only spares
    the write when this process has already made it today.
    """
    today = timezone.localdate()
    if counted_today.seen(today, user.pk, page.pk):
        return
    # One statement on every engine: no read first, no error when a second tab
    # races, and none of the transaction bulk_create(ignore_conflicts=True)
    # wraps it in (BEGIN IMMEDIATE and COMMIT on SQLite, three round trips).
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(PageView._meta.db_table)} ({quote('user_id')}, "  # noqa: S608 (names from the model, values bound)
            f"{quote('page_id')}, {quote('day')}) VALUES (%s, %s, %s) ON CONFLICT DO NOTHING",
            [user.pk, page.pk, today],
        )
    # Once the row is there for good: a view rolled back with its request was not counted.
    transaction.on_commit(lambda: counted_today.add(today, user.pk, page.pk))


def record_event(
    kind: str, user_id: int | None, page_id: int | None, results: int | None = None
) -> Event:
    return Event.objects.create(
        kind=kind, user_id=user_id, page_id=page_id, day=timezone.localdate(), results=results
    )


def record_search(user, query: str, results: int) -> Event | None:
    """Count one search and how many results it found; a blank query is not a search.

    The query's words are not kept here: the search app's own log holds them.
    """
    if not query.strip() or results < 0:
        return None
    user_id = user.pk if user.is_authenticated else None
    return record_event(EventKind.SEARCH, user_id, None, results=results)


# Who reads the figures


@dataclass(frozen=True)
class Scope:
    """Which communities' figures one person may read.

    Insights readers and administrators read them all; a community's team reads
    its community and everything below it; everyone else reads none.
    """

    reads_all: bool
    team_paths: tuple[str, ...]

    @property
    def reads_any(self) -> bool:
        return self.reads_all or bool(self.team_paths)

    def communities(self) -> QuerySet:
        if self.reads_all:
            return CommunityPage.objects.all()
        return CommunityPage.objects.filter(subtree_filter(self.team_paths))

    def includes(self, page: Page) -> bool:
        return self.reads_all or any(page.path.startswith(path) for path in self.team_paths)

    def page_filter(self, field: str = "path") -> Q:
        """A filter on pages (through `field`, a path) that keeps the ones in scope."""
        return Q() if self.reads_all else subtree_filter(self.team_paths, field)


def subtree_filter(paths, field: str = "path") -> Q:
    """Pages at or below any of `paths`; a filter that matches nothing for no paths."""
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(**{f"{field}__startswith": path})
    return condition


def scope_for(user) -> Scope:
    """What `user` may read: from their groups and their teams' pages.

    Both are asked once per request (`intranet.request_memo`), and an admin
    page has asked them already for its menu.
    """
    if not user.is_authenticated or not user.is_active:
        return Scope(reads_all=False, team_paths=())
    if user.is_superuser or INSIGHTS_READERS in group_names(user):
        return Scope(reads_all=True, team_paths=())
    return Scope(reads_all=False, team_paths=tuple(sorted(team_paths(user))))


def request_scope(request) -> Scope:
    """`scope_for` the request's user, asked once per request (the menu asks too)."""
    return once_per_request(("insights scope", request.user.pk), lambda: scope_for(request.user))


# Listening

# The page types that ask "Was this page helpful?".
HELPFUL_PAGE_TYPES = ("guides.GuidePage", "communities.CommunityPage")
# Votes are for ideas still open: once done or declined there is nothing to back.
VOTABLE_STATUSES = (
    SuggestionStatus.NEW,
    SuggestionStatus.UNDER_REVIEW,
    SuggestionStatus.PLANNED,
)
YOU_SAID_WE_DID_STATUSES = (SuggestionStatus.PLANNED, SuggestionStatus.DONE)


def _plain_text(value: str, max_length: int, field: str, *, required: bool) -> str:
    """Trimmed text, or a ValidationError that says what to fix.

    Text stays plain: templates escape it, so markup shows as typed.
    """
    text = (value or "").strip()
    if required and not text:
        raise ValidationError({field: _("Write something first.")})
    if len(text) > max_length:
        raise ValidationError(
            {
                field: _("Keep it under %(max)d characters (it has %(count)d).")
                % {"max": max_length, "count": len(text)}
            }
        )
    return text


# Was this page helpful?


def takes_helpful_votes(page: Page) -> bool:
    """Live guides and communities that anyone signed in may read."""
    page_class = page.specific_class
    label = f"{page_class._meta.app_label}.{page_class.__name__}" if page_class else ""
    return label in HELPFUL_PAGE_TYPES and is_public_page(page)


def answer_helpful(user, page: Page, helpful: bool, comment: str = "") -> tuple[HelpfulVote, bool]:
    """Record or change `user`'s answer on `page`; return it and whether it is new.

    One row per person and page. Two submissions at once (a double click)
    meet on the unique constraint: the one that loses updates the row the
    other created.
    """
    if not takes_helpful_votes(page):
        raise ValidationError(_("This page does not ask whether it was helpful."))
    comment = _plain_text(comment, HELPFUL_COMMENT_MAX_LENGTH, "comment", required=False)
    values = {"helpful": helpful, "comment": comment, "updated_at": timezone.now()}
    try:
        with transaction.atomic():
            return HelpfulVote.objects.update_or_create(user=user, page=page, defaults=values)
    except IntegrityError:
        vote, _created = HelpfulVote.objects.update_or_create(user=user, page=page, defaults=values)
        return vote, False


class HelpfulAnswer(NamedTuple):
    helpful: bool
    comment: str


def helpful_answer_of(user, page: Page) -> HelpfulAnswer | None:
    # At most one row: one answer per person and page.
    row = HelpfulVote.objects.filter(user=user, page=page).values_list("helpful", "comment").first()
    return HelpfulAnswer(*row) if row else None


# The suggestion box


def submit_suggestion(author, title: str, body: str = "") -> Suggestion:
    title = _plain_text(title, SUGGESTION_TITLE_MAX_LENGTH, "title", required=True)
    body = _plain_text(body, SUGGESTION_BODY_MAX_LENGTH, "body", required=False)
    return Suggestion.objects.create(author=author, title=title, body=body)


def _refuse_if_closed(suggestion: Suggestion) -> None:
    if suggestion.status not in VOTABLE_STATUSES:
        raise ValidationError(
            _("“%(title)s” is %(status)s: it no longer takes votes.")
            % {"title": suggestion.title, "status": suggestion.get_status_display().lower()}
        )


def vote_for(user, suggestion: Suggestion) -> None:
    """Back a suggestion once; a second vote or a closed suggestion is refused."""
    _refuse_if_closed(suggestion)
    try:
        # The savepoint lets a concurrent duplicate fail alone.
        with transaction.atomic():
            SuggestionVote.objects.create(user=user, suggestion=suggestion)
    except IntegrityError:
        raise ValidationError(_("You have already voted for this suggestion.")) from None


def withdraw_vote(user, suggestion: Suggestion) -> None:
    """Take back one's vote while the suggestion is open: the count of a done or
    declined one stays as it was when the team answered."""
    _refuse_if_closed(suggestion)
    deleted, _details = SuggestionVote.objects.filter(user=user, suggestion=suggestion).delete()
    if not deleted:
        raise ValidationError(_("You had not voted for this suggestion."))


def suggestions_for(user) -> QuerySet:
    """Suggestions with their vote count, from the votes themselves, and the viewer's vote."""
    return (
        Suggestion.objects.select_related("author__profile")
        .annotate(
            vote_count=Count("votes", distinct=True),
            voted=Exists(SuggestionVote.objects.filter(suggestion=OuterRef("pk"), user=user)),
        )
        .order_by("-created_at", "-pk")
    )


def record_answer(suggestion: Suggestion, previous: Suggestion | None) -> None:
    """Date the team's answer when its status or text changes, for "You said, we did"."""
    if previous is None or (previous.status, previous.answer) != (
        suggestion.status,
        suggestion.answer,
    ):
        suggestion.answered_at = timezone.now() if suggestion.answer else None


def tell_the_author(suggestion: Suggestion, previous_status: str, actor) -> None:
    """Notify the author that the team moved their suggestion to another status.

    Saving without a new status tells nobody, and the person who changed it
    is never told of their own change (`notify` leaves the actor out).
    """
    if suggestion.status == previous_status or suggestion.author_id is None:
        return
    notify(
        [suggestion.author_id],
        NotificationKind.SUGGESTION,
        group_key=f"suggestion:{suggestion.pk}",
        title=_("“%(title)s” is now %(status)s")
        % {"title": suggestion.title, "status": suggestion.get_status_display()},
        group_title=suggestion.title,
        # The list filtered to the new status, where the team's answer shows;
        # several changes lead to the whole list.
        link=f"{reverse('insights:suggestions')}?status={suggestion.status}",
        group_link=reverse("insights:suggestions"),
        actor=actor,
    )


# You said, we did


def you_said_we_did() -> QuerySet:
    """Planned and done suggestions the team has answered, latest answer first."""
    return (
        Suggestion.objects.filter(status__in=YOU_SAID_WE_DID_STATUSES)
        .exclude(answer="")
        .annotate(vote_count=Count("votes"))
        .order_by("-answered_at", "-pk")
    )


def latest_you_said_we_did() -> Suggestion | None:
    """The newest "You said, we did" item, for the home page."""
    return you_said_we_did().first()


# The feedback inbox


@dataclass(frozen=True)
class InboxSource:
    """How one kind of feedback files into the inbox and reads in it.

    Adding a source: a kind, a nullable one-to-one on `InboxEntry` named
    `link`, and an entry in `INBOX_SOURCES`; `signals` files it on save.
    """

    link: str
    kind: str
    page_id: Callable[[Any], int | None]
    received_at: Callable[[Any], datetime]
    # What the inbox shows: a heading and the text, both plain.
    describe: Callable[[Any], tuple[str, str]]


INBOX_SOURCES = {
    HelpfulVote: InboxSource(
        link="helpful_vote",
        kind=FeedbackKind.HELPFUL,
        page_id=lambda vote: vote.page_id,
        # A changed answer comes back to the top.
        received_at=lambda vote: vote.updated_at,
        describe=lambda vote: (str(_("Yes") if vote.helpful else _("No")), vote.comment),
    ),
    Suggestion: InboxSource(
        link="suggestion",
        kind=FeedbackKind.SUGGESTION,
        page_id=lambda suggestion: None,
        received_at=lambda suggestion: suggestion.created_at,
        describe=lambda suggestion: (suggestion.title, suggestion.body),
    ),
}


def file_in_inbox(source) -> InboxEntry:
    """Put a new or changed piece of feedback in the inbox."""
    how = INBOX_SOURCES[type(source)]
    entry, _created = InboxEntry.objects.update_or_create(
        **{how.link: source},
        defaults={
            "kind": how.kind,
            "page_id": how.page_id(source),
            "received_at": how.received_at(source),
        },
    )
    return entry


def describe_entry(entry: InboxEntry) -> tuple[str, str]:
    """The heading and text of an entry's feedback, read from its source."""
    for how in INBOX_SOURCES.values():
        source = getattr(entry, how.link)
        if source is not None:
            return how.describe(source)
    return "", ""


def _votes_on_page(helpful: bool) -> Coalesce:
    votes = (
        HelpfulVote.objects.filter(page=OuterRef("page"), helpful=helpful)
        .order_by()
        .values("page")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return Coalesce(Subquery(votes), 0)


def with_page_totals(entries: QuerySet) -> QuerySet:
    """Each entry with its page's yes and no totals, counted in the same query."""
    return entries.annotate(page_yes=_votes_on_page(True), page_no=_votes_on_page(False))


def reads_whole_inbox(user) -> bool:
    return user.is_active and (
        user.is_superuser or bool(group_names(user) & {COMMUNICATORS, INSIGHTS_READERS})
    )


def can_read_inbox(user) -> bool:
    """The team, the insights readers, and community owners for their own pages."""
    return user.is_active and (reads_whole_inbox(user) or bool(team_paths(user)))


def inbox_filter(user) -> Q:
    """What `user` may read in the inbox.

    A community's team reads the helpful votes on the pages of its own
    subtree, its guides included; suggestions are about the whole intranet,
    so they stay with the Communicators and the insights readers.
    """
    if reads_whole_inbox(user):
        return Q()
    scope = Q(pk__in=[])
    for path in team_paths(user):
        scope |= Q(kind=FeedbackKind.HELPFUL, page__path__startswith=path)
    return scope


def manages_suggestions(user) -> bool:
    """Only Communicators and administrators change a suggestion's status and answer."""
    return user.is_active and (user.is_superuser or is_communicator(user))


# End of Listening.
