"""A discussion's first publication tells its community (see `services.notify_about_discussion`),
a new comment the people it concerns (`services.notify_about_comment`), a change
to a community's membership the people it concerns (`services.notify_about_membership`),
the verdict of a review whoever submitted the page (`services.notify_about_review`), and a
reminder to acknowledge a must-read those still to do it (`services.notify_about_reminder`).

The first two and the reminders can reach thousands of people: the worker fans them out, so the
author's request waits for none of them (`intranet.background`)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.models import PageLogEntry
from wagtail.signals import page_published, workflow_approved, workflow_rejected

from communities.models import DiscussionPage, MembershipEvent
from conversation.models import Flag
from conversation.signals import comment_posted
from guides.services import acknowledgement_reminder_sent
from intranet.background import enqueue_with_transaction
from intranet.caching import mark_changed
from notifications import services, tasks
from notifications.models import PageFollow, PersonFollow


@receiver(page_published, sender=DiscussionPage, dispatch_uid="notifications.new_discussion")
def new_discussion(sender, instance, revision, **kwargs):
    # Later publications are edits, not news. Wagtail logs a publication just
    # after this signal, so the first one finds no entry yet. The log is asked
    # rather than the page's dates: an edit made from a stale instance
    # publishes a revision that has no first publication date yet.
    if not PageLogEntry.objects.filter(page_id=instance.pk, action="wagtail.publish").exists():
        enqueue_with_transaction(tasks.notify_about_discussion_task, instance.pk)


@receiver(comment_posted, dispatch_uid="notifications.comment_posted")
def new_comment(sender, comment, page, parent, **kwargs):
    enqueue_with_transaction(
        tasks.notify_about_comment_task, comment.pk, parent.pk if parent is not None else None
    )


@receiver(post_save, sender=MembershipEvent, dispatch_uid="notifications.membership_event")
def membership_event(sender, instance, created, **kwargs):
    # Each line of a community's membership log is one event for the people it concerns.
    if created:
        services.notify_about_membership(instance)


@receiver(post_save, sender=Flag, dispatch_uid="notifications.flag_raised")
def flag_raised(sender, instance, created, **kwargs):
    if created:
        services.notify_about_flag(instance)


@receiver(acknowledgement_reminder_sent, dispatch_uid="notifications.reminder_sent")
def reminder_sent(sender, reminder, **kwargs):
    enqueue_with_transaction(tasks.notify_about_reminder_task, reminder.pk)


@receiver(workflow_approved, dispatch_uid="notifications.workflow_approved")
def workflow_approved_tells_submitter(sender, instance, user=None, **kwargs):
    services.notify_about_review(instance, user, approved=True)


@receiver(workflow_rejected, dispatch_uid="notifications.workflow_rejected")
def workflow_rejected_tells_submitter(sender, instance, user=None, **kwargs):
    services.notify_about_review(instance, user, approved=False)


@receiver(post_save, sender=PageFollow, dispatch_uid="notifications.page_follow_saved")
@receiver(post_delete, sender=PageFollow, dispatch_uid="notifications.page_follow_deleted")
@receiver(post_save, sender=PersonFollow, dispatch_uid="notifications.person_follow_saved")
@receiver(post_delete, sender=PersonFollow, dispatch_uid="notifications.person_follow_deleted")
def follows_changed(sender, instance, **kwargs):
    # What one person follows (`intranet.caching`).
    mark_changed(f"person:{instance.user_id}")
