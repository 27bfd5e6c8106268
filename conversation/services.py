"""The rules of conversation: who may comment, react, flag and moderate, and how.

Views and commands stay thin and call these functions, so each rule is written,
and tested, once. Existing comments are changed with `QuerySet.update()`:
saving an `XtdComment` runs django-comments-xtd's pre_save handler, which
copies the comment's visibility onto every reply below it, so hiding one
comment would hide others' replies and restoring it would bring back replies
a moderator hid on their own.
"""

from django_comments.models import Comment as PostedComment

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page, PageViewRestriction

from conversation.models import (
    Comment,
    CommentableMixin,
    CommentReaction,
    Flag,
    FlagReason,
    PageReaction,
    ReactionKind,
)
from conversation.signals import comment_changed, comment_posted
from intranet.caching import mark_changed
from intranet.text import sanitise_discussion_body
from intranet.view_restrictions import lets_in

BODY_MAX_LENGTH = 3_000


class CommentsClosed(PermissionDenied):
    """The page takes no comments (any more), or not from this person."""


class NotTheAuthor(PermissionDenied):
    """Someone tried to change a comment that is not theirs."""


class NotAModerator(PermissionDenied):
    """Someone tried to moderate a page they do not look after."""


# Where comments show and who may post them


def is_public_page(page: Page) -> bool:
    """Published, and not behind a password, a login or a group restriction (its own or above)."""
    return page.live and not page.get_view_restrictions()


def shows_comments(page: Page) -> bool:
    """Whether `page` holds a conversation: for its readers, whom the views check
    (`readable_or_404`) and the services too (`takes_part`).

    A page that only some groups read (a closed or secret community's) holds
    one for them; a page behind a password, which a browser session rather
    than a person passes, holds none.
    """
    return (
        isinstance(page, CommentableMixin)
        and page.comments_enabled
        and page.live
        and not any(
            restriction.restriction_type == PageViewRestriction.PASSWORD
            for restriction in page.get_view_restrictions()
        )
    )


def takes_part(user, page: Page) -> bool:
    """Whether `user` may comment, react and flag on `page`: it holds a conversation and
    they read it."""
    return shows_comments(page) and lets_in(user, page)


def closed_reason(user, page: Page) -> str:
    """Why `user` may not comment on `page` now; empty when they may."""
    if user.is_authenticated and user.is_active and not takes_part(user, page):
        return _("Comments are turned off on this page.")
    return closed_reason_on_shown_page(user, page)


def closed_reason_on_shown_page(user, page: Page) -> str:
    """`closed_reason` for a page already known to show its comments.

    The page view has checked that once, with a query; this spares a second.
    """
    if not user.is_authenticated or not user.is_active:
        return _("Sign in to comment.")
    if page.comments_locked:
        return _("This conversation is locked: it takes no new comments.")
    return ""


def can_moderate(user, page: Page) -> bool:
    """Whether `user` may hide, restore and lock comments on `page`.

    The page type says who looks after its comments
    (`CommentableMixin.can_moderate_comments`).
    """
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if not issubclass(page.specific_class, CommentableMixin):
        return False
    # specific_deferred costs no query: the rules read the page's tree fields.
    return page.specific_deferred.can_moderate_comments(user)


def _moderated_scopes(user) -> list[Q]:
    scopes = []
    for model in apps.get_models():
        if issubclass(model, CommentableMixin):
            scope = model.moderated_comments(user)
            if scope is not None:
                content_type = ContentType.objects.get_for_model(model)
                scopes.append(Q(page__content_type=content_type) & scope)
    return scopes


def moderated_comments_filter(user) -> Q:
    """A filter on comments that keeps the ones `user` may moderate."""
    if user.is_superuser:
        return Q()
    scope = Q(pk__in=[])
    for page_type_scope in _moderated_scopes(user):
        scope |= page_type_scope
    return scope


def moderates_anything(user) -> bool:
    return user.is_superuser or bool(_moderated_scopes(user))


# Writing comments


def clean_body(body: str) -> str:
    """The sanitised body, or a ValidationError that says what to fix."""
    clean = sanitise_discussion_body(body)
    # Measured on the visible text, so formatting counts neither way.
    visible_length = len(strip_tags(clean).strip())
    if visible_length == 0:
        raise ValidationError({"body": _("Write something before posting.")})
    if visible_length > BODY_MAX_LENGTH:
        raise ValidationError(
            {
                "body": _("Keep your comment under %(max)d characters (it has %(count)d).")
                % {"max": BODY_MAX_LENGTH, "count": visible_length}
            }
        )
    return clean


