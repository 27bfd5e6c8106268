"""The reaction buttons under a page or a comment, and who reacted.

Built in Python rather than through a template, as `people_tags` builds a
person's link: a long conversation shows them once per comment, and
rendering a template each time was a third of the conversation's cost.
"""

from django import template
from django.template.defaulttags import CsrfTokenNode
from django.utils.html import format_html, format_html_join
from django.utils.translation import ngettext

register = template.Library()


@register.simple_tag(takes_context=True)
def reactions(context, summary, action: str, label: str):
    """`summary` is a `conversation.queries.ReactionSummary`; the form posts to `action`."""
    kinds = summary.kinds
    buttons = format_html_join(
        "",
        '<button class="reaction{}" type="submit" name="kind" value="{}" aria-pressed="{}">'
        "{}{}</button>",
        (
            (
                " reaction--mine" if kind["mine"] else "",
                kind["value"],
                "true" if kind["mine"] else "false",
                kind["label"],
                format_html(' <span class="reaction__count">{}</span>', kind["count"])
                if kind["count"]
                else "",
            )
            for kind in kinds
        ),
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
        buttons,
        who,
    )
