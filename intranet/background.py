"""Queue background work so that the worker finds what it names.

The database backend writes the task in the transaction that queues it: the
worker sees it only once the comment or page it names is committed, and never
if that transaction rolls back. The immediate backend (the tests) runs it at
once, in that transaction, as the work ran before it had a queue. Any other
backend (RQ on Redis) is outside the transaction, so the task is queued only
after it commits.
"""

from functools import partial

from django_tasks.backends.immediate import ImmediateBackend
from django_tasks.base import Task
from django_tasks_db import DatabaseBackend

from django.db import transaction


def enqueue_with_transaction(task: Task, *args) -> None:
    if isinstance(task.get_backend(), DatabaseBackend | ImmediateBackend):
        task.enqueue(*args)
    else:
        transaction.on_commit(partial(task.enqueue, *args))
