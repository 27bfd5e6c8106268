"""The demo tells the truth: what its texts point a reader to is really there.

An answer on "You said, we did" or a step in a demo guide names a page or a
control in curly quotes (“Wellbeing”, “Join this community”); each must be a
page the seed builds or words the product's own templates show.
"""

import json
import re

from django.conf import settings

from wagtail.models import Page

from communities.models import MembershipPolicy, Visibility
from guides.models import GuidePage
from insights.models import Suggestion, SuggestionStatus

QUOTED = re.compile(r"“([^”]+)”")


def _template_text() -> str:
    return "\n".join(
        path.read_text(encoding="utf-8") for path in settings.BASE_DIR.glob("*/templates/**/*.html")
    )


def _titles(names: set[str]) -> set[str]:
    return set(Page.objects.live().filter(title__in=names).values_list("title", flat=True))


def test_every_page_an_answer_names_is_in_the_demo(seeded):
    answers = Suggestion.objects.exclude(answer="").values_list("answer", flat=True)
    named = {name for answer in answers for name in QUOTED.findall(answer)}
    assert named, "the answers point to pages by name"
    assert named - _titles(named) == set()


def test_a_done_answer_names_a_community_that_is_open_where_it_says(seeded):
    wellbeing = Page.objects.get(title="Wellbeing").specific
    assert wellbeing.get_parent().title == "People and Culture"
    assert (wellbeing.visibility, wellbeing.membership_policy) == (
        Visibility.OPEN,
        MembershipPolicy.OPEN,
    )
    done = Suggestion.objects.filter(status=SuggestionStatus.DONE).values_list("answer", flat=True)
    assert any("“Wellbeing” is open to everyone" in answer for answer in done)


def test_what_the_demo_guides_quote_is_a_page_or_on_screen(seeded):
    quoted = {
        name
        for guide in GuidePage.objects.live()
        for name in QUOTED.findall(json.dumps(list(guide.body.raw_data), ensure_ascii=False))
    }
    assert quoted, "the guides quote buttons and headings"
    shown = _template_text()
    assert {name for name in quoted - _titles(quoted) if name not in shown} == set()
