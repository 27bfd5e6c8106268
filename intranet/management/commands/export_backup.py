from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from intranet.backup import EXCLUDED


class Command(BaseCommand):
    help = (
        "Write every record of the intranet to a JSON file that `import_backup` restores "
        "into a fresh database. Uploaded files (MEDIA_ROOT) are backed up separately."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Where to write the backup, for example backup.json.")

    def handle(self, *args, file, **options):
        try:
            call_command(
                "dumpdata",
                natural_foreign=True,
                exclude=list(EXCLUDED),
                output=file,
                indent=None,
                verbosity=0,
            )
        except OSError as error:
            raise CommandError(
                f"Could not write the backup to {file}: {error.strerror}."
            ) from error
        self.stdout.write(self.style.SUCCESS(f"Backup written to {file}."))
