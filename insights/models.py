"""What the intranet measures: cheap raw events, and the daily roll-ups read from them.

Raw rows (`PageView`, `Event`) are written on the request and deleted after
`INSIGHTS_RETENTION_DAYS`; the roll-ups (`PageDay`, `CommunityDay`,
`SearchDay`) keep one row per page, community or site per day, so the tables
grow with days × pages and never with the number of views.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page


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
    so a week's distinct count is the value on its last day.
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
