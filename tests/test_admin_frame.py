"""The admin frame's keyboard shortcuts dialog and script configuration are built once for each
language and platform, and each person still gets the ones that are theirs."""

import json
import re

import pytest

from django.conf import settings as django_settings
from django.core.serializers.json import DjangoJSONEncoder
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client
from django.urls import reverse
from django.utils import translation

from wagtail.admin import localization
from wagtail.admin.templatetags import wagtailadmin_tags
from wagtail.models import Locale, Page
from wagtail.users.models import UserProfile

from intranet import admin_frame
from tests.insights.conftest import reader, superuser  # noqa: F401

MAC = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/537.36"
WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36"
CONFIG = re.compile(r'<script id="wagtail-config" type="application/json">(.*?)</script>')


@pytest.fixture(autouse=True)
def nothing_kept_yet():
    """Each test starts with no dialog kept by this process (the configuration is a block,
    emptied by `tests.conftest.empty_cache`)."""
    admin_frame._dialogs.clear()


def admin_home(client, user, agent=WINDOWS) -> str:
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"), headers={"user-agent": agent})
    assert response.status_code == 200
    return response.text


def dialog_of(html: str) -> str:
    return html[html.index('id="keyboard-shortcuts-dialog"') :].split("</template>", 1)[0]


def config_of(html: str) -> dict:
    return json.loads(CONFIG.search(html).group(1))


def strings_of(html: str) -> dict:
    return config_of(html)["STRINGS"]


def wagtails_own(request, **context) -> dict:
    """The configuration Wagtail's own tag builds for `request`, as the page would carry it."""
    built = wagtailadmin_tags.wagtail_config({"request": request, **context})
    return json.loads(json.dumps(built, cls=DjangoJSONEncoder))


def without_token(config: dict) -> dict:
    # A token is masked afresh each time it is asked for.
    return {key: value for key, value in config.items() if key != "CSRF_TOKEN"}


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

    def counted(built):
        return lambda context: calls.append(1) or built(context)

    for name in ("keyboard_shortcuts_dialog", "wagtail_config"):
        monkeypatch.setattr(wagtailadmin_tags, name, counted(getattr(wagtailadmin_tags, name)))
    first = admin_home(client, reader)
    assert len(calls) == 2
    second = admin_home(client, reader)
    assert len(calls) == 2
    assert dialog_of(first) == dialog_of(second)


def test_each_person_gets_wagtails_configuration_with_their_own_token_and_shortcuts(
    reader,  # noqa: F811
    superuser,  # noqa: F811
):
    UserProfile.objects.update_or_create(user=reader, defaults={"keyboard_shortcuts": False})
    for person, shortcuts in ((superuser, True), (reader, False)):
        # Each in a browser of their own, with a CSRF secret of its own.
        client = Client()
        client.force_login(person)
        response = client.get(reverse("wagtailadmin_home"))
        config = config_of(response.text)
        assert config["KEYBOARD_SHORTCUTS_ENABLED"] is shortcuts
        assert without_token(config) == without_token(wagtails_own(response.wsgi_request))
        # Their own session's token, which the admin's scripts send back.
        secret = _unmask_cipher_token(config["CSRF_TOKEN"])
        assert secret == client.cookies[django_settings.CSRF_COOKIE_NAME].value


def test_a_page_being_edited_names_its_language(client, superuser, settings):  # noqa: F811
    # Wagtail names the page's language when content is translated.
    settings.WAGTAIL_I18N_ENABLED = True
    page = Page.objects.get(depth=2)
    client.force_login(superuser)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    config = config_of(response.text)
    assert config["ACTIVE_CONTENT_LOCALE"] == page.locale.language_code
    own = wagtails_own(response.wsgi_request, locale=page.locale)
    assert without_token(config) == without_token(own)


def test_a_content_language_added_shows_on_the_next_page(client, superuser):  # noqa: F811
    def languages() -> set[str]:
        return {locale["code"] for locale in config_of(admin_home(client, superuser))["LOCALES"]}

    assert "fr" not in languages()
    french = Locale.objects.create(language_code="fr")
    assert "fr" in languages()
    french.delete()
    assert "fr" not in languages()
