"""Turn what happens in the other apps into insights events.

Receivers here, rather than calls in each app's services, keep the other apps
unaware of insights: every way a row is made (a view, the admin, code) counts.
"""

from operator import attrgetter

from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from wagtail.signals import page_published

from communities.models import DiscussionPage, Membership
from conversation.models import Comment, CommentReaction, PageReaction
from guides.models import Acknowledgement, GuideCompletion
from insights import services
from insights.models import Event, EventKind, Suggestion, SuggestionVote
from insights.rollups import day_rolled_up
from insights.services import record_event
from intranet.caching import mark_changed


@receiver(day_rolled_up, dispatch_uid="insights.day_rolled_up")
def figures_changed(sender, day, **kwargs):
    # What is read from the roll-ups: the dashboard, the owners' quiet communities.
    mark_changed("insights")


# A new row of each model is one event: its kind, and where the row names its page.
CREATED_EVENTS = {
    Membership: (EventKind.JOIN, "community_id"),
    Comment: (EventKind.COMMENT, "page_id"),
    CommentReaction: (EventKind.REACTION, "comment.page_id"),
    PageReaction: (EventKind.REACTION, "page_id"),
    GuideCompletion: (EventKind.COMPLETION, "guide_id"),
    Acknowledgement: (EventKind.ACKNOWLEDGEMENT, "guide_id"),
}


def _record_created(kind: str, page_of):
    def receiver(sender, instance, created, raw=False, **kwargs):
        # A raw save is a fixture or a backup being loaded: it restores rows,
        # events included, rather than anyone doing anything.
        if created and not raw:
            record_event(kind, instance.user_id, page_of(instance))

    return receiver


for model, (kind, page_field) in CREATED_EVENTS.items():
    post_save.connect(
        _record_created(kind, attrgetter(page_field)),
        sender=model,
        weak=False,
        dispatch_uid=f"insights.created.{model._meta.label_lower}",
    )


@receiver(post_delete, sender=Membership, dispatch_uid="insights.left")
def left(sender, instance, origin=None, **kwargs):
    # Only a membership deleted for itself is someone leaving. One deleted
    # because its person or community is being deleted is not, and an event
    # pointing at either would break the deletion's foreign keys.
    if isinstance(origin, Membership) or (
        isinstance(origin, QuerySet) and origin.model is Membership
    ):
        record_event(EventKind.LEAVE, instance.user_id, instance.community_id)


@receiver(page_published, sender=DiscussionPage, dispatch_uid="insights.discussion_started")
def discussion_started(sender, instance, **kwargs):
    # Publishing an edit is not starting again: only the first publication,
    # when Wagtail sets both dates to the same moment, counts. The event check
    # covers an edit saved from a copy of the page older than its first
    # publication, whose revision carries no first publication date.
    first = instance.first_published_at == instance.last_published_at
    if first and not Event.objects.filter(kind=EventKind.DISCUSSION, page=instance).exists():
        record_event(EventKind.DISCUSSION, instance.author_id, instance.pk)


# Listening


def file_feedback(sender, instance, raw=False, **kwargs):
    # Loading a fixture or a backup restores the entries with it.
    if not raw:
        services.file_in_inbox(instance)


for source_model in services.INBOX_SOURCES:
    post_save.connect(file_feedback, sender=source_model, dispatch_uid=f"inbox-{source_model}")


@receiver(pre_save, sender=Suggestion)
def date_the_answer(sender, instance, raw=False, **kwargs):
    if not raw:
        previous = Suggestion.objects.filter(pk=instance.pk).first() if instance.pk else None
        services.record_answer(instance, previous)


# End of Listening.


@receiver(post_save, sender=Suggestion, dispatch_uid="insights.suggestion_saved")
@receiver(post_delete, sender=Suggestion, dispatch_uid="insights.suggestion_deleted")
@receiver(post_save, sender=SuggestionVote, dispatch_uid="insights.suggestion_vote_saved")
@receiver(post_delete, sender=SuggestionVote, dispatch_uid="insights.suggestion_vote_deleted")
def suggestions_changed(sender, instance, **kwargs):
    mark_changed("suggestions")
