"""Discussion text: plain text with a little safe formatting.

Members type text; the few tags below survive, everything else is stripped by
nh3 (the Rust `ammonia` sanitiser), links get rel="noopener noreferrer nofollow"
and only http(s) and mailto URLs.
"""

import nh3

from django.utils.html import linebreaks
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = frozenset(
    {"a", "b", "blockquote", "br", "code", "em", "i", "li", "ol", "strong", "ul"}
)
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto"})


def sanitise_discussion_body(text: str) -> str:
    """Keep the allowed formatting, drop every other tag and attribute."""
    return nh3.clean(
        text.strip(),
        tags=set(ALLOWED_TAGS),
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=set(ALLOWED_URL_SCHEMES),
        link_rel="noopener noreferrer nofollow",
    )


def render_discussion_body(text: str) -> SafeString:
    """Sanitised HTML with the author's blank lines turned into paragraphs."""
    # `linebreaks` with autoescape off keeps the tags nh3 let through.
    return mark_safe(linebreaks(sanitise_discussion_body(text), autoescape=False))  # noqa: S308
