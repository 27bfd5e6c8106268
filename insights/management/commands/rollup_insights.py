import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from insights import rollups

# Below this, the raw rows would be gone before the windows and the quiet rule read them.
MIN_RETENTION_DAYS = rollups.RAW_DAYS_NEEDED + 3


def parse_day(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--date must be a date like 2026-01-31, not {value!r}.") from None


class Command(BaseCommand):
    help = (
        "Roll the raw page views and events up into one row per page, community and day, "
        "then delete raw rows older than INSIGHTS_RETENTION_DAYS. Idempotent: a day rolled "
        "up again is counted afresh. Schedule it nightly; by default it rolls up yesterday."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", help="The last day to roll up, as YYYY-MM-DD (default: yesterday)."
        )
        parser.add_argument(
            "--days",
            default="1",
            help="How many days to roll up, ending on --date (default: 1).",
        )

    def handle(self, *args, date=None, days="1", **options):
        if settings.INSIGHTS_RETENTION_DAYS < MIN_RETENTION_DAYS:
            raise CommandError(
                f"INSIGHTS_RETENTION_DAYS is {settings.INSIGHTS_RETENTION_DAYS}; it must be at "
                f"least {MIN_RETENTION_DAYS} so the roll-up can count its windows."
            )
        today = timezone.localdate()
        last = parse_day(date) if date else today - datetime.timedelta(days=1)
        try:
            count = int(days)
        except ValueError:
            raise CommandError(f"--days must be a whole number, not {days!r}.") from None
        if count < 1:
            raise CommandError("--days must be at least 1.")
        if last > today:
            raise CommandError(f"--date {last} is in the future: nothing has happened yet.")
        first = last - datetime.timedelta(days=count - 1)
        oldest = rollups.oldest_day_with_raw_rows(today)
        if first < oldest:
            raise CommandError(
                f"Cannot roll up {first}: raw events are kept {settings.INSIGHTS_RETENTION_DAYS} "
                f"days, so the oldest day that can be counted again is {oldest}. "
                "Its existing roll-up is left as it is."
            )
        for offset in range(count):
            result = rollups.rollup_day(first + datetime.timedelta(days=offset))
            self.stdout.write(
                f"{result.day}: {result.pages} pages and {result.communities} communities."
            )
        deleted = rollups.delete_old_raw_rows(today)
        self.stdout.write(f"Deleted {deleted} raw rows older than the retention period.")