class PostingTooFast(ValidationError):
    """The author has posted as many comments as the rate limit allows for now."""


def _hold_authors_turn(author) -> None:
    """Make the author's posts wait for each other until the transaction ends.

    Counting the recent comments and saving the new one must happen as one
    step, or parallel posts all count the same comments and all pass. On
    PostgreSQL this locks the author's row (FOR NO KEY UPDATE, which leaves
    rows that point at the author free to be written); SQLite ignores it,
    and needs it not: its IMMEDIATE transactions (settings.base) take the
    database's write lock when they begin.
    """
    get_user_model().objects.select_for_update(no_key=True).filter(pk=author.pk).exists()


def _check_rate(author) -> None:
    since = timezone.now() - settings.CONVERSATION_RATE_WINDOW
    # Counted in django_comments' own table, which holds the author and the
    # date: the table of every comment, without the two joined onto it.
    recent = PostedComment.objects.filter(user=author, submit_date__gte=since).count()
    if recent >= settings.CONVERSATION_RATE_LIMIT:
        raise PostingTooFast(
            {
                "body": _(
                    "You have posted %(count)d comments in the last %(seconds)d seconds. "
                    "Take a breath and post this one in a moment: your text is kept below."
                )
                % {
                    "count": recent,
                    "seconds": settings.CONVERSATION_RATE_WINDOW.total_seconds(),
                }
            }
        )


PARENT_GONE = _("The comment you replied to is no longer there.")


def _check_parent(page: Page, parent: Comment | None) -> None:
    if parent is None:
        return
    if parent.page_id != page.pk or not parent.is_visible:
        raise ValidationError({"parent": PARENT_GONE})
    if parent.level >= settings.COMMENTS_XTD_MAX_THREAD_LEVEL:
        raise ValidationError(
            {"parent": _("This thread is as deep as it goes: reply to the comment above.")}
        )


def post_comment(
    author, page: Page, body: str, parent: Comment | None = None, submission_key: str = ""
) -> Comment:
    """Publish a comment by `author` on `page`, as a reply to `parent` if given.

    The same `submission_key` twice returns the first comment: a double click
    or a resent form posts once.
    """
    reason = closed_reason(author, page)
    if reason:
        raise CommentsClosed(reason)
    clean = clean_body(body)
    _check_parent(page, parent)
    try:
        with transaction.atomic():
            _hold_authors_turn(author)
            _check_rate(author)
            comment = Comment(
                page=page,
                content_type=ContentType.objects.get_for_model(page.specific_class),
                object_pk=str(page.pk),
                site_id=settings.SITE_ID,
                user=author,
                comment=clean,
                parent_id=parent.pk if parent else 0,
                submission_key=submission_key,
            )
            comment.save()
            comment_posted.send(sender=Comment, comment=comment, page=page, parent=parent)
    except (IntegrityError, PostingTooFast) as refusal:
        # A key already used (keys are unique), or a post past the rate, may be
        # the same form sent twice, after the first went in: that one is the answer.
        # (Looked for only then: every post would otherwise pay a query for it.)
        sent_before = _posted_with(author, submission_key)
        if sent_before is not None:
            return sent_before
        if isinstance(refusal, PostingTooFast):
            raise
        raise ValidationError(
            _("This form was already used. Reload the page and post again.")
        ) from None
    return comment


def _posted_with(author, submission_key: str) -> Comment | None:
    if not submission_key:
        return None
    return Comment.objects.filter(user=author, submission_key=submission_key).first()


def _own_visible_comment(user, comment: Comment) -> None:
    if comment.user_id != user.pk:
        raise NotTheAuthor(_("Only its author can change this comment."))
    if not comment.is_visible:
        raise NotTheAuthor(_("This comment was removed or hidden, so it cannot be changed."))
    if comment.page.specific.comments_locked:
        raise CommentsClosed(_("This conversation is locked: it takes no changes."))


def edit_comment(user, comment: Comment, body: str) -> Comment:
    """New text for one's own comment; the thread then says it was edited."""
    _own_visible_comment(user, comment)
    comment.comment = clean_body(body)
    comment.edited_at = timezone.now()
    Comment.objects.filter(pk=comment.pk).update(
        comment=comment.comment, edited_at=comment.edited_at
    )
    comment_changed.send(sender=Comment, comment=comment)
    return comment


