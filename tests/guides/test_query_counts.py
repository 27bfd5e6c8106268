"""A guide page's cost does not grow with the data: the same queries at 5 and at 60."""

from guides.factories import (
    AcknowledgementFactory,
    GuideCompletionFactory,
    GuideIndexPageFactory,
)
from tests.query_counts import assert_cost_does_not_grow

SMALL, LARGE = 5, 60
# A ceiling too, so a fixed but wasteful page is noticed.
MAX_QUERIES = 30


def build(make_community, make_guide, make_path, employee, size):
    community = make_community(title=f"Size {size}")
    index = GuideIndexPageFactory(parent=community, title=f"Guides {size}")
    guides = [
        make_guide(
            parent=index,
            title=f"Guide {size}-{number}",
            must_read=True,
            topics=["onboarding", f"topic-{number}"],
            **{
                "body__0__paragraph__value": "<p>How to find a guide.</p>",
                "body__1__steps__steps__0__title": "Search",
                "body__2__questions__questions__0__question": "Why?",
            },
        )
        for number in range(size)
    ]
    path = make_path(guides, parent=index, title=f"Path {size}")
    make_path(guides[::-1], parent=index, title=f"Backwards {size}")
    for guide in guides[: size // 2]:
        GuideCompletionFactory(user=employee, guide=guide)
        AcknowledgementFactory(user=employee, guide=guide)
    for guide in guides:
        GuideCompletionFactory.create_batch(2, guide=guide)
    return index, path, guides[size // 2]


PAGES = {
    "guide index": lambda index, path, guide: index.url,
    "filtered index": lambda index, path, guide: (
        index.url + "?audience=everyone&topic=onboarding&q=guide&sort=read&page=2"
    ),
    "learning path": lambda index, path, guide: path.url,
    "guide in two paths": lambda index, path, guide: guide.url,
}


def test_page_cost_is_the_same_at_5_and_at_60(
    employee_client, employee, make_community, make_guide, make_path
):
    small, large = (
        build(make_community, make_guide, make_path, employee, size) for size in (SMALL, LARGE)
    )
    assert_cost_does_not_grow(employee_client, PAGES, small, large, MAX_QUERIES)
