"""The admin frame's keyboard shortcuts dialog and script strings are built once for each
language and platform, and each person still gets the ones that are theirs."""

import json
import re

import pytest

from django.urls import reverse
from django.utils import translation

from wagtail.admin import localization
from wagtail.admin.templatetags import wagtailadmin_tags
from wagtail.users.models import UserProfile

from intranet import admin_frame
from tests.insights.conftest import reader, superuser  # noqa: F401

MAC = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/537.36"
WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36"
CONFIG = re.compile(r'<script id="wagtail-config" type="application/json">(.*?)</script>')


@pytest.fixture(autouse=True)
def nothing_kept_yet():
    """Each test starts with no dialog and no strings kept by this process."""
    admin_frame._dialogs.clear()
    admin_frame._translation_strings.cache_clear()


def admin_home(client, user, agent=WINDOWS) -> str:
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"), headers={"user-agent": agent})
    assert response.status_code == 200
    return response.text


def dialog_of(html: str) -> str:
    return html[html.index('id="keyboard-shortcuts-dialog"') :].split("</template>", 1)[0]


def strings_of(html: str) -> dict:
    return json.loads(CONFIG.search(html).group(1))["STRINGS"]


def speaks(user, language: str) -> None:
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": language})


def test_the_dialog_shows_the_keys_of_each_persons_platform(client, reader):  # noqa: F811
    assert "⌘ + s" in dialog_of(admin_home(client, reader, MAC))
    windows = dialog_of(admin_home(client, reader, WINDOWS))
    assert "Ctrl + s" in windows
    assert "⌘" not in windows


def test_the_dialog_says_whether_the_persons_shortcuts_are_on(client, reader, superuser):  # noqa: F811
    UserProfile.objects.update_or_create(user=reader, defaults={"keyboard_shortcuts": False})
    assert "currently disabled" in dialog_of(admin_home(client, reader))
    on = dialog_of(admin_home(client, superuser))
    assert "currently enabled" in on
    assert "currently disabled" not in on


def test_the_dialog_and_strings_are_in_each_persons_language(client, reader, superuser):  # noqa: F811
    speaks(reader, "fr")
    french = admin_home(client, reader)
    assert "Raccourcis clavier" in dialog_of(french)
    assert "janvier" in strings_of(french)["MONTHS"]

    english = admin_home(client, superuser)
    assert "Keyboard shortcuts" in dialog_of(english)
    assert "Raccourcis clavier" not in dialog_of(english)
    assert "January" in strings_of(english)["MONTHS"]


def test_the_strings_are_wagtails_own(client, reader):  # noqa: F811
    speaks(reader, "de")
    kept = strings_of(admin_home(client, reader))
    with translation.override("de"):
        built = json.loads(json.dumps(localization.get_js_translation_strings(), default=str))
    assert kept == built


def test_a_second_admin_page_builds_neither_again(client, reader, monkeypatch):  # noqa: F811
    calls = []
    monkeypatch.setattr(
        wagtailadmin_tags,
        "keyboard_shortcuts_dialog",
        lambda context, built=wagtailadmin_tags.keyboard_shortcuts_dialog: (
            calls.append(1) or built(context)
        ),
    )
    monkeypatch.setattr(
        localization,
        "get_js_translation_strings",
        lambda built=localization.get_js_translation_strings: calls.append(1) or built(),
    )
    first = admin_home(client, reader)
    assert len(calls) == 2
    second = admin_home(client, reader)
    assert len(calls) == 2
    assert dialog_of(first) == dialog_of(second)
