"""Where the words were found, and the snippet that shows them.

Engines score differently (SQLite's FTS5 keeps only a title and a body column,
so it cannot weigh a summary above a body), so the results are ordered here by
the same rule everywhere: each word counts most when it is in the title, then
in the purpose, summary, headings, job title or expertise, then anywhere else.
The engine's own score breaks ties.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from search.query import match_pattern

TITLE, SUMMARY, BODY = 3, 2, 1
SNIPPET_LENGTH = 220


@dataclass(frozen=True)
class Fields:
    """The texts of one result, grouped by how much a match in them counts."""

    title: str
    summary: list[str]
    # Read only for the snippets of the results shown: rendering a page's
    # StreamField body to text costs more than the rest of a candidate.
    body: Callable[[], list[str]]
    # Counted like the summary but not shown in the snippet (headings, already in the body).
    headings: str = ""

    def snippet_source(self) -> str:
        return " · ".join(text for text in [*self.summary, *self.body()] if text)


def points(fields: Fields, alternatives: dict[str, list[str]]) -> int:
    """The sum, over the query's words, of the best place each was found."""
    total = 0
    for options in alternatives.values():
        pattern = match_pattern({"": options})
        if pattern.search(fields.title):
            total += TITLE
        elif any(pattern.search(text) for text in [*fields.summary, fields.headings]):
            total += SUMMARY
        else:
            # The engine found it, in the body or somewhere this code does not
            # read (a discussion's comments, a stemmed form).
            total += BODY
    return total


def mark(text: str, pattern: re.Pattern | None) -> SafeString:
    """`text` escaped, with each match wrapped in <mark>."""
    if pattern is None:
        return escape(text)
    pieces, last = [], 0
    for match in pattern.finditer(text):
        pieces += [escape(text[last : match.start()]), format_html("<mark>{}</mark>", match[0])]
        last = match.end()
    pieces.append(escape(text[last:]))
    return mark_safe("".join(pieces))  # noqa: S308 (every piece is escaped above)


def excerpt(text: str, pattern: re.Pattern | None, length: int = SNIPPET_LENGTH) -> str:
    """About `length` characters of `text` around its first match, cut at spaces."""
    text = " ".join(text.split())
    match = pattern.search(text) if pattern else None
    start = 0
    if match and match.start() > length // 3:
        start = text.rfind(" ", 0, match.start() - length // 3) + 1
    end = len(text) if len(text) <= start + length else text.rfind(" ", start, start + length)
    if end <= start:
        end = start + length
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    return prefix + text[start:end].strip() + suffix


def snippet(fields: Fields, pattern: re.Pattern | None) -> SafeString:
    return mark(excerpt(fields.snippet_source(), pattern), pattern)
