import datetime

from django.core.management.base import BaseCommand, CommandError

from guides.reviews import send_review_reminders


class Command(BaseCommand):
    help = (
        "Email content owners about pages due or overdue for review, then escalate to the "
        "community's lead or the Communicators. Run it daily: each reminder is sent once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--today",
            help="Act as if today were this date (YYYY-MM-DD), to catch up or to rehearse.",
        )

    def handle(self, *args, today=None, **options):
        day = None
        if today:
            try:
                day = datetime.date.fromisoformat(today)
            except ValueError as error:
                raise CommandError(
                    f"--today must be a date such as 2026-03-31, not {today!r}."
                ) from error
        sent = send_review_reminders(day)
        self.stdout.write(f"Review reminders sent: {sent}.")
