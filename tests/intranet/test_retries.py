"""A failed task is tried again after a growing pause, sends no email twice, and shows in the
admin with its error; so is one whose worker was killed mid-task."""

from datetime import timedelta

import pytest
from django_tasks import TaskResultStatus
from django_tasks.signals import task_started
from django_tasks_db.models import DBTaskResult

from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from intranet.factories import UserFactory
from intranet.models import TaskRetry, WorkerHeartbeat
from intranet.retries import RETRIES, delay_after
from intranet.tasks import STALLED_AFTER, heartbeat_task, recover_stalled_tasks_task
from notifications.factories import NotificationFactory
from notifications.tasks import send_digests_task
from tests.helpers import DATABASE_QUEUE, WITH_A_WORKER, run_worker_until_the_queue_is_empty


def make_the_waiting_retry_due():
    DBTaskResult.objects.filter(status=TaskResultStatus.READY).update(run_after=timezone.now())


@pytest.fixture
def a_broken_address(db):
    """Two people with a digest owed; the second one's address cannot be sent to."""
    NotificationFactory(recipient__email="ana@example.com", email="daily")
    # A header with a line break is refused by every email backend.
    return NotificationFactory(recipient__email="bo\n@example.com", email="daily").recipient


def test_the_pause_grows_fourfold():
    assert [delay_after(n) for n in (1, 2, 3)] == [
        timedelta(minutes=1),
        timedelta(minutes=4),
        timedelta(minutes=16),
    ]


@WITH_A_WORKER
def test_a_retry_after_a_failure_sends_no_second_email(a_broken_address):
    with override_settings(TASKS=DATABASE_QUEUE):
        send_digests_task.enqueue("daily")
        run_worker_until_the_queue_is_empty()

        first = DBTaskResult.objects.get(status=TaskResultStatus.FAILED)
        assert first.traceback.strip().endswith("EmailsNotSent: 1 of 2 emails not sent")
        retry = DBTaskResult.objects.get(status=TaskResultStatus.READY)
        # Not before its pause is over: the worker left it.
        expected = first.finished_at + delay_after(1)
        assert abs(retry.run_after - expected) < timedelta(seconds=5)
        assert TaskRetry.objects.get().failures == 1

        make_the_waiting_retry_due()
        run_worker_until_the_queue_is_empty()
        assert DBTaskResult.objects.failed().count() == 2
        # ana had her digest the first time, and only then.
        assert [email.to for email in mail.outbox] == [["ana@example.com"]]

        a_broken_address.email = "bo@example.com"
        a_broken_address.save()
        make_the_waiting_retry_due()
        run_worker_until_the_queue_is_empty()

    assert DBTaskResult.objects.successful().get().return_value == 1
    assert [email.to for email in mail.outbox] == [["ana@example.com"], ["bo@example.com"]]


def test_it_gives_up_after_the_last_retry(a_broken_address):
    attempts = []

    def count(sender, task_result, **kwargs):
        attempts.append(task_result.task.module_path)

    task_started.connect(count)
    try:
        # The test settings run each attempt at once, without the pause.
        assert send_digests_task.enqueue("daily").status == TaskResultStatus.FAILED
    finally:
        task_started.disconnect(count)
    assert len(attempts) == 1 + RETRIES
    assert [email.to for email in mail.outbox] == [["ana@example.com"]]
    assert not TaskRetry.objects.exists()


@WITH_A_WORKER
def test_the_admin_lists_failed_tasks_with_their_error(a_broken_address, client):
    with override_settings(TASKS=DATABASE_QUEUE):
        send_digests_task.enqueue("daily")
        run_worker_until_the_queue_is_empty()
    client.force_login(UserFactory(username="admin", is_superuser=True, is_staff=True))
    listing = client.get(reverse("django_tasks_database_dbtaskresult_modeladmin_index"))
    listing = listing.content.decode()
    assert "notifications.tasks.send_digests_task" in listing
    assert "Failed" in listing
    assert "EmailsNotSent: 1 of 2 emails not sent" in listing
    assert "Ready" in listing
    # Its page shows the whole traceback (its key is a UUID, not a whole number).
    failed = DBTaskResult.objects.get(status=TaskResultStatus.FAILED)
    inspect = reverse("django_tasks_database_dbtaskresult_modeladmin_inspect", args=[failed.pk])
    page = client.get(inspect)
    assert page.status_code == 200
    assert "Traceback (most recent call last)" in page.content.decode()
    assert client.get(inspect.replace(str(failed.pk), "not-a-key")).status_code == 404


@WITH_A_WORKER
def test_a_task_whose_worker_was_killed_mid_task_is_run_again():
    with override_settings(TASKS=DATABASE_QUEUE):
        heartbeat_task.enqueue()
        lost = DBTaskResult.objects.get()
        # A worker claimed it and was killed before it finished.
        lost.claim("a-killed-worker")
        heartbeat_task.enqueue()
        running_now = DBTaskResult.objects.exclude(pk=lost.pk).get()
        running_now.claim("a-busy-worker")
        DBTaskResult.objects.filter(pk=lost.pk).update(
            started_at=timezone.now() - STALLED_AFTER - timedelta(minutes=1)
        )

        assert recover_stalled_tasks_task.call() == 1
        lost.refresh_from_db()
        assert lost.status == TaskResultStatus.FAILED
        assert lost.traceback.startswith("intranet.tasks.WorkerLost: no result 2:00:00 after")
        running_now.refresh_from_db()
        assert running_now.status == TaskResultStatus.RUNNING

        make_the_waiting_retry_due()
        run_worker_until_the_queue_is_empty()
    assert DBTaskResult.objects.successful().get().task_path == "intranet.tasks.heartbeat_task"
    assert WorkerHeartbeat.objects.exists()
