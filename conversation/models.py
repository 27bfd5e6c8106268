"""Comments, reactions and flags on the pages that opt in.

Comments are django-comments-xtd's `XtdComment` (threads, levels and order come
from it), extended with a foreign key to the page so counts and visibility
checks are plain joins rather than generic-relation lookups on a text column.
"""

import html

from django_comments_xtd.models import XtdComment

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page

from intranet.text import editable_text, render_discussion_body


class CommentableMixin(models.Model):
    """Lets people comment on a page type. Put it before `Page` in the bases:

        class GuidePage(CommentableMixin, Page): ...

    and include "conversation/conversation.html" in the page's template. The
    editor gets a switch in the page's settings to turn comments off for one
    page, and a lock that keeps the thread readable but takes no new comments.
    """

    comments_enabled = models.BooleanField(
        _("comments"),
        default=True,
        help_text=_("Let people comment on this page. Turning it off hides the comments too."),
    )
    # Not `locked`: Page.locked is Wagtail's edit lock, a different thing.
    comments_locked = models.BooleanField(
        _("locked"),
        default=False,
        help_text=_("Keep the comments readable but take no new ones."),
    )

    # For page types that list their own settings panels: add these to them.
    conversation_panels = [
        MultiFieldPanel(
            [FieldPanel("comments_enabled"), FieldPanel("comments_locked")],
            heading=_("Conversation"),
        ),
    ]
    settings_panels = [*Page.settings_panels, *conversation_panels]

    class Meta:
        abstract = True

    def can_moderate_comments(self, user) -> bool:
        """Whether `user`, signed in and active, may hide, restore and lock comments here.

        Superusers always may; page types name who else looks after their
        comments by overriding this and `moderated_comments`.
        """
        return False

    @classmethod
    def moderated_comments(cls, user) -> Q | None:
        """A filter on `Comment` for the comments on this type's pages `user` moderates.

        None when they moderate none; `conversation.services` keeps the filter
        to this page type.
        """
        return None

    def comment_followers(self) -> set[int]:
        """Ids of the people told about every new comment, besides earlier commenters."""
        return {self.owner_id} - {None}

    def get_context(self, request, *args, **kwargs):
        # Imported here: queries imports services, which imports page models.
        from conversation.queries import conversation_context

        context = super().get_context(request, *args, **kwargs)
        context.update(conversation_context(request, self))
        return context


class ReactionKind(models.TextChoices):
    LIKE = "like", _("Like")
    CELEBRATE = "celebrate", _("Celebrate")
    INSIGHTFUL = "insightful", _("Insightful")
    SUPPORT = "support", _("Support")
    CURIOUS = "curious", _("Curious")


class Comment(XtdComment):
    """A comment by a signed-in employee on a page.

    `is_public` False means a moderator hid it; `is_removed` True means its
    author deleted it. Neither is ever shown to people who may not moderate;
    the thread keeps a placeholder when others replied to it.
    """

    # Out of Wagtail's reference index: a comment is never content another page
    # uses, and indexing it queued two tasks for every comment posted (saved twice
    # by django-comments-xtd) to list comments under a page's "Usage".
    wagtail_reference_index_ignore = True

    # Named explicitly: the default reverse name, `comment`, is taken by the
    # comment's text on XtdComment.
    xtdcomment_ptr = models.OneToOneField(
        XtdComment,
        on_delete=models.CASCADE,
        parent_link=True,
        primary_key=True,
        related_name="page_comment",
    )
    page = models.ForeignKey(
        Page,
        on_delete=models.CASCADE,
        related_name="conversation_comments",
        verbose_name=_("page"),
    )
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hidden by"),
    )
    # A random key set by the form each time it is shown: a second submission
    # of the same form (a double click, a resent request) finds the first
    # comment instead of making another. Unique on its own because `user`
    # lives on the parent table, where a constraint here cannot reach.
    submission_key = models.CharField(max_length=64, blank=True, default="")

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["thread_id", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission_key"],
                condition=~Q(submission_key=""),
                name="unique_comment_submission",
            )
        ]

    def __str__(self):
        return self.excerpt(60)

    def excerpt(self, length: int = 80) -> str:
        """The start of the text as its author typed it: `&`, not the stored `&amp;`.

        Plain text, for Django's escaping where it is shown (the admin's listings).
        """
        return editable_text(self.comment)[:length]

    @property
    def visible_text(self) -> str:
        """The words a reader sees, without markup and with `&` for the stored `&amp;`.

        Plain text, for a summary or an email; Django escapes it where it is shown.
        """
        return html.unescape(strip_tags(self.comment))

    @property
    def is_visible(self) -> bool:
        return self.is_public and not self.is_removed

    @property
    def body_html(self):
        """Sanitised again on the way out, as discussion bodies are."""
        return render_discussion_body(self.comment)

    def get_absolute_url(self, anchor_pattern=None):
        return reverse("conversation:comment", args=[self.pk])


class Reaction(models.Model):
    """One person's reaction to one item; subclasses say what the item is."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("person"),
    )
    kind = models.CharField(_("reaction"), max_length=20, choices=ReactionKind.choices)
    reacted_at = models.DateTimeField(_("reacted at"), auto_now=True)

    class Meta:
        abstract = True


class CommentReaction(Reaction):
    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, related_name="reactions", verbose_name=_("comment")
    )

    class Meta:
        verbose_name = _("reaction to a comment")
        verbose_name_plural = _("reactions to comments")
        constraints = [
            models.UniqueConstraint(fields=["user", "comment"], name="one_reaction_per_comment")
        ]
        # Popular this week reads the week's reactions and whose they are, not every one.
        indexes = [models.Index(fields=["reacted_at", "comment"], name="comment_reaction_when")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.comment}"


class PageReaction(Reaction):
    page = models.ForeignKey(
        Page, on_delete=models.CASCADE, related_name="reactions", verbose_name=_("page")
    )

    class Meta:
        verbose_name = _("reaction to a page")
        verbose_name_plural = _("reactions to pages")
        constraints = [
            models.UniqueConstraint(fields=["user", "page"], name="one_reaction_per_page")
        ]
        indexes = [models.Index(fields=["reacted_at", "page"], name="page_reaction_when")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.page}"


class FlagReason(models.TextChoices):
    SPAM = "spam", _("Spam or advertising")
    OFFENSIVE = "offensive", _("Rude, offensive or harassing")
    PRIVATE = "private", _("Shares private or confidential information")
    OFF_TOPIC = "off_topic", _("Off topic")
    OTHER = "other", _("Something else")


class Flag(models.Model):
    """Someone asks the moderators to look at a comment."""

    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, related_name="flags_raised", verbose_name=_("comment")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("flagged by"),
    )
    reason = models.CharField(_("reason"), max_length=20, choices=FlagReason.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)
    flagged_at = models.DateTimeField(_("flagged at"), auto_now_add=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )

    class Meta:
        verbose_name = _("flag")
        verbose_name_plural = _("flags")
        ordering = ["-flagged_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "comment"], name="one_flag_per_person")
        ]

    def __str__(self):
        return f"{self.get_reason_display()}: {self.comment}"
