"""Every periodic job, with its time: the one place the timetable is written.

`manage.py run_schedule`, which cron or a systemd timer starts every minute
(`deploy/`), queues each job whose latest slot has not been queued yet. A slot
missed while nothing ran the scheduler (a reboot across 07:00) is queued late,
once; older missed slots are not. Times are in TIME_ZONE. Tasks are named by
their dotted path, as settings name classes, so that this lowest app imports
none of the apps above it.
"""

import datetime
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.module_loading import import_string

from intranet.models import ScheduledRun


@dataclass(frozen=True)
class Job:
    """`task` every `every` (slots counted from midnight), or daily `at` a time,
    or weekly `at` a time on `weekday` (0 is Monday)."""

    name: str
    task: str
    args: tuple = ()
    every: datetime.timedelta | None = None
    at: datetime.time | None = None
    weekday: int | None = None

    def latest_slot(self, now: datetime.datetime) -> datetime.datetime:
        """The start of the latest slot at or before `now` (an aware local time)."""
        midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
        if self.every is not None:
            return midnight + (now - midnight) // self.every * self.every
        slot = datetime.datetime.combine(now.date(), self.at, tzinfo=now.tzinfo)
        if self.weekday is None:
            return slot if slot <= now else slot - datetime.timedelta(days=1)
        slot -= datetime.timedelta(days=(now.weekday() - self.weekday) % 7)
        return slot if slot <= now else slot - datetime.timedelta(days=7)


MINUTE = datetime.timedelta(minutes=1)

SCHEDULE = (
    # /healthz/ reads when a worker last ran it: a stale one means no worker,
    # or no scheduler, is running.
    Job("heartbeat", "intranet.tasks.heartbeat_task", every=MINUTE),
    # Immediate emails wait NOTIFICATION_EMAIL_DELAY_MINUTES so several events
    # make one email; this finds the ones whose wait is over.
    Job(
        "notification-emails",
        "notifications.tasks.send_notification_emails_task",
        every=5 * MINUTE,
    ),
    Job(
        "daily-digests",
        "notifications.tasks.send_digests_task",
        args=("daily",),
        at=datetime.time(7, 0),
    ),
    Job(
        "weekly-digests",
        "notifications.tasks.send_digests_task",
        args=("weekly",),
        at=datetime.time(7, 0),
        weekday=0,
    ),
    Job("review-reminders", "guides.tasks.send_review_reminders_task", at=datetime.time(7, 0)),
    # Yesterday's roll-up (which the health figures and quiet-community alerts
    # read) and the expiry of raw events past INSIGHTS_RETENTION_DAYS.
    Job("insights-rollup", "insights.tasks.rollup_insights_task", at=datetime.time(0, 15)),
    # Wagtail indexes what is saved; this catches what changed without a save.
    Job("search-index", "search.tasks.update_index_task", at=datetime.time(3, 0)),
    Job("prune-task-records", "intranet.tasks.prune_task_records_task", at=datetime.time(3, 30)),
    # A worker killed mid-task leaves its task running: it is failed, then retried.
    Job("recover-stalled-tasks", "intranet.tasks.recover_stalled_tasks_task", every=10 * MINUTE),
)


def queue_due_jobs(now: datetime.datetime, schedule=SCHEDULE) -> list[ScheduledRun]:
    """Queue each job whose latest slot at `now` is not queued yet; return the runs queued.

    The run's row and the task go in one transaction: if the queue refuses the
    task, the slot stays free for the next minute.
    """
    queued = []
    for job in schedule:
        try:
            with transaction.atomic():
                run = ScheduledRun.objects.create(job=job.name, slot=job.latest_slot(now))
                run.task_result_id = import_string(job.task).enqueue(*job.args).id
                run.save(update_fields=["task_result_id"])
        except IntegrityError:
            # Queued already, by an earlier minute or by another server.
            continue
        queued.append(run)
    return queued
