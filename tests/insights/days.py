"""Days relative to the day a test runs.

Read at each call, never at import: a parallel run collects its modules
well before it runs them, and may cross midnight in between.
"""

import datetime

from django.utils import timezone


def days_ago(n):
    return timezone.localdate() - datetime.timedelta(days=n)


def yesterday():
    return days_ago(1)
