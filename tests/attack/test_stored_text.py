"""What people type or HR imports is stored clean and shown as what it is.

- `import_people` refuses a NUL byte or another control character with the
  profile form's own rule, row by row, and imports the other rows.
- A link typed in a comment or a discussion stays a link (with the rel every
  link gets) when its address is http(s), and loses its address when it is
  `javascript:`; a bare address becomes a link, a bare `javascript:` stays text.
- The admin's comment and flag listings show a comment as its author typed
  it: `Tom & Jerry <b>` is neither escaped twice nor bold.
"""

from io import StringIO

import pytest

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from people.models import Profile

# Each character the rule refuses: NUL (which PostgreSQL cannot store), an
# escape sequence's start, a bell, a backspace.
CONTROL = {"\x00": "U+0000", "\x1b": "U+001B", "\x07": "U+0007", "\x08": "U+0008"}
HEADER = "email,first_name,last_name,job_title,department\n"


@pytest.fixture
def run_import(tmp_path):
    def run(text):
        path = tmp_path / "people.csv"
        path.write_text(text, encoding="utf-8")
        out, err = StringIO(), StringIO()
        call_command("import_people", str(path), stdout=out, stderr=err)
        return out.getvalue(), err.getvalue()

    return run


def test_import_people_refuses_control_characters_row_by_row(world, db, run_import):
    rows = [
        "ana@hr.example.org,Ana,Silva,Engineer,IT",
        "nul@hr.example.org,Nina,Null,Engi\x00neer,IT",
        "esc@hr.example.org,E\x1b[31mve,Red,Engineer,IT",
        "bell@hr.example.org,Bo,Bell,Engineer,Fin\x07ance",
        "back@hr.example.org,Bea,Back,Engineer\x08,IT",
    ]
    out, err = run_import(HEADER + "\n".join(rows) + "\n")
    for line, (column, code) in enumerate(
        [
            ("job_title", "U+0000"),
            ("first_name", "U+001B"),
            ("department", "U+0007"),
            ("job_title", "U+0008"),
        ],
        start=3,
    ):
        assert (
            f"line {line}: skipped: {column}: Remove the control character {code}: "
            "this is one line of plain text." in err
        )
    assert "1 created, 0 updated, 0 unchanged, 0 deactivated, 4 skipped." in out
    # The good row is in; nothing of the others is.
    imported = get_user_model().objects.filter(email__endswith="@hr.example.org")
    assert list(imported.values_list("email", flat=True)) == ["ana@hr.example.org"]


@pytest.mark.parametrize(("character", "code"), CONTROL.items())
def test_the_profile_form_refuses_the_same_characters(client, world, db, character, code):
    erin = world.users["erin"]
    before = Profile.objects.filter(user=erin).values().first()
    client.force_login(erin)
    response = client.post(
        reverse("people:edit", args=["erin"]),
        {"display_name": "Erin", "job_title": f"Boss{character}", "bio": "Hi"},
    )
    assert response.status_code == 200
    assert f"Remove the control character {code}" in response.content.decode()
    assert Profile.objects.filter(user=erin).values().first() == before
