from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


def worker_arguments() -> list[str]:
    """The worker of the configured task backend, on every queue, and its options."""
    if settings.TASKS["default"]["BACKEND"] == "django_tasks_rq.RQBackend":
        # RQ runs a task queued with a delay (a retry's back-off) only with its scheduler.
        return ["rqworker", "--job-class", "django_tasks_rq.Job", "--with-scheduler", "default"]
    return ["db_worker", "--queue-name", "*"]


class Command(BaseCommand):
    help = (
        "Run the background task worker of the configured backend (TASKS_BACKEND): "
        "`db_worker` for the database, `rqworker` for Redis."
    )

    def handle(self, *args, **options):
        call_command(*worker_arguments())
