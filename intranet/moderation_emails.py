"""Wagtail's moderation emails (submitted for review, approved, rejected), sent by the worker.

Wagtail's admin sends them from receivers of its workflow signals, inside the
request that submits or moderates a page, one email at a time. The intranet
connects its own receivers first, under the admin's dispatch_uids: Django
connects a uid once per sender, so the admin's own registration, which runs
after (`wagtail.admin` comes later in INSTALLED_APPS), changes nothing. Each
receiver queues `send_moderation_email_task`, and the worker calls the admin's
same notifier: the emails, their templates and who receives them stay Wagtail's.
"""

from functools import partial

from django_tasks import task

from django.contrib.auth import get_user_model

from wagtail.admin import signal_handlers
from wagtail.models import TaskState, WorkflowState
from wagtail.signals import task_submitted, workflow_approved, workflow_rejected, workflow_submitted

from intranet.background import enqueue_with_transaction

# The admin's dispatch_uid for each (wagtail/admin/signal_handlers.py): its signal,
# its sender and the name of its notifier in that module.
NOTIFIERS = {
    "group_approval_task_submitted_email_notification": (
        task_submitted,
        TaskState,
        "task_submission_email_notifier",
    ),
    "workflow_state_submitted_email_notification": (
        workflow_submitted,
        WorkflowState,
        "workflow_submission_email_notifier",
    ),
    "workflow_state_rejected_email_notification": (
        workflow_rejected,
        WorkflowState,
        "workflow_rejection_email_notifier",
    ),
    "workflow_state_approved_email_notification": (
        workflow_approved,
        WorkflowState,
        "workflow_approval_email_notifier",
    ),
}


def queue(dispatch_uid: str, sender, instance=None, user=None, **kwargs) -> None:
    user_id = user.pk if user is not None else None
    enqueue_with_transaction(send_moderation_email_task, dispatch_uid, instance.pk, user_id)


def connect() -> None:
    for dispatch_uid, (signal, sender, _notifier) in NOTIFIERS.items():
        signal.connect(
            partial(queue, dispatch_uid), sender=sender, dispatch_uid=dispatch_uid, weak=False
        )


@task()
def send_moderation_email_task(dispatch_uid: str, pk: int, user_id: int | None) -> bool:
    """Send the admin's email about the workflow or task state `pk`; False when it is gone."""
    _signal, sender, notifier = NOTIFIERS[dispatch_uid]
    instance = sender.objects.filter(pk=pk).first()
    if instance is None:
        return False
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    send = getattr(signal_handlers, notifier)
    return bool(send(instance=instance, sender=sender, user=user))
