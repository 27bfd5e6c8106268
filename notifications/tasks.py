"""Background tasks, for a scheduler to enqueue (https://github.com/RealOrangeOne/django-tasks)."""

from django_tasks import task

from notifications import services


@task()
def send_notification_emails_task() -> int:
    return services.send_pending_emails()


@task()
def send_digests_task(frequency: str) -> int:
    return services.send_digests(frequency)
