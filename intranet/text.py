"""Discussion and comment text: plain text with a little safe formatting.

Members type text; the few tags below survive, any other tag shows as the text
it was typed as, and nh3 (the Rust `ammonia` sanitiser) drops every attribute
but a link's: links get rel="noopener noreferrer nofollow" and only http(s) and
mailto URLs, so a link typed with a `javascript:` address keeps its text and
loses its address. `backticks` mark inline code, shown as typed.

Plain-text habits become formatting when shown: a blank line starts a
paragraph, lines starting with "- ", "* " or "1. " make a list, and a bare
web address becomes a link. The text is stored as typed (sanitised), so the
author edits what they wrote.
"""

import functools
import html
import re

import nh3

from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = frozenset(
    {"a", "b", "blockquote", "br", "code", "em", "i", "li", "ol", "strong", "ul"}
)
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto"})
INLINE_CODE = re.compile(r"`([^`\n]+)`")


# A complete allowed tag, opening or closing: a bare name, or a link with its
# quoted href and title (and the rel the sanitiser gave it when the text was
# stored). Anything else that starts with "<" is text.
_QUOTED = r"""(?:"[^"<>]*"|'[^'<>]*')"""
ALLOWED_TAG = re.compile(
    r"</?(?:%s)\s*/?>|<a(?:\s+(?:href|title|rel)\s*=\s*%s)*\s*>"  # noqa: UP031
    % ("|".join(sorted(ALLOWED_TAGS)), _QUOTED),
    re.IGNORECASE,
)


def _escape_stray_brackets(text: str) -> str:
    """Escape every "<" that does not open or close an allowed tag.

    In a plain-text box it is text ("x<y", "<div>", "I <3 it"), and the
    sanitiser would drop it together with everything after it.
    """
    kept, end = [], 0
    for tag in ALLOWED_TAG.finditer(text):
        kept += [text[end : tag.start()].replace("<", "&lt;"), tag[0]]
        end = tag.end()
    kept.append(text[end:].replace("<", "&lt;"))
    return "".join(kept)


def _clean(text: str) -> str:
    """Keep the allowed formatting and show any other tag as the text it was typed as;
    drop every attribute but a link's."""
    return nh3.clean(
        _escape_stray_brackets(text.strip()),
        tags=set(ALLOWED_TAGS),
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=set(ALLOWED_URL_SCHEMES),
        link_rel="noopener noreferrer nofollow",
    )


def sanitise_discussion_body(text: str) -> str:
    """What a discussion or a comment keeps of what its author typed."""
    # What is between backticks is shown as typed, tags included.
    text = INLINE_CODE.sub(lambda code: f"<code>{html.escape(code[1], quote=False)}</code>", text)
    return _clean(text)


BULLET = re.compile(r"^\s*[-*•]\s+(.+)$")
NUMBERED = re.compile(r"^\s*\d{1,3}[.)]\s+(.+)$")
# An http(s) address in text, not already inside a tag or a link.
BARE_URL = re.compile(r"(?<![\"'=>/])\bhttps?://[^\s<>\"']+[^\s<>\"'.,;:!?)\]]")
# A link the author wrote themselves, which stays as it is.
TYPED_LINK = re.compile(r"<a\b[^>]*>.*?</a>", re.IGNORECASE)


def _link_addresses(text: str) -> str:
    return BARE_URL.sub(lambda match: f'<a href="{match[0]}">{match[0]}</a>', text)


def _linkify(line: str) -> str:
    """Bare web addresses become links, outside the links the author typed."""
    kept, end = [], 0
    for link in TYPED_LINK.finditer(line):
        kept += [_link_addresses(line[end : link.start()]), link[0]]
        end = link.end()
    kept.append(_link_addresses(line[end:]))
    return "".join(kept)


def _block_html(lines: list[str]) -> str:
    """One paragraph, or one list when every line is a list item."""
    for pattern, tag in ((BULLET, "ul"), (NUMBERED, "ol")):
        items = [pattern.match(line) for line in lines]
        if all(items):
            inner = "".join(f"<li>{_linkify(item[1])}</li>" for item in items)
            return f"<{tag}>{inner}</{tag}>"
    return "<p>" + "<br>".join(_linkify(line) for line in lines) + "</p>"


# The same text always gives the same HTML, and a conversation shows each of
# its comments on every view: each process turns a text into HTML once.
@functools.lru_cache(maxsize=2048)
def render_discussion_body(text: str) -> SafeString:
    """Sanitised HTML: paragraphs, lists and links from the author's plain text."""
    # Stored text is sanitised already; backticks are not read again, so the
    # code they made is not escaped twice.
    blocks = re.split(r"\n\s*\n", _clean(text).replace("\r\n", "\n"))
    rendered = "".join(_block_html(block.split("\n")) for block in blocks if block.strip())
    # Sanitised again: the markup added here must pass the same rules.
    return mark_safe(  # noqa: S308 (nh3 output)
        nh3.clean(
            rendered,
            tags=set(ALLOWED_TAGS) | {"p"},
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes=set(ALLOWED_URL_SCHEMES),
            link_rel="noopener noreferrer nofollow",
        )
    )


def editable_text(stored: str) -> str:
    """What the author sees in the edit box: their text, with `&lt;` back as `<`.

    Saving runs it through the sanitiser again, so nothing unsafe comes back.
    """
    return html.unescape(stored)
