"""The rules of membership and discussions, on the real database."""

import pytest

from django.core.exceptions import ValidationError

from communities import services
from communities.models import DiscussionPage, Membership, MembershipPolicy
from intranet.factories import UserFactory


@pytest.fixture
def community(make_community, owner):
    return make_community(title="Open house", lead=owner)


@pytest.fixture
def invitation_only(make_community, owner):
    return make_community(
        title="Inner circle", lead=owner, membership_policy=MembershipPolicy.INVITATION
    )


def test_joining_twice_changes_nothing_the_second_time(employee, community):
    assert services.join_community(employee, community) is True
    assert services.join_community(employee, community) is False
    assert Membership.objects.filter(user=employee, community=community).count() == 1


def test_leaving_twice_changes_nothing_the_second_time(employee, community):
    services.join_community(employee, community)
    assert services.leave_community(employee, community) is True
    assert services.leave_community(employee, community) is False
    assert not Membership.objects.filter(user=employee).exists()


def test_an_invitation_only_community_refuses_self_join(employee, invitation_only):
    with pytest.raises(services.InvitationOnly, match="by invitation"):
        services.join_community(employee, invitation_only)
    assert not Membership.objects.exists()


def test_the_team_adds_members_to_an_invitation_only_community(owner, employee, invitation_only):
    assert services.add_member(owner, employee, invitation_only) is True
    assert services.add_member(owner, employee, invitation_only) is False
    # Once added, joining again is a no-op rather than a refusal.
    assert services.join_community(employee, invitation_only) is False


def test_only_the_team_adds_members(employee, invitation_only):
    with pytest.raises(services.NotOnTheTeam):
        services.add_member(employee, UserFactory(), invitation_only)
    assert not Membership.objects.exists()


def test_a_parent_communitys_team_looks_after_its_sub_communities(
    make_community, owner, community, employee
):
    child = make_community(parent=community, title="Child")
    assert services.is_on_team(owner, child)
    assert not services.is_on_team(employee, child)


def test_a_member_starts_a_published_discussion_with_a_sanitised_body(employee, community):
    services.join_community(employee, community)
    discussion = services.start_discussion(
        employee,
        community,
        "  How do I   book leave? ",
        'Hello <b>team</b><script>alert(1)</script> <a href="javascript:evil()">x</a>',
    )
    discussion.refresh_from_db()
    assert discussion.live
    assert discussion.title == "How do I book leave?"
    assert discussion.author == employee
    assert discussion.owner == employee
    assert discussion.get_parent().pk == community.pk
    assert "<b>team</b>" in discussion.body
    # A tag other than the few allowed is kept as the text it was typed as.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in discussion.body
    assert "<script" not in discussion.body
    assert "javascript" not in discussion.body
    assert discussion.get_latest_revision() is not None


def test_two_discussions_with_the_same_title_get_different_slugs(employee, community):
    services.join_community(employee, community)
    first = services.start_discussion(employee, community, "Same title", "A body long enough.")
    second = services.start_discussion(employee, community, "Same title", "A body long enough.")
    assert first.slug != second.slug


def test_a_non_member_is_asked_to_join_first(employee, community):
    with pytest.raises(services.NotAMember, match="Join Open house"):
        services.start_discussion(employee, community, "A title", "A body long enough.")
    assert not DiscussionPage.objects.exists()


@pytest.mark.parametrize(
    ("title", "body", "field", "message"),
    [
        ("Hi", "A body long enough.", "title", "at least 3 characters"),
        ("x" * 121, "A body long enough.", "title", "under 120 characters (it has 121)"),
        ("A title", "short", "body", "at least 10 characters"),
        # Tags do not count: only the text a reader sees.
        ("A title", "<b></b><i>tiny</i>", "body", "at least 10 characters"),
        ("A title", "y" * 5001, "body", "under 5000 characters (it has 5001)"),
    ],
)
def test_bad_discussions_are_refused_with_a_clear_message(
    employee, community, title, body, field, message
):
    services.join_community(employee, community)
    with pytest.raises(ValidationError) as refusal:
        services.start_discussion(employee, community, title, body)
    assert message in refusal.value.message_dict[field][0]
    assert not DiscussionPage.objects.exists()


def test_the_admin_is_warned_about_a_team_without_lead_or_disciplines(make_community, owner):
    lonely = make_community(title="Lonely")
    warnings = services.team_warnings(lonely)
    assert len(warnings) == 2
    assert "no lead" in warnings[0]
    assert "covers no discipline yet" in warnings[1]

    one_discipline = make_community(title="One discipline", lead=owner)
    assert services.team_warnings(one_discipline) == [
        "Its team covers only 1 discipline. A community needs people from at least 2 of HR, "
        "Communications, IT and the business."
    ]
