"""Following, the notification centre and email preferences.

A notification is one line in a person's list: one kind of event on one item,
grouped while unread ("3 new comments on …"). It also remembers whether it
still owes an email, and how: at once, in the daily or weekly digest, or never.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from wagtail.models import Page

from intranet.relations import UserPageRelation


class PageFollow(UserPageRelation):
    """A person follows a discussion: they hear about every new comment on it."""

    page = models.ForeignKey(
        Page, on_delete=models.CASCADE, related_name="followers", verbose_name=_("page")
    )
    followed_at = models.DateTimeField(_("followed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("followed discussion")
        verbose_name_plural = _("followed discussions")
        constraints = [UserPageRelation.unique_per_person("page", "unique_page_follow")]

    def __str__(self):
        return f"{self.user} → {self.page}"


class PersonFollow(models.Model):
    """A person follows a colleague: their new discussions reach the follower."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="person_follows",
        verbose_name=_("follower"),
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="followers",
        verbose_name=_("person followed"),
    )
    followed_at = models.DateTimeField(_("followed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("followed person")
        verbose_name_plural = _("followed people")
        constraints = [
            models.UniqueConstraint(fields=["user", "person"], name="unique_person_follow"),
            models.CheckConstraint(condition=~Q(user=models.F("person")), name="no_self_follow"),
        ]

    def __str__(self):
        return f"{self.user} → {self.person}"


class NotificationKind(models.TextChoices):
    REPLY = "reply", _("Replies to my comments")
    MENTION = "mention", _("Mentions of me (@username)")
    COMMENT = "comment", _("New comments on discussions I follow")
    DISCUSSION = "discussion", _("New discussions in my communities and by people I follow")
    SUGGESTION = "suggestion", _("The team's answers to my suggestions")
    INVITATION = "invitation", _("Invitations to join a community")
    JOIN_REQUEST = "join_request", _("Requests to join the communities I look after")
    MEMBERSHIP = (
        "membership",
        _("Changes to my memberships, and answers to my requests and invitations"),
    )
    FLAG = "flag", _("Comments flagged where I moderate")
    REVIEW = "review", _("Reviews of the pages I submit for approval")
    MUST_READ = "must_read", _("Reminders of must-read guides I have not acknowledged")


class EmailFrequency(models.TextChoices):
    IMMEDIATELY = "immediately", _("Immediately")
    DAILY = "daily", _("Daily digest")
    WEEKLY = "weekly", _("Weekly digest")
    OFF = "off", _("Off")


# What a person gets before they choose: what is about them at once, the rest
# gathered into digests so the inbox stays quiet.
DEFAULT_FREQUENCIES = {
    NotificationKind.REPLY: EmailFrequency.IMMEDIATELY,
    NotificationKind.MENTION: EmailFrequency.IMMEDIATELY,
    NotificationKind.COMMENT: EmailFrequency.IMMEDIATELY,
    NotificationKind.DISCUSSION: EmailFrequency.DAILY,
    NotificationKind.SUGGESTION: EmailFrequency.IMMEDIATELY,
    NotificationKind.INVITATION: EmailFrequency.IMMEDIATELY,
    NotificationKind.JOIN_REQUEST: EmailFrequency.IMMEDIATELY,
    NotificationKind.MEMBERSHIP: EmailFrequency.IMMEDIATELY,
    NotificationKind.FLAG: EmailFrequency.IMMEDIATELY,
    # Wagtail's editorial workflow already emails the verdict to whoever submitted (each
    # person chooses in their admin account), so the intranet does not send it twice.
    NotificationKind.REVIEW: EmailFrequency.OFF,
    NotificationKind.MUST_READ: EmailFrequency.IMMEDIATELY,
}

# One sentence per kind, for one event and for several grouped.
DESCRIPTIONS = {
    NotificationKind.REPLY: (
        _("%(actor)s replied to you on “%(title)s”"),
        ngettext_lazy(
            "%(count)d reply to you on “%(title)s”",
            "%(count)d replies to you on “%(title)s”",
            "count",
        ),
    ),
    NotificationKind.MENTION: (
        _("%(actor)s mentioned you on “%(title)s”"),
        ngettext_lazy(
            "%(count)d mention of you on “%(title)s”",
            "%(count)d mentions of you on “%(title)s”",
            "count",
        ),
    ),
    NotificationKind.COMMENT: (
        _("%(actor)s commented on “%(title)s”"),
        ngettext_lazy(
            "%(count)d new comment on “%(title)s”", "%(count)d new comments on “%(title)s”", "count"
        ),
    ),
    NotificationKind.DISCUSSION: (
        _("%(actor)s started “%(title)s”"),
        ngettext_lazy(
            "%(count)d new discussion in “%(title)s”",
            "%(count)d new discussions in “%(title)s”",
            "count",
        ),
    ),
    # The title of one event says the new status: "“Fewer emails” is now Planned".
    NotificationKind.SUGGESTION: (
        _("%(actor)s answered your suggestion: %(title)s"),
        ngettext_lazy(
            "%(count)d change to your suggestion “%(title)s”",
            "%(count)d changes to your suggestion “%(title)s”",
            "count",
        ),
    ),
    # The title of an invitation or a request is the community's.
    NotificationKind.INVITATION: (
        _("%(actor)s invited you to join “%(title)s”"),
        ngettext_lazy(
            "%(count)d invitation to join “%(title)s”",
            "%(count)d invitations to join “%(title)s”",
            "count",
        ),
    ),
    NotificationKind.JOIN_REQUEST: (
        _("%(actor)s asks to join “%(title)s”"),
        ngettext_lazy(
            "%(count)d request to join “%(title)s”",
            "%(count)d requests to join “%(title)s”",
            "count",
        ),
    ),
    # The title of one event says what happened: "Your request to join “IT” was approved".
    # Several are about one community (and, for an inviter, answers from several people).
    NotificationKind.MEMBERSHIP: (
        _("%(title)s"),
        ngettext_lazy(
            "%(count)d membership update in “%(title)s”",
            "%(count)d membership updates in “%(title)s”",
            "count",
        ),
    ),
    NotificationKind.FLAG: (
        _("%(actor)s flagged a comment on “%(title)s”"),
        ngettext_lazy(
            "%(count)d comment flagged on “%(title)s”",
            "%(count)d comments flagged on “%(title)s”",
            "count",
        ),
    ),
    # The title of one event says the verdict: "Anna approved “Booking leave”".
    NotificationKind.REVIEW: (
        _("%(title)s"),
        ngettext_lazy(
            "%(count)d review of “%(title)s”",
            "%(count)d reviews of “%(title)s”",
            "count",
        ),
    ),
    NotificationKind.MUST_READ: (
        _("%(actor)s reminds you to read and acknowledge “%(title)s”"),
        ngettext_lazy(
            "%(count)d reminder to read and acknowledge “%(title)s”",
            "%(count)d reminders to read and acknowledge “%(title)s”",
            "count",
        ),
    ),
}


class Notification(models.Model):
    """One kind of event on one item for one person, grouped while unread.

    `group_key` names the item ("page:12"); while the notification is unread,
    the next event of the same kind on the same item adds to `count` instead
    of making a new row. `title` and `link` are kept as they were, so the
    list and the emails need no join to whatever the item is.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=NotificationKind.choices)
    group_key = models.CharField(_("item"), max_length=100)
    # The item's title for one event, the group's (a community's) for several.
    title = models.CharField(_("title"), max_length=255)
    group_title = models.CharField(_("group title"), max_length=255)
    link = models.CharField(_("link"), max_length=500)
    group_link = models.CharField(_("group link"), max_length=500)
    count = models.PositiveIntegerField(_("events"), default=1)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("latest by"),
    )
    # The latest comment, when the event is one: emails quote it, and skip it
    # once it is hidden or deleted.
    comment = models.ForeignKey(
        "conversation.Comment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("comment"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    email = models.CharField(
        _("email"), max_length=20, choices=EmailFrequency.choices, default=EmailFrequency.OFF
    )
    emailed_at = models.DateTimeField(_("emailed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-updated_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "group_key"],
                condition=Q(read_at__isnull=True),
                name="one_unread_notification_per_item",
            )
        ]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]

    def __str__(self):
        return self.describe()

    def describe(self) -> str:
        one, several = DESCRIPTIONS[self.kind]
        if self.count > 1:
            return several % {"count": self.count, "title": self.group_title}
        actor = (self.actor.get_full_name() or self.actor.get_username()) if self.actor else ""
        return one % {"actor": actor or _("Someone"), "title": self.title}

    @property
    def url(self) -> str:
        return self.link if self.count == 1 else self.group_link

    @property
    def is_unread(self) -> bool:
        return self.read_at is None


class EmailPreference(models.Model):
    """How a person wants to be emailed about one kind of notification."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="email_preferences",
        verbose_name=_("person"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=NotificationKind.choices)
    frequency = models.CharField(_("frequency"), max_length=20, choices=EmailFrequency.choices)

    class Meta:
        verbose_name = _("email preference")
        verbose_name_plural = _("email preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")
        ]

    def __str__(self):
        return f"{self.user}: {self.kind} {self.frequency}"
