"""Mentions: "@" and a colleague's username in a comment or a discussion.

What counts as a mention, who it names, the link it becomes when shown, and
the people suggested while someone types one. The apps above (conversation,
communities, notifications) use these, so that a mention is read one way
wherever it is written.
"""

import re
from collections.abc import Collection

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.urls import reverse, reverse_lazy
from django.utils.html import format_html, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from people.queries import choosable_people, people_matching

# A mention is "@" and a username, as in "thanks @erin" or "@erin.lindqvist":
# not an email address ("erin@example.com") nor part of a web address.
MENTION = re.compile(r"(?<![\w@./])@([\w.+-]*\w)")
# A few names are enough to pick from while typing.
SUGGESTIONS = 8
# What a text box needs for mentions.js to suggest people in it.
TEXTAREA_ATTRS = {
    "data-mentions": reverse_lazy("people:mention-suggestions"),
    "data-mentions-label": _("People to mention"),
}

# Sanitised HTML is tags and text; a mention is linked in text only, and not inside
# a link or code, where "@" means something else.
_TAG = re.compile(r"(<[^>]*>)")
_TAG_NAME = re.compile(r"</?([a-zA-Z]+)")
_NOT_LINKED_INSIDE = frozenset({"a", "code"})


def mentioned_usernames(text: str) -> set[str]:
    return set(MENTION.findall(strip_tags(text)))


def people_named(usernames: Collection[str]) -> QuerySet:
    """The people still here among `usernames`; no query for no names."""
    people = get_user_model().objects.filter(is_active=True)
    return people.filter(username__in=usernames) if usernames else people.none()


def mentionable(usernames: Collection[str]) -> set[str]:
    """Those of `usernames` that belong to someone still here."""
    return set(people_named(usernames).values_list("username", flat=True))


def _person_link(match: re.Match, usernames: Collection[str]) -> str:
    if match[1] not in usernames:
        return match[0]
    return format_html(
        '<a class="mention" href="{}">@{}</a>',
        reverse("people:person", args=[match[1]]),
        match[1],
    )


def link_mentions(html: SafeString, usernames: Collection[str]) -> SafeString:
    """`html` (sanitised) with each mention of one of `usernames` linked to that person."""
    if not usernames or "@" not in html:
        return html
    kept, inside = [], 0
    for part in _TAG.split(html):
        if part.startswith("<"):
            name = _TAG_NAME.match(part)
            if name and name[1].lower() in _NOT_LINKED_INSIDE:
                inside += -1 if part.startswith("</") else 1
        elif inside <= 0 and "@" in part:
            part = MENTION.sub(lambda match: _person_link(match, usernames), part)
        kept.append(part)
    # Tags kept as they were; text escaped already, and mentions built by format_html.
    return mark_safe("".join(kept))  # noqa: S308


def with_linked_mentions(html: SafeString, text: str) -> SafeString:
    """`html`, shown from `text`, with the mentions of people still here linked: one query
    when `text` mentions anyone."""
    return link_mentions(html, mentionable(mentioned_usernames(text)))


def suggestions(query: str) -> list[dict]:
    """The people a mention that starts with `query` may name: name, username, photo."""
    if not query.strip():
        return []
    people = people_matching(choosable_people(), query)[:SUGGESTIONS]
    return [
        {
            "username": person.get_username(),
            "name": _name(person),
            "photo": _photo(person),
        }
        for person in people
    ]


def _name(person) -> str:
    profile = getattr(person, "profile", None)
    return (
        (profile.display_name if profile else "") or person.get_full_name() or person.get_username()
    )


def _photo(person) -> str:
    profile = getattr(person, "profile", None)
    return profile.photo.url if profile is not None and profile.photo else ""
