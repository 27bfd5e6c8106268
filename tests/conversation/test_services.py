"""The conversation's rules, on the real database: each boundary is tried from both sides."""

from datetime import timedelta

import pytest

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError

from wagtail.models import PageViewRestriction

from communities.factories import CommunityTeamMemberFactory, DiscussionPageFactory
from conversation import services
from conversation.factories import CommentFactory
from conversation.models import Comment, CommentReaction, Flag, PageReaction
from guides.factories import GuideIndexPageFactory, GuidePageFactory
from intranet.factories import UserFactory
from intranet.roles import COMMUNICATORS, is_communicator
from tests.communities.conftest import publish


def test_the_author_is_who_posts_and_the_body_is_sanitised(discussion, employee):
    comment = services.post_comment(
        employee, discussion, 'Hi <script>alert(1)</script><a href="javascript:x()">x</a> `a`'
    )
    assert comment.user == employee
    assert comment.page_id == discussion.pk
    assert "<script" not in comment.comment
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in comment.comment
    assert "javascript:" not in comment.comment
    assert "<code>a</code>" in comment.comment


def test_what_is_between_backticks_shows_as_typed_tags_included(discussion, employee):
    comment = services.post_comment(employee, discussion, "Wrap it in `<b>` and go on.")
    assert comment.comment == "Wrap it in <code>&lt;b&gt;</code> and go on."


@pytest.mark.parametrize(
    ("body", "message"),
    [("   ", "Write something"), ("<b></b>", "Write something"), ("x" * 3001, "under 3000")],
)
def test_bad_bodies_say_what_to_fix_and_post_nothing(discussion, employee, body, message):
    with pytest.raises(ValidationError) as error:
        services.post_comment(employee, discussion, body)
    assert message in str(error.value)
    assert not Comment.objects.exists()


def test_replies_go_three_levels_deep_and_no_deeper(discussion, employee, stranger):
    parent = None
    for _level in range(4):
        parent = services.post_comment(employee, discussion, "Deeper", parent=parent)
    assert parent.level == 3
    with pytest.raises(ValidationError, match="as deep as it goes"):
        services.post_comment(stranger, discussion, "Too deep", parent=parent)
    assert Comment.objects.count() == 4


def test_a_reply_must_be_to_a_visible_comment_on_the_same_page(
    discussion, make_community, employee, stranger
):
    other = DiscussionPageFactory(parent=make_community())
    elsewhere = services.post_comment(stranger, other, "Elsewhere")
    with pytest.raises(ValidationError, match="no longer there"):
        services.post_comment(employee, discussion, "Reply", parent=elsewhere)
    removed = services.post_comment(stranger, discussion, "Soon gone")
    services.delete_comment(stranger, removed)
    with pytest.raises(ValidationError, match="no longer there"):
        services.post_comment(employee, discussion, "Reply", parent=removed)


def test_the_same_form_twice_posts_once(discussion, employee):
    first = services.post_comment(employee, discussion, "Once", submission_key="abc-top")
    second = services.post_comment(employee, discussion, "Once", submission_key="abc-top")
    assert first == second
    assert Comment.objects.count() == 1


def test_the_last_post_the_rate_allows_sent_twice_is_not_refused(discussion, employee, settings):
    settings.CONVERSATION_RATE_LIMIT = 1
    first = services.post_comment(employee, discussion, "Just once", submission_key="k-top")
    again = services.post_comment(employee, discussion, "Just once", submission_key="k-top")
    assert again == first
    with pytest.raises(ValidationError, match="Take a breath"):
        services.post_comment(employee, discussion, "Another", submission_key="other-top")
    assert Comment.objects.count() == 1


def test_someone_elses_form_key_is_refused_and_finds_nothing_of_theirs(
    discussion, employee, stranger
):
    theirs = services.post_comment(stranger, discussion, "Mine", submission_key="abc-top")
    with pytest.raises(ValidationError, match="already used"):
        services.post_comment(employee, discussion, "Copied key", submission_key="abc-top")
    assert list(Comment.objects.all()) == [theirs]


def test_posting_too_fast_is_refused_with_a_clear_message(discussion, employee, settings):
    settings.CONVERSATION_RATE_LIMIT = 2
    services.post_comment(employee, discussion, "One")
    services.post_comment(employee, discussion, "Two")
    with pytest.raises(ValidationError, match="Take a breath"):
        services.post_comment(employee, discussion, "Three")
    assert Comment.objects.count() == 2
    # The limit is per person: a colleague is not slowed down.
    services.post_comment(UserFactory(), discussion, "Mine")
    Comment.objects.update(submit_date=Comment.objects.first().submit_date - timedelta(hours=1))
    services.post_comment(employee, discussion, "Later")


