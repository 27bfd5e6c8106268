"""What the intranet measures: cheap raw events, and the daily roll-ups read from them.

Raw rows (`PageView`, `Event`) are written on the request and deleted after
`INSIGHTS_RETENTION_DAYS`; the roll-ups (`PageDay`, `CommunityDay`,
`SearchDay`) keep one row per page, community or site per day, so the tables
grow with days × pages and never with the number of views.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

from intranet.relations import UserPageRelation


class PageView(models.Model):
    """Someone read a page on a day: one row per person, page and day, however many visits."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("person"),
    )
    page = models.ForeignKey(
        Page, on_delete=models.CASCADE, related_name="+", verbose_name=_("page")
    )
    day = models.DateField(_("day"))

    class Meta:
        verbose_name = _("page view")
        verbose_name_plural = _("page views")
        constraints = [
            models.UniqueConstraint(fields=["user", "page", "day"], name="one_view_per_person_day")
        ]
        indexes = [models.Index(fields=["day", "page"], name="insights_view_day_page")]

    def __str__(self):
        return f"{self.page_id} {self.day}"


class EventKind(models.TextChoices):
    JOIN = "join", _("Joined a community")
    LEAVE = "leave", _("Left a community")
    DISCUSSION = "discussion", _("Started a discussion")
    COMMENT = "comment", _("Commented")
    REACTION = "reaction", _("Reacted")
    COMPLETION = "completion", _("Completed a guide")
    ACKNOWLEDGEMENT = "acknowledgement", _("Acknowledged a guide")
    SEARCH = "search", _("Searched")


# Taking part, as opposed to reading: what makes someone an active contributor.
CONTRIBUTION_KINDS = (EventKind.DISCUSSION, EventKind.COMMENT, EventKind.REACTION)


