"""What the intranet app keeps: the scheduler's record of runs, the workers' heartbeats,
the retries of failed tasks and the exports built in the background.

Django sends `post_migrate` only to apps with a models module, and the intranet
app creates the cache's table on it (`intranet.apps`).
"""

import uuid

from django.conf import settings
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


def export_file_path(export: "Export", filename: str) -> str:
    # A folder of its own that nobody can guess; /media/ never sends it (`intranet.media_access`).
    return f"exports/{uuid.uuid4().hex}/{filename}"


class Export(models.Model):
    """A spreadsheet export too long to build in the request (`intranet.exports`): the
    worker builds it from the report's address, as the person who asked for it."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting for a worker")
        RUNNING = "running", _("Being built")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("requested by"),
    )
    title = models.CharField(_("report"), max_length=255)
    path = models.CharField(_("address"), max_length=2048)
    query = models.TextField(_("filters"), blank=True)
    format = models.CharField(_("format"), max_length=8)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.QUEUED
    )
    file = models.FileField(_("file"), upload_to=export_file_path, max_length=512, blank=True)
    error = models.TextField(_("error"), blank=True)
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("emailed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-requested_at", "-pk"]

    def __str__(self):
        return f"{self.title} ({self.format.upper()})"