def test_no_comments_where_they_are_off_locked_unpublished_or_private(discussion, employee):
    for change in (
        {"comments_locked": True},
        {"comments_enabled": False},
        {"live": False},
    ):
        page = type(discussion).objects.get(pk=discussion.pk)
        for field, value in change.items():
            setattr(page, field, value)
        with pytest.raises(services.CommentsClosed):
            services.post_comment(employee, page, "Hello")
    # Behind groups the employee is not in, then behind a password, which a person never passes.
    restriction = PageViewRestriction.objects.create(
        page=discussion.get_parent(), restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.create(name="Board")])
    with pytest.raises(services.CommentsClosed):
        services.post_comment(employee, discussion, "Hello")
    restriction.restriction_type = PageViewRestriction.PASSWORD
    restriction.password = "secret"
    restriction.save()
    with pytest.raises(services.CommentsClosed):
        services.post_comment(employee, discussion, "Hello")
    assert not Comment.objects.exists()


def test_comments_where_the_groups_let_the_author_in(discussion, employee):
    restriction = PageViewRestriction.objects.create(
        page=discussion.get_parent(), restriction_type=PageViewRestriction.GROUPS
    )
    board = Group.objects.create(name="Board")
    restriction.groups.set([board])
    employee.groups.add(board)
    comment = services.post_comment(employee, discussion, "Hello, board")
    assert services.react_to_comment(employee, comment, "like") == "like"


def test_authors_edit_and_delete_only_their_own(discussion, employee, stranger):
    comment = services.post_comment(employee, discussion, "First version")
    with pytest.raises(services.NotTheAuthor):
        services.edit_comment(stranger, comment, "Hijacked")
    with pytest.raises(services.NotTheAuthor):
        services.delete_comment(stranger, comment)
    comment.refresh_from_db()
    assert comment.comment == "First version"
    assert comment.is_visible

    services.edit_comment(employee, comment, "Second version")
    comment.refresh_from_db()
    assert comment.comment == "Second version"
    assert comment.edited_at is not None

    services.delete_comment(employee, comment)
    comment.refresh_from_db()
    assert comment.is_removed


def test_deleting_a_comment_keeps_the_replies_below_it(discussion, employee, stranger):
    parent = services.post_comment(employee, discussion, "Parent")
    reply = services.post_comment(stranger, discussion, "Reply", parent=parent)
    services.delete_comment(employee, parent)
    reply.refresh_from_db()
    assert reply.is_visible


def test_one_reaction_per_person_which_they_change_or_take_back(discussion, employee):
    comment = CommentFactory(page=discussion)
    assert services.react_to_comment(employee, comment, "like") == "like"
    assert services.react_to_comment(employee, comment, "curious") == "curious"
    assert CommentReaction.objects.get().kind == "curious"
    assert services.react_to_comment(employee, comment, "curious") is None
    assert not CommentReaction.objects.exists()
    with pytest.raises(ValidationError, match="Choose one"):
        services.react_to_comment(employee, comment, "angry")
    assert services.react_to_page(employee, discussion, "celebrate") == "celebrate"
    assert services.react_to_page(employee, discussion, "support") == "support"
    assert PageReaction.objects.get().kind == "support"


def test_anyone_flags_with_a_reason_once(discussion, employee, stranger):
    comment = CommentFactory(page=discussion, user=stranger)
    assert services.flag_comment(employee, comment, "spam", "Selling watches")
    assert not services.flag_comment(employee, comment, "spam")
    with pytest.raises(ValidationError, match="Choose a reason"):
        services.flag_comment(UserFactory(), comment, "boring")
    with pytest.raises(ValidationError, match="your own"):
        services.flag_comment(stranger, comment, "spam")
    assert Flag.objects.count() == 1


def test_the_team_moderates_its_subtree_and_nobody_else_can_hide(
    discussion, make_community, owner, employee, stranger
):
    comment = services.post_comment(employee, discussion, "Out of line")
    other_lead = UserFactory()
    make_community(lead=other_lead)
    for outsider in (stranger, other_lead, employee):
        with pytest.raises(PermissionDenied):
            services.hide_comment(outsider, comment)
    comment.refresh_from_db()
    assert comment.is_public

    services.flag_comment(stranger, comment, "offensive")
    services.hide_comment(owner, comment)
    comment.refresh_from_db()
    assert not comment.is_public
    assert Flag.objects.get().reviewed_by == owner

    with pytest.raises(PermissionDenied):
        services.restore_comment(stranger, comment)
    services.restore_comment(owner, comment)
    comment.refresh_from_db()
    assert comment.is_public


