from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


class Command(BaseCommand):
    help = (
        "Restore a file written by `export_backup` into a freshly migrated, empty database, "
        "then rebuild the search index."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The backup file written by export_backup.")

    def handle(self, *args, file, **options):
        if not Path(file).is_file():
            raise CommandError(f"No backup file at {file}.")
        # Restoring over live data would overwrite records that share an id;
        # a freshly migrated database has no accounts yet.
        if get_user_model().objects.exists():
            raise CommandError(
                "This database already holds accounts. Restore into a freshly migrated, "
                "empty database (`migrate` on a new DATABASE_URL), never over a live one."
            )
        # All or nothing: a backup that fails half-way leaves the database as it was.
        with transaction.atomic():
            call_command("loaddata", file, verbosity=0)
        # A restore writes in bulk and sends no signals: nothing cached before may stand.
        cache.clear()
        call_command("update_index", verbosity=0)
        self.stdout.write(self.style.SUCCESS(f"Restored {file}."))
