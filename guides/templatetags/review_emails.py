"""Links in the editorial workflow's emails, built on the intranet's address.

Wagtail links an approved page to its `full_url`, from the Site record, whose port
(80 unless someone edits it) is not the one people open the intranet at; the
address people use is BASE_URL (`WAGTAILADMIN_BASE_URL`), as in every other email.
"""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def page_address(page) -> str:
    """The page's address under BASE_URL, port and all; "" for a page with no address."""
    parts = page.get_url_parts()
    if parts is None:
        return ""
    _site_id, _root_url, path = parts
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path
