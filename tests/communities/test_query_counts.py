"""A page's cost does not grow with the data: the same queries at 5 and at 200."""

from django.urls import reverse

from communities import services
from communities.factories import DiscussionPageFactory, MembershipFactory
from tests.query_counts import assert_cost_does_not_grow

SMALL, LARGE = 5, 200
# A ceiling too, so a fixed but wasteful page is noticed.
MAX_QUERIES = 30


def build(make_community, owner, employee, size):
    community = make_community(title=f"Size {size}", lead=owner)
    services.join_community(employee, community)
    MembershipFactory.create_batch(size - 1, community=community)
    for number in range(size // 20 + 1):
        child = make_community(parent=community, title=f"Sub {size}-{number}")
        MembershipFactory.create_batch(2, community=child)
    discussions = DiscussionPageFactory.create_batch(size, parent=community)
    return community, discussions[-1]


PAGES = {
    "community page": lambda community, discussion: community.url,
    "members page": lambda community, discussion: reverse(
        "communities:members", args=[community.pk]
    ),
    "members search": lambda community, discussion: (
        reverse("communities:members", args=[community.pk]) + "?q=a&page=2"
    ),
    "discussion page": lambda community, discussion: discussion.url,
}


def test_page_cost_is_the_same_at_5_and_at_200(employee_client, make_community, owner, employee):
    # Both data sets live side by side, so they are built once for every page.
    small, large = (build(make_community, owner, employee, size) for size in (SMALL, LARGE))
    assert_cost_does_not_grow(employee_client, PAGES, small, large, MAX_QUERIES)
