"""What the intranet app keeps: the scheduler's record of runs and the workers' heartbeats.

Django sends `post_migrate` only to apps with a models module, and the intranet
app creates the cache's table on it (`intranet.apps`).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ScheduledRun(models.Model):
    """One run of a scheduled job (`intranet.schedules`) for one slot of its timetable.

    The row is the lock: `run_schedule` queues the job only when it is the one
    to insert the row, so two servers running the scheduler at the same minute
    queue each run once.
    """

    job = models.CharField(_("job"), max_length=64)
    slot = models.DateTimeField(_("slot"))
    queued_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    task_result_id = models.CharField(_("task result"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("scheduled run")
        verbose_name_plural = _("scheduled runs")
        constraints = [
            models.UniqueConstraint(fields=["job", "slot"], name="one_run_per_job_and_slot")
        ]

    def __str__(self):
        return f"{self.job} {self.slot:%Y-%m-%d %H:%M}"


class WorkerHeartbeat(models.Model):
    """When a task worker on `host` last ran the scheduled heartbeat (`intranet.tasks`)."""

    host = models.CharField(_("host"), max_length=255, unique=True)
    seen_at = models.DateTimeField(_("seen at"))

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self):
        return self.host


class TaskRetry(models.Model):
    """A task that failed and is being tried again (`intranet.retries`).

    One row per task and arguments, so the count carries across the attempts,
    which each have a result of their own; deleted when the last one fails,
    and a day after the last attempt (`intranet.tasks.prune_task_records_task`).
    """

    key = models.CharField(_("key"), max_length=64, unique=True)
    task_path = models.CharField(_("task"), max_length=255)
    failures = models.PositiveSmallIntegerField(_("failures"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True)

    class Meta:
        verbose_name = _("task retry")
        verbose_name_plural = _("task retries")

    def __str__(self):
        return self.task_path
