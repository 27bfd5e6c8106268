"""The intranet's own background tasks: the workers' heartbeat and the queue's housekeeping."""

import socket
from datetime import timedelta

from django_tasks import task
from django_tasks_db.models import DBTaskResult

from django.utils import timezone

from intranet.models import ScheduledRun, TaskRetry, WorkerHeartbeat
from intranet.retries import FORGET_AFTER

# Finished tasks stay visible in the admin this long; failed ones longer, to be looked into.
KEEP_SUCCESSFUL = timedelta(days=7)
KEEP_FAILED = timedelta(days=30)


@task()
def heartbeat_task() -> None:
    WorkerHeartbeat.objects.update_or_create(
        host=socket.gethostname(), defaults={"seen_at": timezone.now()}
    )


@task()
def prune_task_records_task() -> int:
    """Delete old task results (of the database backend), scheduled runs and retry counts;
    return how many."""
    now = timezone.now()
    successful, _ = (
        DBTaskResult.objects.successful().filter(finished_at__lt=now - KEEP_SUCCESSFUL).delete()
    )
    failed, _ = DBTaskResult.objects.failed().filter(finished_at__lt=now - KEEP_FAILED).delete()
    runs, _ = ScheduledRun.objects.filter(slot__lt=now - KEEP_SUCCESSFUL).delete()
    retries, _ = TaskRetry.objects.filter(next_attempt_at__lt=now - FORGET_AFTER).delete()
    return successful + failed + runs + retries
