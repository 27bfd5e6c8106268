from django.core.management.base import BaseCommand

from notifications.services import send_digests

FREQUENCIES = ("daily", "weekly")


class Command(BaseCommand):
    help = (
        "Email each person the notifications they chose to get in a daily or weekly digest. "
        "Schedule --frequency daily once a day and --frequency weekly once a week."
    )

    def add_arguments(self, parser):
        # argparse refuses any other value with a message listing these.
        parser.add_argument("--frequency", required=True, choices=FREQUENCIES)

    def handle(self, *args, frequency, **options):
        sent = send_digests(frequency)
        self.stdout.write(f"{frequency.capitalize()} digests sent: {sent}.")
