"""The site header: the same markup for everyone who shares a language, rendered once a process.

Every page carries the header, and it was a quarter of a discussion's time:
some forty template nodes, a dozen translations and addresses, for markup
that differs from one person to the next only by their name, the bell's
count, whether they may open the admin, the section they are in, the words
they searched and the CSRF token. Those are holes (`intranet.holes`) that
each request fills in; the rest is rendered once for each language, script
prefix and site name, and kept in the process's memory.

The sections of the primary navigation are the home page, the site root,
and each section whose app registers its named URL; a section whose URL is
not registered is left out, so the header never links to a page that does
not exist.
"""

import functools
import html
from dataclasses import dataclass

from django.urls import NoReverseMatch, get_script_prefix, reverse
from django.utils import translation
from django.utils.safestring import SafeString
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from intranet import roles
from intranet.holes import Holes, Prefilled, csrf

SECTIONS = (
    (_("Home"), "/"),
    (_("Communities"), "communities:index"),
    (_("Guides"), "guides:index"),
    (_("People"), "people:directory"),
    (_("You said, we did"), "insights:you-said-we-did"),
)
CURRENT = ' aria-current="page"'
# Kept headers: a few languages, signed in or not.
KEPT = 32


@dataclass(frozen=True)
class KeptHeader:
    # Every hole left for each request to fill.
    html: Prefilled
    # Each section's address, in the order of the "current" holes.
    urls: tuple[str, ...]
    admin_item: str
    none_unread: str


def sections() -> list[tuple[str, str]]:
    found = []
    for label, url_name in SECTIONS:
        try:
            found.append((label, url_name if url_name.startswith("/") else reverse(url_name)))
        except NoReverseMatch:
            continue
    return found


def is_current(path: str, url: str) -> bool:
    return path == url if url == "/" else path.startswith(url)


@functools.lru_cache(maxsize=KEPT)
def _kept(language: str, script_prefix: str, site_name: str, signed_in: bool) -> KeptHeader:
    shown = sections()
    return KeptHeader(
        html=Holes().render(
            "includes/site_header.html",
            {"SITE_NAME": site_name, "signed_in": signed_in, "sections": shown},
        ),
        urls=tuple(url for _label, url in shown),
        admin_item='<li><a href="{}">{}</a></li>'.format(
            html.escape(reverse("wagtailadmin_home")), html.escape(gettext("Wagtail admin"))
        ),
        none_unread=html.escape(gettext("Notifications, none unread")),
    )


def unread_label(unread: int) -> str:
    return html.escape(
        ngettext("Notifications, %(counter)s unread", "Notifications, %(counter)s unread", unread)
        % {"counter": unread}
    )


def site_header(context) -> SafeString:
    """The header for the person the page is rendered for, signed in or not.

    Error pages render without a request, and so without a person: they get
    the header of someone signed out, which needs no database. With a request
    there is always a CSRF token for the logout form.
    """
    request, user = context.get("request"), context.get("user")
    signed_in = bool(request is not None and user is not None and user.is_authenticated)
    # From the context processor, as the page's title and footer read it: an
    # error page rendered without a request falls back to the same default.
    site_name = context.get("SITE_NAME", "")
    kept = _kept(translation.get_language(), get_script_prefix(), site_name, signed_in)
    if not signed_in:
        return kept.html.fill({})
    path = request.path
    # The count the notifications' context processor reads lazily, once a page; its lazy
    # object passes on str() but not int().
    unread = context.get("unread_notifications")
    unread = int(str(unread)) if unread else 0
    values = {
        ("current", (str(index),)): CURRENT if is_current(path, url) else ""
        for index, url in enumerate(kept.urls)
    }
    values.update(
        {
            ("query", ()): html.escape(str(context.get("search_query") or "")),
            ("unread_label", ()): unread_label(unread) if unread else kept.none_unread,
            ("unread_count", ()): (
                f'<span class="bell__count" aria-hidden="true">{unread}</span>' if unread else ""
            ),
            ("initial", ()): html.escape(
                (user.get_short_name() or user.get_username())[:1].upper()
            ),
            ("name", ()): html.escape(user.get_full_name() or user.get_username()),
            ("profile", ()): html.escape(reverse("people:person", args=[user.get_username()])),
            ("admin", ()): kept.admin_item if roles.can_open_admin(user) else "",
            **csrf(str(context.get("csrf_token", ""))),
        }
    )
    return kept.html.fill(values)
