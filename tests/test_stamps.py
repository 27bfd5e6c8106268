"""Each app marks its data changed, so a fragment keyed on it is built again."""

import pytest

from intranet.caching import below, stamp
from intranet.factories import UserFactory


def changes(name, action):
    before = stamp(name)
    action()
    return stamp(name) != before


@pytest.mark.django_db
def test_a_new_account_changes_profiles_and_not_comments():
    assert changes("profiles", lambda: UserFactory(username="nadia"))
    assert not changes("comments", lambda: UserFactory(username="omar"))


def test_the_demo_stamps_follow_their_data(seeded):
    from communities.models import CommunityPage, DiscussionPage
    from conversation.models import Comment
    from conversation.services import post_comment
    from guides.models import GuideCompletion, GuidePage

    erin = UserFactory(username="reader")
    discussion = DiscussionPage.objects.live().first()
    other = DiscussionPage.objects.live().exclude(pk=discussion.pk).first()
    community = CommunityPage.objects.live().first()
    guide = GuidePage.objects.live().first()

    assert changes(f"conversation:{discussion.pk}", lambda: post_comment(erin, discussion, "Hi"))
    assert not changes(f"conversation:{other.pk}", lambda: post_comment(erin, discussion, "Again"))
    assert changes("comments", lambda: Comment.objects.filter(page=discussion).first().delete())
    assert changes(f"person:{erin.pk}", lambda: community.memberships.create(user=erin))
    assert changes(
        below("completions", guide.path),
        lambda: GuideCompletion.objects.create(user=erin, guide=guide),
    )
    assert changes("pages", lambda: guide.save_revision().publish())
