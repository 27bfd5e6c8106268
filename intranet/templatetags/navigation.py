"""The header's primary navigation and its link to the admin (`includes/site_header.html`).

The sections are the home page, the site root, and each section whose app
registers its named URL; a section whose URL is not registered is left out,
so the header never links to a page that does not exist. Building them costs
no query.
"""

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from intranet import roles

register = template.Library()

SECTIONS = (
    (_("Home"), "/"),
    (_("Communities"), "communities:index"),
    (_("Guides"), "guides:index"),
    (_("People"), "people:directory"),
    (_("You said, we did"), "insights:you-said-we-did"),
)


@register.simple_tag(takes_context=True)
def primary_sections(context) -> list[dict]:
    """Each section's label and address, and whether the page shown is in it."""
    request = context.get("request")
    path = request.path if request is not None else ""
    found = []
    for label, url_name in SECTIONS:
        try:
            url = url_name if url_name.startswith("/") else reverse(url_name)
        except NoReverseMatch:
            continue
        is_current = path == url if url == "/" else path.startswith(url)
        found.append({"label": label, "url": url, "is_current": is_current})
    return found


@register.filter
def can_open_admin(user) -> bool:
    return roles.can_open_admin(user)
