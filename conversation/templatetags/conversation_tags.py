"""What a conversation shows for every comment, built in Python.

As `people_tags` builds a person's link: a long conversation shows these once
per comment, and the reaction buttons rendered through a template were a
third of its cost, the comments' addresses through `{% url %}` a fifth.
"""

import functools
import html

from django import template
from django.template.defaulttags import CsrfTokenNode
from django.urls import get_script_prefix, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import ngettext

register = template.Library()

# Each comment address is reversed once with this number in place of a
# comment's, then filled in for each comment; no address holds it otherwise.
_STAND_IN = 2_147_483_647


# Kept per script prefix, which reverse() writes in front of every address.
@functools.cache
def _address_pattern(name: str, script_prefix: str) -> tuple[str, str]:
    before, _stand_in, after = reverse(f"conversation:{name}", args=[_STAND_IN]).rpartition(
        str(_STAND_IN)
    )
    return before, after


@register.filter
def comment_address(pk: int, name: str) -> str:
    """`{{ comment.pk|comment_address:'react' }}` is `{% url 'conversation:react' comment.pk %}`."""
    before, after = _address_pattern(name, get_script_prefix())
    return f"{before}{int(pk)}{after}"


@register.simple_tag(takes_context=True)
def reactions(context, summary, action: str, label: str):
    """`summary` is a `conversation.queries.ReactionSummary`; the form posts to `action`."""
    kinds = summary.kinds
    # The standard library's escaping, as LongSelect does: five buttons a
    # comment, each through format_html, cost more than the rest of the tag.
    buttons = "".join(
        '<button class="reaction{}" type="submit" name="kind" value="{}" aria-pressed="{}">'
        "{}{}</button>".format(
            " reaction--mine" if kind["mine"] else "",
            html.escape(kind["value"]),
            "true" if kind["mine"] else "false",
            html.escape(kind["label"]),
            f' <span class="reaction__count">{int(kind["count"])}</span>' if kind["count"] else "",
        )
        for kind in kinds
    )
    who = ""
    if summary.total:
        who = format_html(
            '<details class="reactions__who"><summary>{}</summary><ul>{}</ul></details>',
            ngettext("Who reacted (%(counter)s)", "Who reacted (%(counter)s)", summary.total)
            % {"counter": summary.total},
            format_html_join(
                "",
                "<li>{}: {}</li>",
                ((kind["label"], ", ".join(kind["names"])) for kind in kinds if kind["count"]),
            ),
        )
    return format_html(
        '<div class="reactions">'
        '<form method="post" action="{}" aria-label="{}">{}{}</form>{}'
        "</div>",
        action,
        label,
        # The same hidden field as {% csrf_token %}, from the same per-request token.
        CsrfTokenNode().render(context),
        mark_safe(buttons),  # noqa: S308 (every value and label escaped above)
        who,
    )
