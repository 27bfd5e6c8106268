from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError

from notifications.services import send_pending_emails


class Command(BaseCommand):
    help = (
        "Email the notifications people want at once, one email per person. Waits until "
        "their oldest pending notification is --minutes old (default: "
        "NOTIFICATION_EMAIL_DELAY), so events close together arrive together. "
        "Run it every few minutes from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument("--minutes", type=int, default=None)

    def handle(self, *args, minutes=None, **options):
        if minutes is not None and minutes < 0:
            raise CommandError("--minutes must be 0 or more.")
        delay = None if minutes is None else timedelta(minutes=minutes)
        sent = send_pending_emails(delay=delay)
        self.stdout.write(f"Notification emails sent: {sent}.")
