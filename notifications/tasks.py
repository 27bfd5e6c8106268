"""Background tasks (https://github.com/RealOrangeOne/django-tasks).

The fan-outs are all or nothing: a retry after a failure tells no one twice.
"""

from django_tasks import task

from django.db import transaction

from communities.models import DiscussionPage
from conversation.models import Comment
from guides.models import AcknowledgementReminder
from notifications import services


@task()
def notify_about_comment_task(comment_id: int, parent_id: int | None) -> None:
    comment = Comment.objects.select_related("user", "page").filter(pk=comment_id).first()
    # Deleted before the worker reached it: there is nothing to tell.
    if comment is None:
        return
    parent = Comment.objects.filter(pk=parent_id).first() if parent_id else None
    with transaction.atomic():
        services.notify_about_comment(comment, comment.page.specific, parent)


@task()
def notify_about_discussion_task(discussion_id: int) -> None:
    discussion = DiscussionPage.objects.filter(pk=discussion_id).first()
    if discussion is None:
        return
    with transaction.atomic():
        services.notify_about_discussion(discussion)


@task()
def notify_about_reminder_task(reminder_id: int) -> None:
    reminder = (
        AcknowledgementReminder.objects.select_related("guide", "sent_by")
        .filter(pk=reminder_id)
        .first()
    )
    if reminder is None:
        return
    with transaction.atomic():
        services.notify_about_reminder(reminder)


@task()
def send_notification_emails_task() -> int:
    return services.send_pending_emails()


@task()
def send_digests_task(frequency: str) -> int:
    return services.send_digests(frequency)
