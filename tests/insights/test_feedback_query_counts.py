"""The listening pages cost the same whatever the data; the helpful box adds one query."""

from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from communities import services as community_services
from communities.factories import MembershipFactory
from insights import services
from insights.factories import SuggestionFactory, SuggestionVoteFactory
from insights.models import SuggestionStatus
from intranet.factories import UserFactory
from tests.query_counts import assert_cost_does_not_grow

SMALL, LARGE = 5, 40
MAX_QUERIES = 20
# What guide and community pages cost before they asked "Was this page helpful?".
GUIDE_PAGE_BEFORE, COMMUNITY_PAGE_BEFORE = 26, 20


def build(make_community, make_guide, owner, employee, size):
    community = make_community(title=f"Size {size}", lead=owner)
    community_services.join_community(employee, community)
    MembershipFactory.create_batch(3, community=community)
    guide = make_guide(title=f"Guide {size}")
    voters = UserFactory.create_batch(size)
    for number, voter in enumerate(voters):
        services.answer_helpful(voter, guide, number % 2 == 0, f"Comment {number}")
        services.answer_helpful(voter, community, number % 3 == 0)
    services.answer_helpful(employee, guide, False, "Mine")
    statuses = list(SuggestionStatus.values)
    for number in range(size):
        suggestion = SuggestionFactory(
            status=statuses[number % len(statuses)], answer=f"Answer {number}"
        )
        for voter in voters[: number % 4]:
            SuggestionVoteFactory(suggestion=suggestion, user=voter)
        if number % 2:
            SuggestionVoteFactory(suggestion=suggestion, user=employee)
    return guide, community


PAGES = {
    "suggestion box": lambda guide, community: reverse("insights:suggestions"),
    "suggestion box, filtered": lambda guide, community: (
        reverse("insights:suggestions") + "?status=planned&page=1"
    ),
    "new suggestion": lambda guide, community: reverse("insights:suggest"),
    "you said, we did": lambda guide, community: reverse("insights:you-said-we-did"),
}
# These pages cost more than the pages above before the box came.
PAGES_WITH_THE_BOX = {
    "guide page": lambda guide, community: guide.url,
    "community page": lambda guide, community: community.url,
}


def test_listening_pages_cost_the_same_at_5_and_at_40(
    employee_client, employee, make_community, make_guide, owner
):
    small, large = (
        build(make_community, make_guide, owner, employee, size) for size in (SMALL, LARGE)
    )
    assert_cost_does_not_grow(employee_client, PAGES, small, large, MAX_QUERIES)
    assert_cost_does_not_grow(
        employee_client, PAGES_WITH_THE_BOX, small, large, GUIDE_PAGE_BEFORE + 1
    )


def test_the_helpful_box_costs_one_query(employee, guide):
    services.answer_helpful(employee, guide, True, "Good")
    request = RequestFactory().get(guide.url)
    request.user = employee
    template = Template("{% load feedback_tags %}{% helpful_box page %}")
    with CaptureQueriesContext(connection) as queries:
        html = template.render(Context({"request": request, "page": guide}))
    assert "You answered “Yes”" in html
    assert len(queries) == 1
