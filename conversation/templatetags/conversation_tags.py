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
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

register = template.Library()

# Each comment address is reversed once with this number in place of a
# comment's, then filled in for each comment; no address holds it otherwise.
_STAND_IN = 2_147_483_647


# One per script prefix, which reverse() writes in front of every address.
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


def reaction_button(value: str, mine: bool) -> str:
    """A reaction button's opening tag: the part that shows whether the reaction is the reader's."""
    return (
        '<button class="reaction{}" type="submit" name="kind" value="{}" aria-pressed="{}">'
    ).format(" reaction--mine" if mine else "", html.escape(value), "true" if mine else "false")


@register.simple_tag(takes_context=True)
def reactions(context, summary, action: str, label: str, comment_pk: int | None = None):
    """`summary` is a `conversation.queries.ReactionSummary`; the form posts to `action`.

    A comment's buttons (`comment_pk` given) are rendered for every reader: which
    one is the reader's own is a hole (`conversation.threads` fills it in).
    """
    kinds = summary.kinds
    # The standard library's escaping, as LongSelect does: five buttons a
    # comment, each through format_html, cost more than the rest of the tag.
    buttons = "".join(
        "{}{}{}</button>".format(
            reaction_button(kind["value"], kind["mine"])
            if comment_pk is None
            else context["holes"].mark("react", int(comment_pk), kind["value"]),
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


@functools.cache
def _action_labels(language: str) -> tuple[str, str, str]:
    # Translated once a language: a long conversation asks for them once a comment.
    return html.escape(_("Flag")), html.escape(_("Edit")), html.escape(_("Delete"))


def comment_actions(pk: int, own: bool, csrf_token: str) -> str:
    """Edit and Delete under the reader's own comment, Flag under anyone else's."""
    flag, edit, delete = _action_labels(get_language())
    if not own:
        return '<a href="{}">{}</a>'.format(comment_address(pk, "flag"), flag)
    return (
        '<a href="{}">{}</a>\n'
        '<form method="post" action="{}">'
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
        '<button class="link-button" type="submit">{}</button></form>'
    ).format(
        comment_address(pk, "edit"),
        edit,
        comment_address(pk, "delete"),
        html.escape(csrf_token),
        delete,
    )
