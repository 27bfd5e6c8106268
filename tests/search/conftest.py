"""A fixed intranet to search: each page says where its words are, so the order is known."""

import pytest
import wagtail_factories

from communities.factories import DiscussionPageFactory
from conversation.factories import CommentFactory
from guides.factories import GuidePageFactory
from people.factories import PersonFactory
from search.models import SearchSynonym
from tests.communities.conftest import home, make_community, owner, publish  # noqa: F401
from tests.guides.conftest import guides_index  # noqa: F401


def paragraph(text: str) -> dict:
    return {"body__0__paragraph__value": f"<p>{text}</p>"}


@pytest.fixture
def make_guide(guides_index):  # noqa: F811 (the fixture imported above)
    def make(parent=None, **kwargs):
        kwargs.setdefault("summary", "A guide.")
        if not any(key.startswith("body__") for key in kwargs):
            kwargs.update(paragraph("Read me."))
        return publish(GuidePageFactory(parent=parent or guides_index, **kwargs))

    return make


@pytest.fixture
def make_discussion():
    def make(community, **kwargs):
        kwargs.setdefault("body", "Any ideas?")
        return publish(DiscussionPageFactory(parent=community, **kwargs))

    return make


@pytest.fixture
def intranet(make_community, make_guide, make_discussion):  # noqa: F811
    """Guides that mention leave in the title, the summary, a heading or the body;
    communities that mention payroll in the title, the purpose or the body; a
    discussion answered in its comments; a person; a document."""
    hr = make_community(title="People team", purpose="Everything about working here.")
    payroll = {
        "title": make_community(
            parent=hr, title="Payroll", purpose="Salaries.", **paragraph("Monthly pay.")
        ),
        "purpose": make_community(
            title="Finance", purpose="Budgets and payroll.", **paragraph("Money.")
        ),
        "body": make_community(
            title="Operations", purpose="Keeping things running.", **paragraph("We ask payroll.")
        ),
    }
    leave = {
        "title": make_guide(title="Booking leave", summary="Use the form."),
        "summary": make_guide(title="Time off", summary="How leave is counted."),
        "heading": make_guide(
            title="Your first week",
            summary="Settling in.",
            body__0__heading__text="Planning leave",
            body__1__paragraph__value="<p>Ask your manager.</p>",
        ),
        "body": make_guide(title="Working from home", **paragraph("Tell us before you leave.")),
    }
    printer = make_discussion(hr, title="Printer trouble", body="It jams.")
    CommentFactory(page=printer, comment="Try the zebrafish driver.")
    person = PersonFactory(
        username="ada",
        first_name="Ada",
        last_name="Lovelace",
        profile__display_name="Ada Lovelace",
        profile__job_title="Payroll specialist",
        expertise=["spreadsheets"],
    )
    document = wagtail_factories.DocumentFactory(title="Expenses claim form")
    return {
        "hr": hr,
        "payroll": payroll,
        "leave": leave,
        "printer": printer,
        "person": person,
        "document": document,
    }


@pytest.fixture
def holiday_synonyms(db):
    return SearchSynonym.objects.create(words="holiday, leave, vacation")