def test_a_parent_communitys_team_moderates_its_sub_communities(make_community, owner, employee):
    child = make_community(parent=make_community(lead=owner))
    page = DiscussionPageFactory(parent=child)
    comment = services.post_comment(employee, page, "Hello")
    assert services.can_moderate(owner, page)
    services.hide_comment(owner, comment)


def test_hiding_a_comment_leaves_a_separately_hidden_reply_hidden(discussion, owner, employee):
    parent = services.post_comment(employee, discussion, "Parent")
    reply = services.post_comment(UserFactory(), discussion, "Reply", parent=parent)
    other = services.post_comment(UserFactory(), discussion, "Other reply", parent=parent)
    services.hide_comment(owner, reply)
    services.hide_comment(owner, parent)
    services.restore_comment(owner, parent)
    reply.refresh_from_db()
    other.refresh_from_db()
    assert not reply.is_public
    assert other.is_public


def test_communicators_moderate_guides_and_the_team_what_its_community_keeps(
    discussion, owner, home
):
    communicator = UserFactory()
    communicator.groups.add(Group.objects.get(name=COMMUNICATORS))
    # A guide inside the community the owner leads: the team published it, and looks
    # after its comments beside the Communicators.
    guides = GuideIndexPageFactory(parent=discussion.get_parent())
    guide = publish(GuidePageFactory(parent=guides))
    elsewhere = publish(GuidePageFactory(parent=GuideIndexPageFactory(parent=home)))
    on_guide = CommentFactory(page=guide)
    on_elsewhere = CommentFactory(page=elsewhere)
    on_discussion = CommentFactory(page=discussion)
    assert not services.can_moderate(communicator, discussion)
    assert services.can_moderate(owner, discussion)
    assert services.can_moderate(communicator, guide)
    assert services.can_moderate(owner, guide)
    assert services.can_moderate(communicator, elsewhere)
    assert not services.can_moderate(owner, elsewhere)
    assert not services.can_moderate(UserFactory(), guide)

    def moderated(user):
        return set(Comment.objects.filter(services.moderated_comments_filter(user)))

    # What each one lists is what each one may act on.
    assert moderated(communicator) == {on_guide, on_elsewhere}
    assert moderated(owner) == {on_discussion, on_guide}
    assert moderated(UserFactory()) == set()
    assert not services.moderates_anything(UserFactory())
    services.hide_comment(owner, on_guide)
    with pytest.raises(PermissionDenied):
        services.hide_comment(owner, on_elsewhere)


def test_locking_blocks_new_comments_and_only_moderators_lock(discussion, owner, employee):
    with pytest.raises(PermissionDenied):
        services.set_locked(employee, discussion, True)
    services.set_locked(owner, discussion, True)
    discussion.refresh_from_db()
    assert discussion.comments_locked
    assert discussion.get_latest_revision_as_object().comments_locked
    with pytest.raises(services.CommentsClosed, match="locked"):
        services.post_comment(employee, discussion, "Hello")
    services.set_locked(owner, discussion, False)
    discussion.refresh_from_db()
    services.post_comment(employee, discussion, "Hello")


# Each change that grants or takes away moderation rights is seen on the next question.


def test_team_rights_follow_the_team_at_once(make_community, employee):
    community = make_community(title="Facilities")
    page = DiscussionPageFactory(parent=community)
    assert not services.can_moderate(employee, page)

    member = CommunityTeamMemberFactory(page=community, user=employee)
    assert services.can_moderate(employee, page)

    member.delete()
    assert not services.can_moderate(employee, page)


def test_team_rights_move_with_the_community(make_community, employee):
    community = make_community(title="Facilities")
    CommunityTeamMemberFactory(page=community, user=employee)
    assert services.can_moderate(employee, DiscussionPageFactory(parent=community))

    community.move(make_community(title="Operations"), pos="last-child")
    community.refresh_from_db()
    # A discussion under the community's new path.
    assert services.can_moderate(employee, DiscussionPageFactory(parent=community))


def test_group_rights_follow_the_groups_at_once(discussion):
    communicators = Group.objects.get(name=COMMUNICATORS)
    person = UserFactory()
    assert not is_communicator(person)

    person.groups.add(communicators)
    assert is_communicator(person)

    person.groups.remove(communicators)
    assert not is_communicator(person)

    person.groups.add(communicators)
    assert is_communicator(person)
    communicators.name = "Former communicators"
    communicators.save()
    assert not is_communicator(person)
