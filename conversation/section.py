"""The conversation under a page, around its threads: rendered once a process and filled in.

Every discussion and guide ends with it: the heading with the count, the
reactions to the page, the comment form, the links that order the comments
and the reply form that the page's script moves under a comment. For a page,
it is the same for every reader who may not moderate it, but for the count,
who reacted, the CSRF token, the form's key and the threads (themselves
kept, `conversation.threads`). Those are holes (`intranet.holes`) each
request fills in; the rest is rendered once for each page, language, script
prefix, order, reason the conversation is closed to the reader and whether it
has comments yet (which brings the links that order them), and held in the
process's memory. A moderator's section, with its lock, is rendered for them.
"""

import functools
import html
from typing import Any

from django.middleware.csrf import get_token
from django.template.loader import get_template
from django.urls import get_script_prefix, reverse
from django.utils import translation
from django.utils.safestring import SafeString
from django.utils.translation import gettext, ngettext

from conversation.templatetags.conversation_tags import reactions
from intranet.holes import Holes, Prefilled, csrf

TEMPLATE = "conversation/includes/section.html"
# Sections held: the pages read most, each in an order or two.
KEPT = 512


@functools.lru_cache(maxsize=KEPT)
def _kept(
    page_id: int,
    language: str,
    script_prefix: str,
    order: str,
    closed_reason: str,
    has_comments: bool,
) -> Prefilled:
    holes = Holes()
    return holes.render(
        TEMPLATE,
        {
            "page": {"pk": page_id},
            "conversation": {
                "heading": holes.mark("heading"),
                "page_reactions": holes.mark("reactions"),
                "is_moderator": False,
                "closed_reason": closed_reason,
                "count": has_comments,
                "order": order,
                "form_key": holes.mark("key"),
                "threads_html": holes.mark("threads"),
            },
        },
    )


def section(request, page, conversation: dict[str, Any]) -> SafeString:
    """The section for `request`'s reader; `conversation` is what `conversation.queries` read."""
    token = get_token(request)
    count = conversation["count"]
    # Plain text: the template escapes it for a moderator, the hole's filling for others.
    heading = ngettext("%(counter)s comment", "%(counter)s comments", count) % {"counter": count}
    page_reactions = reactions(
        {"csrf_token": token},
        conversation["page_reactions"],
        reverse("conversation:react-page", args=[page.pk]),
        gettext("Reactions to this page"),
    )
    if conversation["is_moderator"]:
        shown = {**conversation, "heading": heading, "page_reactions": page_reactions}
        return get_template(TEMPLATE).render(
            {"page": page, "conversation": shown, "csrf_token": token}
        )
    kept = _kept(
        page.pk,
        translation.get_language(),
        get_script_prefix(),
        conversation["order"],
        str(conversation["closed_reason"] or ""),
        bool(count),
    )
    return kept.fill(
        {
            ("heading", ()): html.escape(heading),
            ("reactions", ()): page_reactions,
            ("key", ()): html.escape(conversation["form_key"]),
            ("threads", ()): conversation["threads_html"],
            **csrf(token),
        }
    )
