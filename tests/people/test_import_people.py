"""`import_people FILE.csv`: HR's export creates and updates people, keyed on email."""

from io import StringIO

import pytest

from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from intranet.factories import UserFactory
from people.factories import PersonFactory
from people.models import Profile

pytestmark = pytest.mark.django_db

HEADER = "email,first_name,last_name,job_title,department,location,discipline,expertise\n"
GOOD = (
    "ana@example.com,Ana,Silva,Security engineer,IT,Lisbon,it,networks;phishing\n"
    "ben@example.com,Ben,Okoro,Payroll officer,Finance,Lagos,Business,payroll\n"
)


@pytest.fixture
def csv_file(tmp_path):
    def write(text, name="people.csv", encoding="utf-8"):
        path = tmp_path / name
        path.write_bytes(text.encode(encoding))
        return str(path)

    return write


def run(path, *args):
    out, err = StringIO(), StringIO()
    call_command("import_people", path, *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def everything():
    """Every row the import could change."""
    User = get_user_model()
    return (
        list(User.objects.order_by("pk").values()),
        list(Profile.objects.order_by("pk").values()),
        sorted(Profile.expertise.through.objects.values_list("content_object_id", "tag__name")),
    )


def test_it_creates_people_and_their_profiles(csv_file):
    out, err = run(csv_file(HEADER + GOOD))
    ana = get_user_model().objects.get(email="ana@example.com")
    assert ana.username == "ana"
    assert ana.get_full_name() == "Ana Silva"
    assert not ana.has_usable_password()
    profile = ana.profile
    assert (profile.display_name, profile.job_title, profile.department, profile.location) == (
        "Ana Silva",
        "Security engineer",
        "IT",
        "Lisbon",
    )
    assert profile.discipline == "it"
    assert sorted(tag.name for tag in profile.expertise.all()) == ["networks", "phishing"]
    assert Profile.objects.get(user__email="ben@example.com").discipline == "business"
    assert "2 created, 0 updated, 0 unchanged, 0 deactivated, 0 skipped." in out
    assert err == ""


def test_it_shows_a_progress_bar(csv_file):
    out, _err = run(csv_file(HEADER + GOOD))
    assert "\r[###############---------------] 1/2" in out
    assert "\r[##############################] 2/2" in out


def test_running_it_twice_changes_nothing(csv_file):
    path = csv_file(HEADER + GOOD)
    run(path)
    before = everything()
    out, _err = run(path)
    assert everything() == before
    assert "0 created, 0 updated, 2 unchanged" in out


def test_it_updates_people_by_email_in_any_case_and_only_the_columns_given(csv_file):
    ana = PersonFactory(
        username="asilva",
        email="Ana@Example.com",
        profile__team="Blue team",
        profile__phone="123",
        expertise=["old"],
    )
    out, _err = run(csv_file(HEADER + GOOD))
    ana.refresh_from_db()
    assert ana.username == "asilva"
    assert ana.profile.job_title == "Security engineer"
    # Columns the file does not have are left alone.
    assert (ana.profile.team, ana.profile.phone) == ("Blue team", "123")
    assert sorted(tag.name for tag in ana.profile.expertise.all()) == ["networks", "phishing"]
    assert "1 created, 1 updated" in out


def test_a_new_username_does_not_clash_with_an_existing_one(csv_file):
    UserFactory(username="ana", email="another.ana@example.com")
    run(csv_file(HEADER + GOOD))
    assert get_user_model().objects.get(email="ana@example.com").username == "ana2"


def test_dry_run_shows_what_would_change_and_changes_nothing(csv_file):
    PersonFactory(email="ben@example.com", profile__job_title="Clerk")
    leaving = UserFactory(email="gone@example.com")
    before = everything()
    out, _err = run(csv_file(HEADER + GOOD), "--dry-run", "--deactivate-missing")
    assert everything() == before
    assert "line 2: ana@example.com would be created" in out
    assert "line 3: ben@example.com would be updated (first_name, last_name, job_title" in out
    assert f"{leaving.email} would be deactivated" in out
    assert out.strip().endswith(
        "Dry run, nothing was changed: 1 would be created, 1 would be updated, 0 unchanged, "
        "1 would be deactivated, 0 skipped."
    )


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("not-an-email,Al,A,,,,,", "“not-an-email” is not a valid email address."),
        (",Al,A,,,,,", "email is empty."),
        ("al@example.com,,A,,,,,", "first_name is empty."),
        ("al@example.com,Al,A,,,,wizard,", "discipline “wizard” is not one of"),
        ("al@example.com,Al,A," + "x" * 151 + ",,,,", "job_title is 151 characters long"),
        ("al@example.com,Al,A,,,,,a;" + "x" * 101, "expertise is 101 characters long"),
        ("al@example.com,Al,A,too,many,values,it,tags,extra", "it has 9 values where the header"),
        ("ana@example.com,Ana,Dupe,,,,,", "the email is already on line 2."),
    ],
)
def test_a_bad_row_is_reported_with_its_line_and_skipped_whole(csv_file, row, reason):
    out, err = run(csv_file(HEADER + "ana@example.com,Ana,Silva,,,,,\n" + row + "\n"))
    assert f"line 3: skipped: {reason}" in err
    assert "1 skipped." in out
    assert get_user_model().objects.filter(email="ana@example.com").count() == 1
    assert not get_user_model().objects.filter(email="al@example.com").exists()


