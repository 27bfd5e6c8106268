"""A task that fails is tried again after a growing pause, then left failed for an administrator.

Any backend: the failed result's own record (its traceback in the admin's
"Background tasks" for the database backend) stays, and a new one is queued
with a delay of RETRY_DELAY × 4ⁿ⁻¹ after the nth failure: 1, 4 and 16 minutes.
The work must be idempotent, as the tasks here are: a fan-out is one
transaction and an email is marked sent before it goes.
"""

import hashlib
import json
from datetime import timedelta

from django_tasks import TaskResult, TaskResultStatus

from django.db import transaction
from django.utils import timezone

from intranet.models import TaskRetry

RETRIES = 3
RETRY_DELAY = timedelta(minutes=1)
FORGET_AFTER = timedelta(days=1)


def retry_key(task_result: TaskResult) -> str:
    call = [task_result.task.module_path, task_result.args, task_result.kwargs]
    return hashlib.sha256(json.dumps(call, sort_keys=True).encode()).hexdigest()


def delay_after(failures: int) -> timedelta:
    return RETRY_DELAY * 4 ** (failures - 1)


class NotRetried(Exception):
    """A failure that trying again would only repeat: the work was refused, not broken.

    The task is recorded as failed, for the administrators, and not queued again.
    """


def follow_up(task_result: TaskResult) -> None:
    """After a failure, queue the task again after a pause, or give up after RETRIES."""
    if task_result.status != TaskResultStatus.FAILED:
        return
    if task_result.errors and issubclass(task_result.errors[-1].exception_class, NotRetried):
        return
    now = timezone.now()
    with transaction.atomic():
        retry, _ = TaskRetry.objects.select_for_update().get_or_create(
            key=retry_key(task_result), defaults={"task_path": task_result.task.module_path}
        )
        # Left from failures that a retry recovered from: this one starts afresh.
        # (Forgetting them here spares every successful task a query.)
        if retry.next_attempt_at is not None and retry.next_attempt_at < now - FORGET_AFTER:
            retry.failures = 0
        retry.failures += 1
        if retry.failures > RETRIES:
            retry.delete()
            return
        task = task_result.task
        retry.next_attempt_at = now + delay_after(retry.failures)
        # The immediate backend (the tests) cannot wait: it tries again at once.
        if task.get_backend().supports_defer:
            task = task.using(run_after=retry.next_attempt_at)
        # Saved before queueing: the immediate backend runs the retry inside `enqueue`.
        retry.save()
        task.enqueue(*task_result.args, **task_result.kwargs)
