"""The intranet's own background tasks: the workers' heartbeat and the housekeeping."""

import socket
from datetime import timedelta

from django_tasks import task
from django_tasks_db.models import DBTaskResult

from django.utils import timezone

from intranet import retries
from intranet.models import Export, ScheduledRun, TaskRetry, WorkerHeartbeat

# Finished tasks stay visible in the admin this long; failed ones longer, to be looked into.
KEEP_SUCCESSFUL = timedelta(days=7)
KEEP_FAILED = timedelta(days=30)
# What the export's email promises (`intranet/export_ready_email.txt`).
KEEP_EXPORTS = timedelta(days=7)
# Longer than any task runs (a nightly `update_index` included): a task still
# running after this lost its worker.
STALLED_AFTER = timedelta(hours=2)


class WorkerLost(Exception):
    """The worker running the task stopped before it finished (killed, or its machine)."""


@task()
def heartbeat_task() -> None:
    WorkerHeartbeat.objects.update_or_create(
        host=socket.gethostname(), defaults={"seen_at": timezone.now()}
    )


@task()
def prune_task_records_task() -> int:
    """Delete old task results (of the database backend), scheduled runs, retry counts and
    exports with their files; return how many."""
    now = timezone.now()
    successful, _ = (
        DBTaskResult.objects.successful().filter(finished_at__lt=now - KEEP_SUCCESSFUL).delete()
    )
    failed, _ = DBTaskResult.objects.failed().filter(finished_at__lt=now - KEEP_FAILED).delete()
    runs, _ = ScheduledRun.objects.filter(slot__lt=now - KEEP_SUCCESSFUL).delete()
    counts, _ = TaskRetry.objects.filter(next_attempt_at__lt=now - retries.FORGET_AFTER).delete()
    old_exports = Export.objects.filter(requested_at__lt=now - KEEP_EXPORTS)
    for export in old_exports.exclude(file=""):
        export.file.delete(save=False)
    exported, _ = old_exports.delete()
    return successful + failed + runs + counts + exported


@task()
def recover_stalled_tasks_task() -> int:
    """Fail the tasks of the database backend whose worker was lost mid-task, so that they
    are retried (`intranet.retries`) rather than left running forever; return how many.

    The database backend marks a task running when a worker claims it and
    finished when it ends: a worker killed in between leaves it running.
    """
    stalled = DBTaskResult.objects.running().filter(started_at__lt=timezone.now() - STALLED_AFTER)
    for result in stalled:
        result.set_failed(WorkerLost(f"no result {STALLED_AFTER} after it started"))
        retries.follow_up(result.task_result)
    return len(stalled)
