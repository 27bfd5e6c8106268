"""What people type or HR imports is stored clean and shown as what it is.

- `import_people` refuses a NUL byte or another control character with the
  profile form's own rule, row by row, and imports the other rows.
- A link typed in a comment or a discussion stays a link (with the rel every
  link gets) when its address is http(s), and loses its address when it is
  `javascript:`; a bare address becomes a link, a bare `javascript:` stays text.
- The admin's comment and flag listings show a comment as its author typed
  it: `Tom & Jerry <b>` is neither escaped twice nor bold; a person's page
  and an email quote its words as readers see them.
"""

import re
from datetime import timedelta
from io import StringIO

import pytest

from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from communities.models import DiscussionPage
from conversation.models import Comment, Flag
from notifications import services as notifications
from people.models import Profile

# Each character the rule refuses: NUL (which PostgreSQL cannot store), an
# escape sequence's start, a bell, a backspace.
CONTROL = {
    "\x00": "U+0000",
    "\x1b": "U+001B",
    "\x07": "U+0007",
    "\x08": "U+0008",
    # Shown reversed after it: "Boss\u202eevil" reads "Bosslive".
    "\u202e": "U+202E",
}
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


# Typed links

BODY = (
    'See https://example.com/x and <a href="https://example.com/y">the guide</a>, '
    'not javascript:alert(1) nor <a href="javascript:alert(2)">that one</a>.'
)
REL = 'rel="noopener noreferrer nofollow"'


def _assert_links_as_promised(html: str) -> None:
    # The bare address and the typed link are links, with the rel every link gets.
    assert f'<a href="https://example.com/x" {REL}>https://example.com/x</a>' in html
    assert f'<a href="https://example.com/y" {REL}>the guide</a>' in html
    # `javascript:` is text, or a link's words without its address.
    assert "not javascript:alert(1) nor" in html
    assert "that one</a>." in html
    assert not re.search(r"""(href|src)\s*=\s*["']?\s*javascript""", html, re.IGNORECASE)
    # No tag shown as text: the stored link is read back as a link.
    assert "&lt;a" not in html


def test_typed_links_in_a_comment(client, world, db):
    page = world.pages["discussion in A"]
    client.force_login(world.users["olivia"])
    response = client.post(reverse("conversation:post", args=[page.pk]), {"body": BODY})
    assert response.status_code == 302
    _assert_links_as_promised(client.get(page.url).content.decode())


def test_typed_links_in_a_discussion(client, world, db):
    community = world.pages["A child"]
    client.force_login(world.users["erin"])
    response = client.post(
        reverse("communities:start-discussion", args=[community.pk]),
        {"title": "Where the guide is", "body": BODY},
    )
    assert response.status_code == 302
    discussion = DiscussionPage.objects.get(title="Where the guide is")
    _assert_links_as_promised(client.get(discussion.url).content.decode())


def test_backticks_mark_code_in_a_discussion_as_in_a_comment(client, world, db):
    community = world.pages["A child"]
    client.force_login(world.users["erin"])
    client.post(
        reverse("communities:start-discussion", args=[community.pk]),
        {"title": "Code in a discussion", "body": "Type `https://example.com/<b>` as it is."},
    )
    discussion = DiscussionPage.objects.get(title="Code in a discussion")
    html = client.get(discussion.url).content.decode()
    assert "<code>https://example.com/&lt;b&gt;</code>" in html


# The admin's listings


def test_the_admin_lists_a_comment_as_it_was_typed(client, world, db):
    page = world.pages["discussion in A"]
    client.force_login(world.users["olivia"])
    client.post(reverse("conversation:post", args=[page.pk]), {"body": "Tom & Jerry <b>"})
    comment = Comment.objects.get(user=world.users["olivia"], comment__startswith="Tom")
    Flag.objects.create(comment=comment, user=world.users["sam"], reason="spam")

    client.force_login(world.users["admin"])
    for listing in ("conversation_comment_modeladmin_index", "conversation_flag_modeladmin_index"):
        html = client.get(reverse(listing)).content.decode()
        assert "Tom &amp; Jerry &lt;b&gt;" in html, listing
        assert "&amp;amp;" not in html, listing
        assert "Tom &amp; Jerry <b>" not in html, listing


def test_a_person_page_and_an_email_quote_a_comment_as_readers_see_it(client, world, db):
    erin, olivia = world.users["erin"], world.users["olivia"]
    notifications.set_preferences(erin, {"comment": "immediately"})
    client.force_login(olivia)
    page = world.pages["discussion in A"]  # erin's discussion
    client.post(reverse("conversation:post", args=[page.pk]), {"body": "Tom & Jerry <b>"})

    html = client.get(reverse("people:person", args=["olivia"])).content.decode()
    assert "Tom &amp; Jerry" in html
    assert "&amp;amp;" not in html

    mail.outbox.clear()
    notifications.send_pending_emails(delay=timedelta(0))
    (email,) = [email for email in mail.outbox if email.to == [erin.email]]
    assert "Tom & Jerry" in email.body
    assert "&amp;" not in email.body
