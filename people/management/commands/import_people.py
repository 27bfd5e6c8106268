from django.core.management.base import BaseCommand, CommandError

from people import importing

PROGRESS_WIDTH = 30


class Command(BaseCommand):
    help = (
        "Create and update people and their profiles from an HR export (CSV, UTF-8), keyed on "
        "email. Running it twice changes nothing. The README lists the columns."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The CSV file.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Show what would change, and change nothing.",
        )
        parser.add_argument(
            "--deactivate-missing",
            action="store_true",
            help=(
                "Mark people whose email is not in the file as having left (their account is "
                "deactivated, their content kept). Administrators are never deactivated."
            ),
        )

    def handle(self, *args, file, dry_run=False, deactivate_missing=False, **options):
        try:
            rows = importing.read_rows(file)
        except importing.ImportFileError as error:
            raise CommandError(str(error)) from None

        report = importing.import_people(
            rows,
            deactivate_missing=deactivate_missing,
            dry_run=dry_run,
            progress=self.show_progress,
        )
        if rows:
            self.stdout.write("")  # ends the progress line
        self.show_report(report, dry_run=dry_run, verbose=dry_run or options["verbosity"] > 1)

    def show_progress(self, done: int, total: int) -> None:
        # Redrawn about fifty times at most, so a large file's output stays small.
        if done != total and done % max(total // 50, 1):
            return
        filled = PROGRESS_WIDTH * done // total
        bar = "#" * filled + "-" * (PROGRESS_WIDTH - filled)
        self.stdout.write(f"\r[{bar}] {done}/{total}", ending="")
        self.stdout.flush()

    def show_report(self, report: importing.ImportReport, *, dry_run: bool, verbose: bool) -> None:
        would = "would be " if dry_run else ""
        if verbose:
            for change in report.changes:
                where = f"line {change.line}: " if change.line else ""
                fields = f" ({', '.join(change.fields)})" if change.fields else ""
                self.stdout.write(f"{where}{change.email} {would}{change.action}{fields}")
        for line, reason in report.errors:
            self.stderr.write(f"line {line}: skipped: {reason}")
        summary = (
            f"{report.count('created')} {would}created, {report.count('updated')} {would}updated, "
            f"{report.unchanged} unchanged, {report.count('deactivated')} {would}deactivated, "
            f"{len(report.errors)} skipped."
        )
        if dry_run:
            summary = f"Dry run, nothing was changed: {summary}"
        self.stdout.write(self.style.WARNING(summary) if report.errors else summary)
