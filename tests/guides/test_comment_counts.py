"""Every listing of guides and discussions says how many readable comments each has."""

from django.urls import reverse

from communities.factories import CommunityPageFactory, DiscussionPageFactory
from conversation.factories import CommentFactory
from people.factories import PersonFactory


def test_guide_lists_and_a_persons_discussions_show_comment_counts(
    employee_client, make_guide, make_path, guides_index, home
):
    guide = make_guide(title="Booking leave")
    path = make_path([guide], title="Welcome")
    CommentFactory.create_batch(2, page=guide)
    CommentFactory(page=guide, is_public=False)  # hidden by a moderator: not counted
    author = PersonFactory(username="priya")
    discussion = DiscussionPageFactory(
        parent=CommunityPageFactory(parent=home), title="Walking meetings", author=author
    )
    CommentFactory.create_batch(3, page=discussion)

    for url in (guides_index.url, path.url, "/search/?query=booking"):
        assert "2 comments" in employee_client.get(url).content.decode(), url
    person = employee_client.get(reverse("people:person", args=["priya"])).content.decode()
    assert "3 comments" in person