def test_line_numbers_count_a_quoted_line_break(csv_file):
    text = HEADER + 'ana@example.com,Ana,Silva,"Two\nlines",,,,\nbad,B,B,,,,,\n'
    _out, err = run(csv_file(text))
    assert "line 4: skipped" in err


def test_deactivate_missing_marks_people_who_left_and_keeps_their_content(csv_file):
    gone = PersonFactory(email="gone@example.com", profile__job_title="Archivist")
    kept_by_bad_row = PersonFactory(email="typo@example.com")
    admin = UserFactory(username="root", email="root@example.com", is_superuser=True)
    path = csv_file(HEADER + GOOD + "typo@example.com,Ty,Po,,,,wizard,\n")

    run(path)
    gone.refresh_from_db()
    assert gone.is_active  # only with the flag

    out, _err = run(path, "--deactivate-missing")
    gone.refresh_from_db()
    assert not gone.is_active
    assert Profile.objects.get(user=gone).job_title == "Archivist"
    # A person whose row was bad is still in the file; an administrator is never deactivated.
    assert get_user_model().objects.get(pk=kept_by_bad_row.pk).is_active
    assert get_user_model().objects.get(pk=admin.pk).is_active
    assert "1 deactivated" in out


def test_someone_back_in_the_file_is_active_again(csv_file):
    ana = PersonFactory(email="ana@example.com", is_active=False)
    run(csv_file(HEADER + GOOD))
    ana.refresh_from_db()
    assert ana.is_active


@pytest.mark.parametrize(
    ("content", "encoding", "message"),
    [
        ("email,first_name\nana@example.com,Ana\n", "utf-8", "lacks the column(s) last_name"),
        ("email,first_name,last_name,departmnet\n", "utf-8", "Unknown column(s) departmnet"),
        ("email,first_name,last_name,email\n", "utf-8", "email appear more than once"),
        ("", "utf-8", "is empty: it needs a header row"),
        (HEADER + "zoë@example.com,Zoë,Ä,,,,,\n", "latin-1", "is not UTF-8 text"),
        (HEADER + 'ana@example.com,"Ana,Silva,,,,,\n', "utf-8", "is not a valid CSV file"),
    ],
)
def test_a_bad_file_is_a_clear_error_and_changes_nothing(csv_file, content, encoding, message):
    before = everything()
    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(")", r"\)")):
        run(csv_file(content, encoding=encoding))
    assert everything() == before


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="Cannot read .*nope.csv: No such file or directory"):
        run(str(tmp_path / "nope.csv"))
    with pytest.raises(CommandError, match="Cannot read"):
        run(str(tmp_path))


def test_headers_are_read_in_any_case_and_with_a_byte_order_mark(csv_file):
    path = csv_file("\ufeffEmail,First Name,Last Name\nana@example.com,Ana,Silva\n")
    run(path)
    assert get_user_model().objects.get(email="ana@example.com").first_name == "Ana"
