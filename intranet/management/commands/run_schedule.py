import time

from django.core.management.base import BaseCommand
from django.utils import timezone

from intranet.schedules import queue_due_jobs


class Command(BaseCommand):
    help = (
        "Queue the scheduled jobs (intranet/schedules.py) that are due. Run it every minute "
        "from cron or a systemd timer (deploy/); on any number of servers each run is queued once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--loop",
            action="store_true",
            help="Keep going, once a minute, until stopped (`make run` uses it).",
        )

    def handle(self, *args, loop=False, **options):
        while True:
            for run in queue_due_jobs(timezone.localtime()):
                self.stdout.write(f"Queued {run}.")
            if not loop:
                return
            time.sleep(60 - timezone.now().second)
