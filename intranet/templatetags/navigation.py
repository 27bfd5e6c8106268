"""The header's primary navigation.

The home page is the site root; every other section registers a named URL
when its app provides one; a section whose
URL is not registered is simply left out, so the header never links to a page
that does not exist. Building the menu costs no query.
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


@register.inclusion_tag("includes/primary_navigation.html", takes_context=True)
def primary_navigation(context):
    current_path = context["request"].path if "request" in context else ""
    items = []
    for label, url_name in SECTIONS:
        try:
            url = url_name if url_name.startswith("/") else reverse(url_name)
        except NoReverseMatch:
            continue
        is_current = current_path == url if url == "/" else current_path.startswith(url)
        items.append({"label": label, "url": url, "is_current": is_current})
    return {"items": items}


@register.filter
def can_open_admin(user) -> bool:
    return roles.can_open_admin(user)
