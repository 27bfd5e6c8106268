"""The "Was this page helpful?" box, rendered once a process for each language and answer.

Every guide and community page carries it, and it differs from one reader to
the next only by their answer (none, yes or no), the comment they left, the
page it answers for and the CSRF token. The answer decides the status line
and which button is pressed, so the box is rendered once for each answer, in
each language; the comment, the form's address and the token are holes
(`intranet.holes`) each request fills in.
"""

import functools
import html

from django.urls import get_script_prefix, reverse
from django.utils import translation
from django.utils.safestring import SafeString

from insights.forms import HelpfulForm
from insights.services import HelpfulAnswer
from intranet.holes import Holes, Prefilled, csrf

TEMPLATE = "insights/feedback_helpful.html"
# A few languages, three answers each.
KEPT = 32


@functools.lru_cache(maxsize=KEPT)
def _kept(language: str, script_prefix: str, helpful: bool | None) -> Prefilled:
    holes = Holes()
    answer = None if helpful is None else HelpfulAnswer(helpful, comment=holes.mark("comment"))
    return holes.render(
        TEMPLATE,
        {
            "answer": answer,
            "action": holes.mark("action"),
            # For its label and limit: the box writes its fields out itself, so
            # no form is built (a form copies its fields, on every page).
            "comment_field": HelpfulForm.base_fields["comment"],
        },
    )


def helpful_box(page, answer: HelpfulAnswer | None, csrf_token: str) -> SafeString:
    """The box on `page` for a reader who gave `answer` (None: not yet)."""
    kept = _kept(
        translation.get_language(),
        get_script_prefix(),
        None if answer is None else answer.helpful,
    )
    values = {
        ("action", ()): html.escape(reverse("insights:helpful", args=[page.pk])),
        **csrf(csrf_token),
    }
    if answer is not None:
        values[("comment", ())] = html.escape(answer.comment)
    return kept.fill(values)
