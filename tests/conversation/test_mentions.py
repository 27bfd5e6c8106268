"""Mentions in comments and discussion bodies link to the person, and a discussion's notify."""

import pytest

from django.urls import reverse

from communities.factories import MembershipFactory
from communities.models import Visibility
from communities.services import start_discussion
from conversation import services as conversation
from intranet.factories import UserFactory
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def link_to(username):
    return f'<a class="mention" href="{reverse("people:person", args=[username])}">@{username}</a>'


def test_a_mention_in_a_comment_links_to_the_person(discussion, employee_client, employee, owner):
    conversation.post_comment(employee, discussion, "Over to @olivia and @nobody")
    content = employee_client.get(discussion.url).content.decode()
    assert f"Over to {link_to('olivia')} and @nobody" in content


def test_a_mention_in_a_discussion_links_and_tells_the_person_once(
    make_community, owner, employee, employee_client
):
    community = make_community(title="Finance", lead=owner)
    MembershipFactory(user=employee, community=community)
    member = UserFactory(username="mo")
    MembershipFactory(user=member, community=community)
    discussion = start_discussion(
        employee, community, "Expense claims", "@mo and @olivia: how do I claim a taxi?"
    )
    told = set(Notification.objects.values_list("recipient__username", "kind"))
    # A member mentioned hears of it as a mention, not twice.
    assert told == {("mo", "mention"), ("olivia", "mention")}
    mention = Notification.objects.get(recipient=member)
    assert mention.describe() == f"{employee.get_full_name()} mentioned you on “Expense claims”"
    assert mention.url == discussion.url
    content = employee_client.get(discussion.url).content.decode()
    assert f"{link_to('mo')} and {link_to('olivia')}: how do I claim a taxi?" in content


def test_a_mention_of_someone_who_cannot_read_the_discussion_tells_them_nothing(
    make_community, owner, employee
):
    community = make_community(title="Board", lead=owner, visibility=Visibility.CLOSED)
    MembershipFactory(user=employee, community=community)
    MembershipFactory(user=UserFactory(username="mo"), community=community)
    UserFactory(username="sam")
    start_discussion(employee, community, "Budget", "@sam and @mo, what do you think?")
    assert set(Notification.objects.values_list("recipient__username", "kind")) == {
        ("mo", "mention")
    }
