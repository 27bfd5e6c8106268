"""The parts of Wagtail's admin frame that are the same for everyone who shares a language,
built once a process.

Every admin page carries the keyboard shortcuts dialog and the strings the
admin's scripts show (`wagtailConfig.STRINGS`). Wagtail builds both on every
request, translating some sixty labels each time; on the insights dashboard
that was more time than the dashboard's own content. The dialog is made of
the code, the language, the script prefix (its link to the account page),
the person's platform (Mac keys or others), whether they turned the
shortcuts off and whether comments are on; it is kept under all of them.
The strings depend on the language alone. The person's own part of the
configuration (the CSRF token, the locales, the shortcuts setting) is still
read on every request by Wagtail's own tag.
"""

import functools
import json
import re

from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import get_template
from django.urls import get_script_prefix
from django.utils import translation
from django.utils.safestring import mark_safe

from wagtail.admin import localization
from wagtail.admin.templatetags import wagtailadmin_tags

DIALOG = "wagtailadmin/shared/keyboard_shortcuts_dialog.html"
MAC = re.compile(r"Mac|iPod|iPhone|iPad")
# Kept dialogs and strings: a few languages, two platforms, shortcuts on or off.
KEPT = 64
_dialogs: dict[tuple, str] = {}


def kept_keyboard_shortcuts_dialog(context):
    """`{% keyboard_shortcuts_dialog %}`, rendered once for each of the values it is built from."""
    request = context["request"]
    profile = getattr(request.user, "wagtail_userprofile", None)
    key = (
        translation.get_language(),
        # The dialog links to the account page.
        get_script_prefix(),
        bool(getattr(profile, "keyboard_shortcuts", True)),
        # Wagtail's test for the Mac's keys.
        bool(MAC.search(request.headers.get("User-Agent", ""))),
        wagtailadmin_tags.get_comments_enabled(),
    )
    dialog = _dialogs.get(key)
    if dialog is None:
        if len(_dialogs) >= KEPT:
            _dialogs.clear()
        values = wagtailadmin_tags.keyboard_shortcuts_dialog(context)
        dialog = _dialogs[key] = mark_safe(get_template(DIALOG).render(values))  # noqa: S308 (Wagtail's template)
    return dialog


@functools.lru_cache(maxsize=KEPT)
def _translation_strings(language: str) -> str:
    # Translated now, as plain text: the lazy labels Wagtail returns would be
    # translated again on every page.
    return json.dumps(localization.get_js_translation_strings(), cls=DjangoJSONEncoder)


def translation_strings() -> dict:
    """Wagtail's `get_js_translation_strings`, kept for each language.

    A fresh copy each time, as Wagtail's is: what one request's configuration
    does with it never reaches another's.
    """
    return json.loads(_translation_strings(translation.get_language()))


def install() -> None:
    """Put the kept dialog and strings in the place of Wagtail's, for every admin page.

    The dialog's tag is registered under the same name in Wagtail's own tag
    library, so Wagtail's templates are used as they are; its configuration
    tag reads the strings through the name it imported them under.
    """
    wagtailadmin_tags.register.simple_tag(takes_context=True, name="keyboard_shortcuts_dialog")(
        kept_keyboard_shortcuts_dialog
    )
    wagtailadmin_tags.get_js_translation_strings = translation_strings
