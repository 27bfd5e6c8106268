"""A person's page lists their readable comments and the live guides they own."""

from django.urls import reverse

from communities.factories import CommunityPageFactory, DiscussionPageFactory
from conversation import services as conversation
from guides.factories import GuidePageFactory
from guides.models import GuideIndexPage
from people.factories import PersonFactory


def test_a_persons_page_lists_their_readable_comments_only(employee_client, home):
    priya = PersonFactory(username="priya")
    community = CommunityPageFactory(parent=home, title="Wellbeing")
    open_discussion = DiscussionPageFactory(parent=community, title="Walking meetings")
    closed_discussion = DiscussionPageFactory(parent=community, title="Comments off")
    draft_discussion = DiscussionPageFactory(parent=community, title="Not yet published")
    conversation.post_comment(priya, open_discussion, "Count me in for Thursdays")
    hidden = conversation.post_comment(priya, open_discussion, "Hidden by a moderator")
    conversation.post_comment(priya, closed_discussion, "Said before comments closed")
    conversation.post_comment(priya, draft_discussion, "On a page that is now a draft")
    conversation.post_comment(priya, open_discussion, "Taken back later")
    type(hidden).objects.filter(pk=hidden.pk).update(is_public=False)
    type(hidden).objects.filter(comment__contains="Taken back").update(is_removed=True)
    closed_discussion.comments_enabled = False
    closed_discussion.save()
    draft_discussion.unpublish()

    html = employee_client.get(reverse("people:person", args=["priya"])).content.decode()

    assert "Count me in for Thursdays" in html
    assert "On “Walking meetings”" in html
    for unreadable in ("Hidden by a moderator", "Said before", "now a draft", "Taken back"):
        assert unreadable not in html, unreadable


def test_a_persons_page_lists_the_live_guides_they_own(employee_client, home):
    carl = PersonFactory(username="carl")
    index = GuideIndexPage.objects.get()
    GuidePageFactory(parent=index, title="Booking leave", content_owner=carl)
    draft = GuidePageFactory(parent=index, title="Unfinished guide", content_owner=carl)
    draft.unpublish()
    GuidePageFactory(parent=index, title="Someone else's guide")

    html = employee_client.get(reverse("people:person", args=["carl"])).content.decode()

    assert "Booking leave" in html
    assert "Unfinished guide" not in html
    assert "Someone else" not in html