def delete_comment(user, comment: Comment) -> None:
    """Remove one's own comment; replies to it stay, under a placeholder."""
    _own_visible_comment(user, comment)
    comment.is_removed = True
    Comment.objects.filter(pk=comment.pk).update(is_removed=True)
    comment_changed.send(sender=Comment, comment=comment)


# Reactions


def _toggle(model, lookup: dict, user, kind: str) -> str | None:
    if kind not in ReactionKind.values:
        raise ValidationError(_("Choose one of the reactions shown."))
    current = model.objects.filter(user=user, **lookup).first()
    if current is not None and current.kind == kind:
        current.delete()
        return None
    try:
        with transaction.atomic():
            model.objects.update_or_create(user=user, **lookup, defaults={"kind": kind})
    except IntegrityError:
        # A second click raced the first; the latest choice wins. Saved rather
        # than updated, so what caches reactions (`conversation.threads`,
        # `conversation.signals`) hears of it as of any other change.
        for raced in model.objects.filter(user=user, **lookup):
            raced.kind = kind
            raced.save(update_fields=["kind"])
    return kind


def react_to_comment(user, comment: Comment, kind: str) -> str | None:
    """Set, change or (choosing the same again) take back a reaction; return the one left."""
    if not comment.is_visible or not takes_part(user, comment.page.specific):
        raise CommentsClosed(_("This comment is no longer there."))
    return _toggle(CommentReaction, {"comment": comment}, user, kind)


def react_to_page(user, page: Page, kind: str) -> str | None:
    if not takes_part(user, page):
        raise CommentsClosed(_("Reactions are turned off on this page."))
    return _toggle(PageReaction, {"page": page}, user, kind)


# Flags and moderation


def flag_comment(user, comment: Comment, reason: str, note: str = "") -> bool:
    """Ask the moderators to look at a comment; return whether it is a new flag."""
    if comment.user_id == user.pk:
        raise ValidationError(_("You cannot flag your own comment: edit or delete it instead."))
    if not comment.is_visible or not takes_part(user, comment.page.specific):
        raise CommentsClosed(_("This comment is no longer there."))
    if reason not in FlagReason.values:
        raise ValidationError({"reason": _("Choose a reason from the list.")})
    _flag, created = Flag.objects.get_or_create(
        user=user, comment=comment, defaults={"reason": reason, "note": note.strip()[:500]}
    )
    return created


def _check_moderator(user, comment: Comment) -> None:
    if not can_moderate(user, comment.page):
        raise NotAModerator(_("Only the people who look after this page can moderate it."))


def _review_flags(user, comment: Comment) -> None:
    Flag.objects.filter(comment=comment, reviewed_at__isnull=True).update(
        reviewed_at=timezone.now(), reviewed_by=user
    )
    mark_changed("flags")


@transaction.atomic
def hide_comment(moderator, comment: Comment) -> None:
    """Hide a comment from everyone but moderators; its flags count as reviewed."""
    _check_moderator(moderator, comment)
    comment.is_public, comment.hidden_by = False, moderator
    Comment.objects.filter(pk=comment.pk).update(is_public=False, hidden_by=moderator)
    comment_changed.send(sender=Comment, comment=comment)
    _review_flags(moderator, comment)


def restore_comment(moderator, comment: Comment) -> None:
    _check_moderator(moderator, comment)
    comment.is_public, comment.hidden_by = True, None
    Comment.objects.filter(pk=comment.pk).update(is_public=True, hidden_by=None)
    comment_changed.send(sender=Comment, comment=comment)


def dismiss_flags(moderator, comment: Comment) -> None:
    """The comment can stay: its open flags are marked reviewed."""
    _check_moderator(moderator, comment)
    _review_flags(moderator, comment)


@transaction.atomic
def set_locked(moderator, page: CommentableMixin, locked: bool) -> None:
    """Lock or unlock a page's conversation without publishing a new revision.

    The live row and the latest revision both change, so the page editor shows
    the same value and publishing a draft later keeps the moderator's choice.
    """
    if not isinstance(page, CommentableMixin) or not can_moderate(moderator, page):
        raise NotAModerator(_("Only the people who look after this page can lock it."))
    type(page).objects.filter(pk=page.pk).update(comments_locked=locked)
    # Lists of pages say which discussions are locked; update() sends no signal.
    mark_changed("pages")
    page.comments_locked = locked
    revision = page.latest_revision
    if revision is not None:
        revision.content["comments_locked"] = locked
        revision.save(update_fields=["content"])
