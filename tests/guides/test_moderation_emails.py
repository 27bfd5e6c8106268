"""Wagtail's moderation emails go from the worker, not from the request that moderates."""

from django_tasks_db.models import DBTaskResult

from django.core import mail

from intranet.moderation_emails import send_moderation_email_task
from tests.helpers import DATABASE_QUEUE


def test_a_guide_submitted_for_review_emails_the_reviewers_from_the_worker(
    make_guide, communicator, second_communicator, settings
):
    settings.TASKS = DATABASE_QUEUE
    second_communicator.email = "cora@example.com"
    second_communicator.save()
    guide = make_guide(title="Lunch breaks")
    guide.save_revision(user=communicator)

    guide.get_workflow().start(guide, communicator)
    assert mail.outbox == []
    queued = DBTaskResult.objects.filter(task_path__endswith="send_moderation_email_task")
    assert queued.count() == 2  # the workflow's submission and its first task's

    for result in queued:
        send_moderation_email_task.call(*result.args_kwargs["args"])
    assert [email.to for email in mail.outbox] == [["cora@example.com"]]
    assert "Lunch breaks" in mail.outbox[0].subject


def test_a_state_gone_before_the_worker_came_sends_nothing(db):
    gone = ("workflow_state_approved_email_notification", 999_999, None)
    assert send_moderation_email_task.call(*gone) is False
    assert mail.outbox == []
