"""Import people from an HR export (a CSV file), keyed on email.

Reading and checking the whole file comes first, so a file that cannot be read
or lacks a column changes nothing; each bad row is then skipped whole while the
good ones are applied in one transaction.
"""

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from taggit.models import Tag

from intranet.control_characters import validate_one_line
from people import services
from people.models import WORK_FIELDS, Discipline, Profile

REQUIRED_COLUMNS = ("email", "first_name", "last_name")
# Profile fields a file may set; a column left out of the file leaves the field alone.
PROFILE_COLUMNS = (*WORK_FIELDS, "phone", "chat_handle", "ask_me_about")
OPTIONAL_COLUMNS = (*PROFILE_COLUMNS, "expertise")
EXPERTISE_SEPARATOR = ";"
USER_NAME_MAX_LENGTH = 150
TAG_MAX_LENGTH = Tag._meta.get_field("name").max_length


class ImportFileError(Exception):
    """The file as a whole cannot be imported; nothing has been changed."""


@dataclass(frozen=True)
class Row:
    line: int
    values: dict[str, str]
    # Set when the row cannot be read as a record (a wrong number of values).
    problem: str = ""

    @property
    def email_key(self) -> str:
        return self.values.get("email", "").strip().lower()


@dataclass(frozen=True)
class Change:
    line: int | None
    email: str
    action: str  # "created", "updated" or "deactivated"
    fields: tuple[str, ...] = ()


@dataclass
class ImportReport:
    changes: list[Change] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)
    unchanged: int = 0

    def count(self, action: str) -> int:
        return sum(1 for change in self.changes if change.action == action)


def _normalise_column(name: str) -> str:
    return name.strip().lower().replace(" ", "_")


def read_rows(path: str | Path) -> list[Row]:
    """Every row of the file with its line number, or ImportFileError saying what is wrong."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            _("%(path)s is not UTF-8 text (byte %(position)d): export it as CSV UTF-8.")
            % {"path": path, "position": error.start}
        ) from None
    except OSError as error:
        raise ImportFileError(
            _("Cannot read %(path)s: %(reason)s.") % {"path": path, "reason": error.strerror}
        ) from None

    # strict: an unclosed quote is an error, not the rest of the file swallowed into one value.
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [_normalise_column(name) for name in next(reader, [])]
        if not any(header):
            raise ImportFileError(_("%(path)s is empty: it needs a header row.") % {"path": path})
        _check_header(header)
        rows, previous_end = [], reader.line_num
        for values in reader:
            # A record may span lines (a quoted newline): its number is where it starts.
            line, previous_end = previous_end + 1, reader.line_num
            if not any(value.strip() for value in values):
                continue
            if len(values) != len(header):
                # Its email still counts as in the file, so --deactivate-missing spares the person.
                email = values[header.index("email")] if len(values) > header.index("email") else ""
                problem = _("it has %(count)d values where the header has %(columns)d columns.") % {
                    "count": len(values),
                    "columns": len(header),
                }
                rows.append(Row(line, {"email": email}, problem=str(problem)))
                continue
            rows.append(Row(line, dict(zip(header, values, strict=True))))
    except csv.Error as error:
        raise ImportFileError(
            _("%(path)s is not a valid CSV file (line %(line)d): %(reason)s.")
            % {"path": path, "line": reader.line_num, "reason": error}
        ) from None
    return rows


def _check_header(header: list[str]) -> None:
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        raise ImportFileError(
            _("The file lacks the column(s) %(missing)s. Its header has: %(header)s.")
            % {"missing": ", ".join(missing), "header": ", ".join(header)}
        )
    unknown = [column for column in header if column not in (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS)]
    if unknown:
        raise ImportFileError(
            _("Unknown column(s) %(unknown)s. The columns are: %(known)s.")
            % {
                "unknown": ", ".join(unknown),
                "known": ", ".join((*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS)),
            }
        )
    repeated = sorted({column for column in header if header.count(column) > 1})
    if repeated:
        raise ImportFileError(
            _("The column(s) %(repeated)s appear more than once.")
            % {"repeated": ", ".join(repeated)}
        )


def _discipline(value: str) -> str:
    wanted = value.strip().lower()
    for choice in Discipline:
        if wanted in (choice.value, str(choice.label).lower()):
            return choice.value
    raise ValidationError(
        _("discipline “%(value)s” is not one of %(choices)s.")
        % {"value": value, "choices": ", ".join(Discipline.values)}
    )


def _limit(column: str, value: str, max_length: int) -> str:
    if len(value) > max_length:
        raise ValidationError(
            _("%(column)s is %(length)d characters long; the most is %(max)d.")
            % {"column": column, "length": len(value), "max": max_length}
        )
    return value


def _one_line(column: str, value: str) -> None:
    """The profile form's rule: a NUL byte or another control character refuses the row."""
    try:
        validate_one_line(value)
    except ValidationError as error:
        raise ValidationError(
            _("%(column)s: %(reason)s") % {"column": column, "reason": " ".join(error.messages)}
        ) from None


