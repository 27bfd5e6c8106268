from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext_lazy as _

from people import importing

PROGRESS_WIDTH = 30
ACTIONS = {"created": _("created"), "updated": _("updated"), "deactivated": _("deactivated")}
DRY_RUN_ACTIONS = {
    "created": _("would be created"),
    "updated": _("would be updated"),
    "deactivated": _("would be deactivated"),
}
SUMMARY = _(
    "%(created)d created, %(updated)d updated, %(unchanged)d unchanged, "
    "%(deactivated)d deactivated, %(skipped)d skipped."
)
DRY_RUN_SUMMARY = _(
    "Dry run, nothing was changed: %(created)d would be created, %(updated)d would be updated, "
    "%(unchanged)d unchanged, %(deactivated)d would be deactivated, %(skipped)d skipped."
)


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
        actions = DRY_RUN_ACTIONS if dry_run else ACTIONS
        if verbose:
            for change in report.changes:
                where = _("line %(line)d: ") % {"line": change.line} if change.line else ""
                fields = f" ({', '.join(change.fields)})" if change.fields else ""
                self.stdout.write(f"{where}{change.email} {actions[change.action]}{fields}")
        for line, reason in report.errors:
            self.stderr.write(
                _("line %(line)d: skipped: %(reason)s") % {"line": line, "reason": reason}
            )
        counts = {
            "created": report.count("created"),
            "updated": report.count("updated"),
            "unchanged": report.unchanged,
            "deactivated": report.count("deactivated"),
            "skipped": len(report.errors),
        }
        summary = (DRY_RUN_SUMMARY if dry_run else SUMMARY) % counts
        self.stdout.write(self.style.WARNING(summary) if report.errors else summary)
