from datetime import timedelta

from django.core.management.base import BaseCommand

from conversation.services import send_pending_notifications


class Command(BaseCommand):
    help = (
        "Email everyone the comments that concern them, one email per person. Waits until "
        "their first pending notification is --minutes old (default: "
        "CONVERSATION_NOTIFICATION_DELAY), so events close together arrive together. "
        "Run it every few minutes from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument("--minutes", type=int, default=None)

    def handle(self, *args, minutes=None, **options):
        delay = None if minutes is None else timedelta(minutes=minutes)
        sent = send_pending_notifications(delay=delay)
        self.stdout.write(f"Comment emails sent: {sent}.")
