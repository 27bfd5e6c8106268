"""The directory and a person's page cost the same number of queries at 5 and at 80 people."""

from django.urls import reverse

from communities.factories import CommunityPageFactory, DiscussionPageFactory, MembershipFactory
from conversation.factories import CommentFactory
from people.factories import PersonFactory
from tests.query_counts import assert_cost_does_not_grow

SMALL, LARGE = 5, 80


def build(home, size):
    """`size` people in one department, sharing communities and expertise with the first."""
    department = f"Department {size}"
    people = [
        PersonFactory(profile__department=department, expertise=["python", f"skill {n}"])
        for n in range(size)
    ]
    for number in range(size // 10 + 1):
        community = CommunityPageFactory(parent=home, title=f"Size {size}-{number}")
        for person in people:
            MembershipFactory(user=person, community=community)
        discussions = DiscussionPageFactory.create_batch(2, parent=community, author=people[0])
        # The first person comments as often as there are people.
        CommentFactory.create_batch(size, page=discussions[0], user=people[0])
    return people[0], department


def urls(person, department):
    directory = reverse("people:directory")
    community = person.memberships.first().community_id
    return {
        "directory": directory,
        "directory, searched and filtered": (
            f"{directory}?q=pyth&department={department}&community={community}&page=2"
        ),
        "person's page": reverse("people:person", args=[person.username]),
    }


PAGES = {
    name: (lambda person, department, name=name: urls(person, department)[name])
    for name in ("directory", "directory, searched and filtered", "person's page")
}


def test_people_pages_cost_the_same_at_5_and_at_80(employee_client, home):
    small, large = build(home, SMALL), build(home, LARGE)
    assert_cost_does_not_grow(employee_client, PAGES, small, large, max_queries=30)
