"""Who is told what, grouped while unread, and following people and discussions."""

from datetime import timedelta

import pytest

from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from communities.factories import DiscussionPageFactory, MembershipFactory
from communities.services import edit_discussion, start_discussion
from conversation import services as conversation
from guides.factories import GuideIndexPageFactory, GuidePageFactory
from intranet.factories import UserFactory
from intranet.roles import COMMUNICATORS
from notifications import services
from notifications.factories import PageFollowFactory, PersonFollowFactory
from notifications.models import Notification, PageFollow, PersonFollow
from tests.communities.conftest import publish


def test_comments_on_one_discussion_are_grouped_while_unread(discussion, employee):
    dana = discussion.author
    for _n in range(3):
        conversation.post_comment(UserFactory(), discussion, "Another thought")
    notification = Notification.objects.get(recipient=dana)
    assert notification.count == 3
    assert notification.describe() == f"3 new comments on “{discussion.title}”"
    assert notification.url == f"{discussion.url}#conversation"
    assert services.header_facts(dana).unread == 1

    services.mark_read(dana, notification.pk)
    conversation.post_comment(employee, discussion, "After she read it")
    # A new line, about the one new event, by its author.
    fresh = Notification.objects.get(recipient=dana, read_at__isnull=True)
    assert fresh.count == 1
    assert fresh.describe() == f"{employee.get_full_name()} commented on “{discussion.title}”"
    assert Notification.objects.filter(recipient=dana).count() == 2


def test_a_reply_that_mentions_is_told_once_as_a_reply(discussion, employee):
    kofi = UserFactory(username="kofi")
    first = conversation.post_comment(kofi, discussion, "A question")
    conversation.post_comment(employee, discussion, "Answering you, @kofi", parent=first)
    assert list(Notification.objects.filter(recipient=kofi).values_list("kind", flat=True)) == [
        "reply"
    ]


@pytest.mark.parametrize(
    ("text", "mentioned"),
    [
        ("Thanks @mei!", {"mei"}),
        ("(@mei.tanaka) and @kofi", {"mei.tanaka", "kofi"}),
        ("Write to mei@example.com", set()),
        ("See https://example.com/@mei", set()),
        ("@nobody here", set()),
    ],
)
def test_the_mention_syntax(db, text, mentioned):
    for username in ("mei", "mei.tanaka", "kofi"):
        UserFactory(username=username)
    found = services.mentioned_user_ids(text)
    assert {user.username for user in UserFactory._meta.model.objects.filter(pk__in=found)} == (
        mentioned
    )


def test_following_a_discussion_brings_its_new_comments(discussion, employee, stranger):
    assert services.toggle_page_follow(stranger, discussion) is True
    conversation.post_comment(employee, discussion, "News for followers")
    assert Notification.objects.get(recipient=stranger).kind == "comment"
    # Toggling again stops it.
    assert services.toggle_page_follow(stranger, discussion) is False
    assert not PageFollow.objects.exists()


def test_only_published_discussions_can_be_followed(discussion, stranger):
    community = discussion.get_parent()
    with pytest.raises(ValidationError):
        services.toggle_page_follow(stranger, community)
    discussion.unpublish()
    with pytest.raises(ValidationError):
        services.toggle_page_follow(stranger, discussion)
    assert not PageFollow.objects.exists()


def test_nobody_follows_themselves_or_someone_who_left(employee):
    with pytest.raises(ValidationError):
        services.toggle_person_follow(employee, employee)
    gone = UserFactory(is_active=False)
    with pytest.raises(ValidationError):
        services.toggle_person_follow(employee, gone)
    assert not PersonFollow.objects.exists()


def test_a_new_discussion_tells_members_and_the_authors_followers_once(
    make_community, owner, employee, stranger
):
    community = make_community(title="Finance", lead=owner)
    member = UserFactory()
    MembershipFactory(user=member, community=community)
    MembershipFactory(user=employee, community=community)
    PersonFollowFactory(user=stranger, person=employee)
    discussion = start_discussion(employee, community, "Expense claims", "How do I claim a taxi?")
    told = set(Notification.objects.values_list("recipient__username", "kind"))
    assert told == {(member.username, "discussion"), ("sam", "discussion")}
    assert Notification.objects.get(recipient=member).url == discussion.url
    # An edit is not news.
    edit_discussion(employee, discussion, "Expense claims, again", "How do I claim a taxi fare?")
    assert Notification.objects.get(recipient=member).count == 1
    start_discussion(employee, community, "Mileage", "And what about mileage rates?")
    grouped = Notification.objects.get(recipient=member)
    assert grouped.describe() == "2 new discussions in “Finance”"
    assert grouped.url == community.url


def test_someone_followed_by_many_costs_a_fixed_number_of_queries(
    discussion, employee, make_community, owner
):
    # The same comment on a discussion with 3 followers and on one with 30.
    quiet = publish(DiscussionPageFactory(parent=make_community(title="Quiet", lead=owner)))
    for page, followers in ((quiet, 3), (discussion, 30)):
        for _n in range(followers):
            PageFollowFactory(page=page)
    for page in (quiet, discussion):
        # The first comment also fills the process's caches (content types, site).
        conversation.post_comment(employee, page, "A first word")
    costs = []
    for page in (quiet, discussion):
        with CaptureQueriesContext(connection) as queries:
            conversation.post_comment(employee, page, "To every follower")
        costs.append(len(queries))
    assert costs[0] == costs[1] <= 50
    # Each discussion's author and followers: 4 and 31.
    assert Notification.objects.count() == 35


def test_a_flag_tells_the_pages_moderators_and_they_are_emailed(discussion, owner, employee, home):
    comment = conversation.post_comment(UserFactory(), discussion, "Buy cheap watches")
    Notification.objects.all().delete()
    conversation.flag_comment(employee, comment, "spam")
    conversation.flag_comment(UserFactory(), comment, "spam")
    # The community's team, once for both flags; not the flaggers, nor the Communicators.
    told = Notification.objects.get(kind="flag")
    assert told.recipient == owner
    assert told.count == 2
    assert told.describe() == f"2 comments flagged on “{discussion.title}”"
    mail.outbox.clear()
    services.send_pending_emails(delay=timedelta(0))
    assert [email.to for email in mail.outbox] == [[owner.email]]

    # A guide outside any community: the Communicators hear of it.
    carl = UserFactory()
    carl.groups.add(Group.objects.get(name=COMMUNICATORS))
    guide = publish(GuidePageFactory(parent=GuideIndexPageFactory(parent=home)))
    on_guide = conversation.post_comment(UserFactory(), guide, "Off topic")
    conversation.flag_comment(employee, on_guide, "off_topic")
    assert list(
        Notification.objects.filter(kind="flag", group_key=f"flags:{guide.pk}").values_list(
            "recipient", flat=True
        )
    ) == [carl.pk]
