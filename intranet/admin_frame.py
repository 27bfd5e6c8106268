"""The parts of Wagtail's admin frame that are the same for everyone who shares a language,
built once a process.

Every admin page carries the keyboard shortcuts dialog and the configuration
of the admin's scripts (`wagtailConfig`). Wagtail builds both on every
request: the configuration translates some sixty labels, reverses six
addresses and reads the content languages from the database; on the insights
dashboard that was more time than the dashboard's own content. The dialog is
made of the code, the language, the script prefix (its link to the account
page), the person's platform (Mac keys or others), whether they turned the
shortcuts off and whether comments are on; it is kept under all of them. The
configuration is built by Wagtail's own tag once for each language and
script prefix, and kept until a site or a content language changes
(`intranet.site_lookup`); what is the request's own in it (the CSRF token,
the page's language, the shortcuts setting) is filled in on every request.
"""

import json
import re

from django.core.serializers.json import DjangoJSONEncoder
from django.middleware.csrf import get_token
from django.template.loader import get_template
from django.urls import get_script_prefix
from django.utils import translation
from django.utils.safestring import mark_safe

from wagtail.admin.templatetags import wagtailadmin_tags

from intranet.caching import cached_block
from intranet.site_lookup import SITES_TOPIC

DIALOG = "wagtailadmin/shared/keyboard_shortcuts_dialog.html"
MAC = re.compile(r"Mac|iPod|iPhone|iPad")
# Kept dialogs: a few languages, two platforms, shortcuts on or off.
KEPT = 64
# Seconds a configuration is kept: bounds a settings change it shows
# (WAGTAIL_I18N_ENABLED), which its key does not hold.
CONFIG_LIFETIME = 10 * 60
# What Wagtail's configuration says of the request itself rather than of the admin.
OWN = ("CSRF_TOKEN", "ACTIVE_CONTENT_LOCALE", "KEYBOARD_SHORTCUTS_ENABLED")
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


def kept_wagtail_config(context) -> dict:
    """`{% wagtail_config %}`: the part shared by a language kept, the request's own filled in."""
    request = context["request"]
    shared = cached_block(
        f"admin-config:{get_script_prefix()}",
        # The content languages: a locale added or removed bumps the sites.
        (SITES_TOPIC,),
        lambda: _shared_config(request),
        CONFIG_LIFETIME,
        in_process=True,
    )
    # A fresh copy each time, as Wagtail's is: what one request's configuration
    # does with it never reaches another's.
    config = json.loads(shared)
    # As Wagtail's tag fills in the same three.
    config["CSRF_TOKEN"] = get_token(request)
    if locale := context.get("locale"):
        config["ACTIVE_CONTENT_LOCALE"] = locale.language_code
    profile = getattr(request.user, "wagtail_userprofile", None)
    config["KEYBOARD_SHORTCUTS_ENABLED"] = profile.keyboard_shortcuts if profile else True
    return config


def _shared_config(request) -> str:
    # Translated now, as plain text: the lazy labels Wagtail returns would be
    # translated again on every page.
    config = wagtailadmin_tags.wagtail_config({"request": request})
    return json.dumps(
        {key: value for key, value in config.items() if key not in OWN}, cls=DjangoJSONEncoder
    )


def install() -> None:
    """Put the kept dialog and configuration in the place of Wagtail's, for every admin page.

    Both tags are registered under the same names in Wagtail's own tag library,
    so Wagtail's templates are used as they are, and the tags they call (still
    `wagtailadmin_tags.keyboard_shortcuts_dialog` and `.wagtail_config`) build
    what is kept.
    """
    wagtailadmin_tags.register.simple_tag(takes_context=True, name="keyboard_shortcuts_dialog")(
        kept_keyboard_shortcuts_dialog
    )
    wagtailadmin_tags.register.simple_tag(takes_context=True, name="wagtail_config")(
        kept_wagtail_config
    )