class Event(models.Model):
    """Something a person did, on a page (none for a search), on a day."""

    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person"),
    )
    page = models.ForeignKey(
        Page,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("page"),
    )
    day = models.DateField(_("day"))
    # How many results a search found; empty for every other kind.
    results = models.PositiveIntegerField(_("results"), null=True, blank=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [models.Index(fields=["day", "kind"], name="insights_event_day_kind")]

    def __str__(self):
        return f"{self.kind} {self.day}"


class PageDay(models.Model):
    """One page's figures for one day."""

    page = models.ForeignKey(
        Page, on_delete=models.CASCADE, related_name="+", verbose_name=_("page")
    )
    day = models.DateField(_("day"))
    views = models.PositiveIntegerField(_("views"), default=0)
    comments = models.PositiveIntegerField(_("comments"), default=0)
    reactions = models.PositiveIntegerField(_("reactions"), default=0)
    completions = models.PositiveIntegerField(_("guide completions"), default=0)
    acknowledgements = models.PositiveIntegerField(_("acknowledgements"), default=0)

    class Meta:
        verbose_name = _("page day")
        verbose_name_plural = _("page days")
        constraints = [models.UniqueConstraint(fields=["page", "day"], name="one_row_per_page_day")]
        indexes = [models.Index(fields=["day"], name="insights_pageday_day")]

    def __str__(self):
        return f"{self.page_id} {self.day}"


class CommunityDay(models.Model):
    """One community's figures for one day, its sub-communities and discussions included.

    Sums (`views`, `comments`…) are for the day; `members` and the snapshot
    fields are as the day ends; `viewers_7d`, `contributors_7d` and
    `active_members_28d` count distinct people over the window ending that day,
    so a week's distinct count is the value on its last day. The last two
    count members only.
    """

    community = models.ForeignKey(
        "communities.CommunityPage",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("community"),
    )
    day = models.DateField(_("day"))
    members = models.PositiveIntegerField(_("members"), default=0)
    joins = models.PositiveIntegerField(_("joins"), default=0)
    leaves = models.PositiveIntegerField(_("leaves"), default=0)
    views = models.PositiveIntegerField(_("views"), default=0)
    viewers = models.PositiveIntegerField(_("viewers"), default=0)
    viewers_7d = models.PositiveIntegerField(_("viewers over 7 days"), default=0)
    contributors_7d = models.PositiveIntegerField(_("contributors over 7 days"), default=0)
    active_members_28d = models.PositiveIntegerField(_("active members over 28 days"), default=0)
    discussions = models.PositiveIntegerField(_("discussions started"), default=0)
    comments = models.PositiveIntegerField(_("comments"), default=0)
    reactions = models.PositiveIntegerField(_("reactions"), default=0)
    completions = models.PositiveIntegerField(_("guide completions"), default=0)
    acknowledgements = models.PositiveIntegerField(_("acknowledgements"), default=0)
    # Discussions started in the last 90 days, and those of them nobody answered yet.
    recent_discussions = models.PositiveIntegerField(_("recent discussions"), default=0)
    unanswered_discussions = models.PositiveIntegerField(_("unanswered discussions"), default=0)
    last_activity = models.DateField(_("last discussion or comment"), null=True, blank=True)

    class Meta:
        verbose_name = _("community day")
        verbose_name_plural = _("community days")
        constraints = [
            models.UniqueConstraint(fields=["community", "day"], name="one_row_per_community_day")
        ]
        indexes = [models.Index(fields=["day"], name="insights_communityday_day")]

    def __str__(self):
        return f"{self.community_id} {self.day}"


class SearchDay(models.Model):
    """The whole intranet's searches for one day."""

    day = models.DateField(_("day"), unique=True)
    searches = models.PositiveIntegerField(_("searches"), default=0)
    without_results = models.PositiveIntegerField(_("searches without results"), default=0)
    searchers = models.PositiveIntegerField(_("people who searched"), default=0)

    class Meta:
        verbose_name = _("search day")
        verbose_name_plural = _("search days")

    def __str__(self):
        return str(self.day)


# Listening: "Was this page helpful?", the suggestion box and the feedback inbox.

HELPFUL_COMMENT_MAX_LENGTH = 1000
SUGGESTION_TITLE_MAX_LENGTH = 120
SUGGESTION_BODY_MAX_LENGTH = 2000
SUGGESTION_ANSWER_MAX_LENGTH = 2000


class HelpfulVote(UserPageRelation):
    """One person's answer to "Was this page helpful?" on one page.

    A person answers a page once and may change their mind: the answer is
    updated in place, never added again.
    """

    page = models.ForeignKey(
        Page, on_delete=models.CASCADE, related_name="helpful_votes", verbose_name=_("page")
    )
    helpful = models.BooleanField(_("helpful"))
    comment = models.TextField(_("comment"), blank=True, max_length=HELPFUL_COMMENT_MAX_LENGTH)
    created_at = models.DateTimeField(_("answered at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed at"), default=timezone.now)

    class Meta:
        verbose_name = _("helpful vote")
        verbose_name_plural = _("helpful votes")
        constraints = [UserPageRelation.unique_per_person("page", "unique_helpful_vote")]

    def __str__(self):
        answer = _("Yes") if self.helpful else _("No")
        return _("%(answer)s on %(page)s") % {"answer": answer, "page": self.page}


class SuggestionStatus(models.TextChoices):
    NEW = "new", _("New")
    UNDER_REVIEW = "under_review", _("Under review")
    PLANNED = "planned", _("Planned")
    DONE = "done", _("Done")
    DECLINED = "declined", _("Declined")


class Suggestion(models.Model):
    """An idea for the intranet: add a community, remove a feature, change a page.

    Employees submit and up-vote suggestions; the team moves them through the
    statuses and answers in the admin. Planned and done ones, with the answer,
    make the "You said, we did" page.
    """

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        # The idea and its answer stay when the author's account goes.
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="suggestions",
        verbose_name=_("author"),
    )
    title = models.CharField(_("suggestion"), max_length=SUGGESTION_TITLE_MAX_LENGTH)
    body = models.TextField(_("details"), blank=True, max_length=SUGGESTION_BODY_MAX_LENGTH)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=SuggestionStatus.choices,
        default=SuggestionStatus.NEW,
        db_index=True,
    )
    answer = models.TextField(
        _("team's answer"),
        blank=True,
        max_length=SUGGESTION_ANSWER_MAX_LENGTH,
        help_text=_(
            "Shown to everyone beside the suggestion; planned and done ones with an "
            "answer appear on “You said, we did”."
        ),
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title


class SuggestionVote(models.Model):
    """One person backs one suggestion; who did is never shown, only how many."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="suggestion_votes",
        verbose_name=_("person"),
    )
    suggestion = models.ForeignKey(
        Suggestion, on_delete=models.CASCADE, related_name="votes", verbose_name=_("suggestion")
    )
    voted_at = models.DateTimeField(_("voted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("suggestion vote")
        verbose_name_plural = _("suggestion votes")
        constraints = [
            models.UniqueConstraint(fields=["user", "suggestion"], name="unique_suggestion_vote")
        ]

    def __str__(self):
        return str(self.suggestion)


class FeedbackKind(models.TextChoices):
    HELPFUL = "helpful", _("Was this page helpful?")
    SUGGESTION = "suggestion", _("Suggestion")


class InboxEntry(models.Model):
    """One piece of feedback in the team's inbox, pointing at where it lives.

    Each source keeps its own table; the entry only holds what the inbox sorts
    and filters every kind on (kind, page, when), plus a link to its source.
    Another source is one more kind, one more nullable link, and one call to
    `services.file_in_inbox` when it is saved. Deleting the source deletes
    its entry.
    """

    kind = models.CharField(_("kind"), max_length=20, choices=FeedbackKind.choices)
    page = models.ForeignKey(
        Page,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("page"),
    )
    received_at = models.DateTimeField(_("received"), db_index=True)
    helpful_vote = models.OneToOneField(
        HelpfulVote,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="inbox_entry",
        verbose_name=_("helpful vote"),
    )
    suggestion = models.OneToOneField(
        Suggestion,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="inbox_entry",
        verbose_name=_("suggestion"),
    )

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback inbox")
        ordering = ["-received_at", "-pk"]

    def __str__(self):
        return str(self.helpful_vote or self.suggestion or self.get_kind_display())


# End of Listening.
