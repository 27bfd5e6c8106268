"""Background tasks, for a scheduler to enqueue (https://github.com/RealOrangeOne/django-tasks)."""

import datetime

from django_tasks import task

from django.utils import timezone

from insights import rollups


@task()
def rollup_insights_task() -> int:
    """Roll up yesterday and delete old raw rows; what `rollup_insights` does by default."""
    today = timezone.localdate()
    rollups.rollup_day(today - datetime.timedelta(days=1))
    return rollups.delete_old_raw_rows(today)
