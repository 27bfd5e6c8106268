"""Background tasks, for a scheduler to enqueue (https://github.com/RealOrangeOne/django-tasks)."""

from django_tasks import task

from guides.reviews import send_review_reminders


@task()
def send_review_reminders_task() -> int:
    return send_review_reminders()
