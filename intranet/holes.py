"""HTML rendered once for every reader, with holes each reader's request fills in.

A long conversation looks the same to every employee but for a few things
that are theirs: their reactions pressed, Edit and Delete on their own
comments, the CSRF token in each form. The shared HTML is rendered once with
a mark in each of those places and cached, and every request fills the marks
in (`conversation.threads`, which says why it is worth it).

Each rendering draws a random nonce into its marks, so text a person wrote
(a comment quoting a mark) can never be taken for one.
"""

import html
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class Cut:
    """HTML cut at its holes once, as it is rendered: the text between them, and each hole's
    name and arguments. Filling it in (`prefill`, then `Prefilled.fill`) is then a join,
    with no search through the HTML."""

    texts: tuple[str, ...]
    holes: tuple[tuple[str, tuple[str, ...]], ...]

    def prefill(self, defaults: dict[str, Callable[..., str]]) -> "Prefilled":
        """The HTML with every hole filled in with what most readers see there.

        For holes that differ from one reader to the next in a few places only
        (the reactions a reader chose among hundreds of buttons): each reader's
        copy then changes those places alone. Holes with no default (a CSRF
        token, a person's name) must be given by every request.
        """
        pieces = [""] * (2 * len(self.holes) + 1)
        pieces[0::2] = self.texts
        places: dict[tuple[str, tuple[str, ...]], list[int]] = {}
        for index, (name, arguments) in enumerate(self.holes):
            at = 2 * index + 1
            if name in defaults:
                pieces[at] = defaults[name](*arguments)
            places.setdefault((name, arguments), []).append(at)
        required = frozenset(hole for hole in places if hole[0] not in defaults)
        return Prefilled(pieces=tuple(pieces), places=places, required=required)


@dataclass(frozen=True)
class Prefilled:
    """HTML with its holes filled in as most readers see them, and where each hole is."""

    pieces: tuple[str, ...]
    # Each hole's name and arguments: its places among the pieces.
    places: dict[tuple[str, tuple[str, ...]], list[int]]
    # The holes with no default, which every request fills.
    required: frozenset[tuple[str, tuple[str, ...]]]

    def fill(self, values: dict[tuple[str, tuple[str, ...]], str]) -> SafeString:
        """The HTML with the holes named in `values` (by name and arguments) filled in with them.

        Values are safe HTML (or plain text with nothing to escape). A hole
        with no default left out is a mistake that would ship, say, a form
        without its token: it raises rather than rendering.
        """
        missing = self.required - values.keys()
        if missing:
            raise KeyError(f"No value for the holes {sorted(missing)}")
        pieces = list(self.pieces)
        for hole, value in values.items():
            for at in self.places.get(hole, ()):
                pieces[at] = value
        return mark_safe("".join(pieces))  # noqa: S308 (rendered by our templates, filled by our code)


class Holes:
    def __init__(self, nonce: str | None = None):
        self.nonce = nonce or secrets.token_hex(8)

    def mark(self, name: str, *args) -> str:
        """The mark for hole `name`; its arguments are numbers or slugs.

        Brackets, letters and digits: HTML escaping leaves a mark as it is,
        even inside an attribute.
        """
        return "[[" + ":".join((self.nonce, name, *map(str, args))) + "]]"

    def render(
        self,
        template_name: str,
        context: dict[str, Any],
        defaults: dict[str, Callable[..., str]] | None = None,
    ) -> Prefilled:
        """`template_name` rendered with `context`, cut at this nonce's marks and prefilled.

        Every form's CSRF token is the hole "csrf" (fill it with `csrf`), and the
        template's tags find these holes as `holes`, to mark their own.
        """
        rendered = get_template(template_name).render(
            {**context, "holes": self, "csrf_token": self.mark("csrf")}
        )
        return self.cut(rendered).prefill(defaults or {})

    def cut(self, markup: str) -> Cut:
        """`markup`, rendered with this nonce's marks, cut at each of them."""
        pattern = re.compile(r"\[\[" + re.escape(self.nonce) + r":(\w+)((?::[\w-]+)*)\]\]")
        # Text, then each mark's name and arguments, then text again.
        parts = pattern.split(markup)
        return Cut(
            texts=tuple(parts[0::3]),
            holes=tuple(
                (name, tuple(arguments.split(":")[1:]))
                for name, arguments in zip(parts[1::3], parts[2::3], strict=True)
            ),
        )


def csrf(token: str) -> dict[tuple[str, tuple[str, ...]], str]:
    """The value of the "csrf" hole, for `Prefilled.fill`: the request's token."""
    return {("csrf", ()): html.escape(token)}
