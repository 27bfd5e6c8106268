"""Telling people about a comment is the worker's job, and no email goes twice."""

from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from django.core import mail
from django.test import override_settings

from conversation import services as conversation
from intranet.factories import UserFactory
from notifications import services
from notifications.factories import NotificationFactory, PageFollowFactory
from notifications.models import Notification
from tests.helpers import DATABASE_QUEUE, WITH_A_WORKER, run_worker_until_the_queue_is_empty


@WITH_A_WORKER
def test_a_comment_reaches_its_followers_through_the_worker(discussion, employee):
    follower = UserFactory(username="kofi")
    PageFollowFactory(user=follower, page=discussion)
    with override_settings(TASKS=DATABASE_QUEUE):
        conversation.post_comment(employee, discussion, "Booked for Friday")
        # The request answered without telling anyone: the fan-out waits in the queue.
        assert not Notification.objects.filter(recipient=follower).exists()
        fan_out = DBTaskResult.objects.get(task_path__endswith="notify_about_comment_task")
        assert fan_out.status == TaskResultStatus.READY

        run_worker_until_the_queue_is_empty()

    fan_out.refresh_from_db()
    assert fan_out.status == TaskResultStatus.SUCCESSFUL
    told = Notification.objects.get(recipient=follower)
    assert (told.kind, told.comment.comment) == ("comment", "Booked for Friday")


@WITH_A_WORKER
def test_a_comment_deleted_before_the_worker_came_tells_no_one(discussion, employee):
    follower = UserFactory(username="kofi")
    PageFollowFactory(user=follower, page=discussion)
    with override_settings(TASKS=DATABASE_QUEUE):
        comment = conversation.post_comment(employee, discussion, "Oops, wrong page")
        comment.delete()
        run_worker_until_the_queue_is_empty()
    assert not Notification.objects.exists()
    fan_out = DBTaskResult.objects.get(task_path__endswith="notify_about_comment_task")
    assert fan_out.status == TaskResultStatus.SUCCESSFUL


def test_an_email_that_fails_is_owed_and_the_others_are_not_sent_again(db):
    NotificationFactory(recipient__email="ana@example.com", email="daily")
    # A header with a line break is refused by every email backend.
    broken = NotificationFactory(recipient__email="bo\n@example.com", email="daily")

    try:
        services.send_digests("daily")
    except services.EmailsNotSent as error:
        assert str(error) == "1 of 2 emails not sent"
    else:
        raise AssertionError("the broken address was sent to")
    assert [email.to for email in mail.outbox] == [["ana@example.com"]]
    broken.refresh_from_db()
    assert broken.emailed_at is None

    broken.recipient.email = "bo@example.com"
    broken.recipient.save()
    assert services.send_digests("daily") == 1
    assert [email.to for email in mail.outbox] == [["ana@example.com"], ["bo@example.com"]]


def test_a_comment_queues_only_its_fan_out_and_the_page_s_reindexing(discussion, employee):
    with override_settings(TASKS=DATABASE_QUEUE):
        conversation.post_comment(employee, discussion, "Booked for Friday")
    # Wagtail's reference index leaves comments out: they are no page's "Usage".
    assert sorted(DBTaskResult.objects.values_list("task_path", flat=True)) == [
        "notifications.tasks.notify_about_comment_task",
        "search.tasks.reindex_page_task",
    ]