def clean_row(row: Row) -> dict:
    """The row's values ready to save, or a ValidationError giving the reason."""
    if row.problem:
        raise ValidationError(row.problem)
    values = {name: value.strip() for name, value in row.values.items()}
    for column, value in values.items():
        _one_line(column, value)
    email = values["email"]
    if not email:
        raise ValidationError(_("email is empty."))
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError(
            _("“%(email)s” is not a valid email address.") % {"email": email}
        ) from None
    if not values["first_name"]:
        raise ValidationError(_("first_name is empty."))
    cleaned = {
        "email": email,
        "first_name": _limit("first_name", values["first_name"], USER_NAME_MAX_LENGTH),
        "last_name": _limit("last_name", values["last_name"], USER_NAME_MAX_LENGTH),
        "profile": {},
    }
    for column in PROFILE_COLUMNS:
        if column not in values:
            continue
        value = _limit(column, values[column], Profile._meta.get_field(column).max_length)
        cleaned["profile"][column] = (
            _discipline(value) if column == "discipline" and value else value
        )
    if cleaned["profile"].get("display_name") == "":
        # An empty display name falls back to the person's name, as for a new account.
        cleaned["profile"]["display_name"] = (
            f"{cleaned['first_name']} {cleaned['last_name']}".strip()
        )
    if "expertise" in values:
        tags = values["expertise"].split(EXPERTISE_SEPARATOR)
        for tag in tags:
            _limit("expertise", tag.strip(), TAG_MAX_LENGTH)
        cleaned["expertise"] = services.clean_expertise(tags)
    return cleaned


def _apply(row: Row, cleaned: dict) -> Change | None:
    """Create or update the row's person; return what changed, None when nothing did."""
    User = get_user_model()
    matches = list(User.objects.filter(email__iexact=cleaned["email"])[:2])
    if len(matches) > 1:
        raise ValidationError(
            _("several accounts share the email %(email)s: merge them first.")
            % {"email": cleaned["email"]}
        )
    if matches:
        user, action = matches[0], "updated"
    else:
        user = User(username=services.unique_username(cleaned["email"]), email=cleaned["email"])
        # Never a known password: an administrator sets one, or single sign-on signs them in.
        user.set_unusable_password()
        action = "created"

    changed = []
    wanted = {"first_name": cleaned["first_name"], "last_name": cleaned["last_name"]}
    # Someone back in the HR export is back at work.
    wanted["is_active"] = True
    for name, value in wanted.items():
        if getattr(user, name) != value:
            setattr(user, name, value)
            changed.append(name)
    if action == "created" or changed:
        user.save()
    profile = services.ensure_profile(user)
    profile_changed = [
        name for name, value in cleaned["profile"].items() if getattr(profile, name) != value
    ]
    for name in profile_changed:
        setattr(profile, name, cleaned["profile"][name])
    if profile_changed:
        profile.save()
    changed += profile_changed
    if "expertise" in cleaned:
        current = sorted(tag.name for tag in profile.expertise.all())
        if current != sorted(cleaned["expertise"]):
            profile.expertise.set(cleaned["expertise"])
            changed.append("expertise")
    if action == "updated" and not changed:
        return None
    return Change(row.line, cleaned["email"], action, tuple(changed))


def _deactivate_missing(rows: list[Row], report: ImportReport) -> None:
    """Mark active people whose email is not in the file as having left (administrators aside)."""
    in_file = {row.email_key for row in rows}
    leaving = (
        get_user_model()
        .objects.filter(is_active=True, is_superuser=False)
        .annotate(email_key=Lower("email"))
        .exclude(email_key__in=in_file)
        .order_by("email", "username")
    )
    for user in leaving:
        services.mark_as_left(user)
        report.changes.append(Change(None, user.email or user.username, "deactivated"))


def import_people(
    rows: list[Row],
    *,
    deactivate_missing: bool = False,
    dry_run: bool = False,
    progress: Callable[[int, int], None] = lambda done, total: None,
) -> ImportReport:
    """Apply the rows; with `dry_run`, work out the same report and roll everything back."""
    report = ImportReport()
    seen: dict[str, int] = {}
    with transaction.atomic():
        for done, row in enumerate(rows, start=1):
            try:
                if row.email_key in seen:
                    raise ValidationError(
                        _("the email is already on line %(line)d.") % {"line": seen[row.email_key]}
                    )
                cleaned = clean_row(row)
                seen[row.email_key] = row.line
                # A savepoint per row: a row that fails half-way leaves nothing behind.
                with transaction.atomic():
                    change = _apply(row, cleaned)
            except ValidationError as error:
                report.errors.append((row.line, " ".join(error.messages)))
            else:
                if change is None:
                    report.unchanged += 1
                else:
                    report.changes.append(change)
            progress(done, len(rows))
        if deactivate_missing:
            _deactivate_missing(rows, report)
        if dry_run:
            transaction.set_rollback(True)
    return report
