"""Signals other apps listen to.

The services change comments with `update()`, which sends no `post_save`; they
send `comment_changed` instead, so what depends on a comment's text or
visibility (the search index) can follow. `comment_posted` lets the apps built
on conversation (notifications) react to a new comment without conversation
importing them.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal, receiver

from conversation.models import Comment, CommentReaction, Flag
from intranet.caching import at_and_above, at_and_above_path, mark_changed

# Sent with `comment` after its text or visibility changed.
comment_changed = Signal()
# Sent with `comment`, its `page` and its `parent` (or None) when someone posts
# a comment, inside the transaction that saves it: notifications tell people.
comment_posted = Signal()


# The stamps of conversations (`intranet.caching`): "comments" for lists
# drawn from the whole tree (the home page's, a person's), "comments"
# `at_and_above` the page for the lists of one part of it (a community
# page's), and "conversation:<page id>" for one page's threads and the
# reactions to its comments. Reactions to a page are read for each view.
# "comment-changes" is marked only when a comment already shown changes
# (edited, hidden, restored, removed or deleted): search results, which a
# new comment only adds to, follow it at once and new comments within their
# shorter lifetime (`search.results`).
def comments_changed_on(page_id: int, *more: str, path: str = "") -> None:
    # The page's tree `path`, when known, spares reading it.
    above = at_and_above_path("comments", path) if path else at_and_above("comments", page_id)
    mark_changed("comments", f"conversation:{page_id}", *above, *more)


def is_complete_save(created: bool) -> bool:
    """Whether a comment's `post_save` is the one to follow.

    django-comments-xtd saves a new comment twice: first to get its id, then
    with its thread. Only the second is followed, so a comment marks the
    stamps and re-indexes its page once, with its thread known. The services
    change existing comments with `update()` and send `comment_changed`.
    """
    return not created


# "flags": the open flags a moderator's home page and dashboard list. Reviewing
# them (`services.dismiss_flags`, `hide_comment`) is an `update()` and marks it there.
@receiver(post_save, sender=Flag, dispatch_uid="conversation.flag_saved")
@receiver(post_delete, sender=Flag, dispatch_uid="conversation.flag_deleted")
def flags_changed(sender, **kwargs):
    mark_changed("flags")


@receiver(post_save, sender=Comment, dispatch_uid="conversation.comment_saved")
def comment_saved(sender, instance, created=False, **kwargs):
    if is_complete_save(created):
        # The page is in hand when the services post a comment.
        comments_changed_on(instance.page_id, path=instance.page.path)


@receiver(post_delete, sender=Comment, dispatch_uid="conversation.comment_deleted")
def comment_deleted(sender, instance, **kwargs):
    comments_changed_on(instance.page_id, "comment-changes")


@receiver(comment_changed, dispatch_uid="conversation.comment_changed")
def comment_updated(sender, comment, **kwargs):
    comments_changed_on(comment.page_id, "comment-changes")


@receiver(post_save, sender=CommentReaction, dispatch_uid="conversation.comment_reaction_saved")
@receiver(post_delete, sender=CommentReaction, dispatch_uid="conversation.comment_reaction_deleted")
def comment_reaction_changed(sender, instance, **kwargs):
    pages = Comment.objects.filter(pk=instance.comment_id).values_list("page_id", flat=True)
    # Empty when the comment is being deleted with its reactions: it marks itself.
    mark_changed(*(f"conversation:{page_id}" for page_id in pages))
