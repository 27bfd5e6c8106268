"""The home page costs the same with a little data as with a lot, cached or not."""

import datetime

import pytest

from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from communities.factories import DiscussionPageFactory, MembershipFactory
from conversation.factories import CommentFactory, CommentReactionFactory
from guides.models import AudienceCode, GuideCompletion
from home.models import FeaturedItem
from insights.factories import SuggestionFactory, SuggestionVoteFactory
from insights.models import CommunityDay, PageDay, PageView, SuggestionStatus
from intranet.factories import UserFactory
from intranet.roles import COMMUNICATORS
from notifications.factories import NotificationFactory, PageFollowFactory, PersonFollowFactory
from tests.communities.conftest import publish
from tests.query_counts import count_queries

MAX_QUERIES = 20


def build(size, make_community, make_guide, make_path, home):
    """A person in `size` communities, following `size` people and discussions (read
    this week), with `size` notifications, who leads `size` communities and reviews
    `size` guides, among `size` answered suggestions with `size` votes each."""
    person = UserFactory()
    person.groups.add(Group.objects.get(name=COMMUNICATORS))
    person.profile.department = "Finance"
    person.profile.save()
    person.profile.expertise.add(*[f"skill{n}" for n in range(size)])
    guides = [make_guide(title=f"Guide {size}-{n}") for n in range(size)]
    home.onboarding_path = make_path(guides, title=f"Path {size}")
    publish(home)
    for guide in guides[: size // 2]:
        GuideCompletion.objects.create(user=person, guide=guide)
    make_guide(title=f"Must read {size}", must_read=True, audiences=[AudienceCode.EVERYONE])
    for n in range(size):
        answered = SuggestionFactory(
            title=f"Idea {size}-{n}", status=SuggestionStatus.DONE, answer="Done it."
        )
        SuggestionVoteFactory.create_batch(size, suggestion=answered)
    for n in range(size):
        FeaturedItem.objects.create(home=home, item=guides[n], sort_order=n)
        community = make_community(title=f"Community {size}-{n}", lead=person)
        community.topics.add(f"skill{n}")
        publish(community)
        # Measured by yesterday's roll-up, with no activity: quiet.
        CommunityDay.objects.create(
            community=community, day=timezone.localdate() - datetime.timedelta(days=1), members=1
        )
        other = make_community(title=f"Other {size}-{n}")
        MembershipFactory(user=person, community=community)
        colleague = UserFactory()
        colleague.profile.department = "Finance"
        colleague.profile.save()
        MembershipFactory(user=colleague, community=other)
        PersonFollowFactory(user=person, person=colleague)
        discussion = DiscussionPageFactory(parent=community, author=colleague)
        followed = DiscussionPageFactory(parent=other, author=colleague)
        PageFollowFactory(user=person, page=followed)
        # Read today (raw views) and yesterday (rolled up).
        PageView.objects.create(user=person, page=followed, day=timezone.localdate())
        PageDay.objects.create(
            page=followed, day=timezone.localdate() - datetime.timedelta(days=1), views=size
        )
        for comment_number in range(3):
            comment = CommentFactory(page=followed, user=colleague)
            CommentReactionFactory(comment=comment, user=UserFactory())
            NotificationFactory(recipient=person, title=f"{comment_number}")
        assert discussion
    return person


@pytest.fixture
def people(make_community, make_guide, make_path, home):
    small = build(1, make_community, make_guide, make_path, home)
    large = build(12, make_community, make_guide, make_path, home)
    return small, large


def cost(client, person, cold):
    client.force_login(person)
    if cold:
        client.get("/")  # the session and Wagtail's own per-process caches
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/").status_code == 200
        return len(queries)
    return count_queries(client, "/")


@pytest.mark.parametrize("cold", [False, True], ids=["cached", "cold"])
def test_the_home_page_costs_the_same_at_two_sizes(client, people, cold):
    small, large = people
    costs = (cost(client, small, cold), cost(client, large, cold))
    assert costs[0] == costs[1]
    if not cold:
        assert costs[1] <= MAX_QUERIES
    # Every block is there, so the count covers them all.
    page = client.get("/").content.decode()
    assert "See its insights" in page
    for heading in (
        "onboarding-heading",
        "must-read-heading",
        "featured-heading",
        "owner-heading",
        "feed-heading",
        "popular-heading",
        "recommended-heading",
        "you-said-heading",
    ):
        assert f'id="{heading}"' in page, heading
    assert 'aria-label="Notifications, 36 unread"' in page
