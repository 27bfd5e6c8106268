"""HTML rendered once for every reader, with holes each reader's request fills in.

A long conversation looks the same to every employee but for a few things
that are theirs: their reactions pressed, Edit and Delete on their own
comments, the CSRF token in each form. The shared HTML is rendered and cached
with a mark in each of those places, and every request fills the marks in.

Each rendering draws a random nonce into its marks, so text a person wrote
(a comment quoting a mark) can never be taken for one.
"""

import re
import secrets
from collections.abc import Callable

from django.utils.safestring import SafeString, mark_safe


class Holes:
    def __init__(self, nonce: str | None = None):
        self.nonce = nonce or secrets.token_hex(8)

    def mark(self, name: str, *args) -> str:
        """The mark for hole `name`; its arguments are numbers or slugs.

        Brackets, letters and digits: HTML escaping leaves a mark as it is,
        even inside an attribute.
        """
        return "[[" + ":".join((self.nonce, name, *map(str, args))) + "]]"

    def fill(self, html: str, fillers: dict[str, Callable[..., str]]) -> SafeString:
        """`html` with each mark replaced by what its filler returns for the mark's arguments.

        Fillers return safe HTML (or plain text with nothing to escape).
        """
        pattern = re.compile(r"\[\[" + re.escape(self.nonce) + r":(\w+)((?::[\w-]+)*)\]\]")

        def replace(match: re.Match) -> str:
            arguments = match.group(2).split(":")[1:]
            return fillers[match.group(1)](*arguments)

        return mark_safe(pattern.sub(replace, html))  # noqa: S308 (rendered by our templates, filled by our code)
