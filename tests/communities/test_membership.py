"""The team manages membership: each rule, including those that refuse, on the real database."""

import pytest

from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from communities import membership, services
from communities.factories import CommunityTeamMemberFactory, MembershipFactory
from communities.models import (
    CommunityPage,
    Decision,
    Invitation,
    JoinRequest,
    Membership,
    MembershipAction,
    MembershipEvent,
    MembershipPolicy,
    TeamRole,
)
from intranet.factories import UserFactory
from notifications.models import Notification, NotificationKind
from notifications.services import set_preferences
from people.models import Discipline


@pytest.fixture(autouse=True)
def first_names_only(owner, employee):
    # The notifications name people; the factories' last names are random.
    for person in (owner, employee):
        person.last_name = ""
        person.save(update_fields=["last_name"])


@pytest.fixture
def closed(make_community, owner):
    return make_community(
        title="Inner circle", lead=owner, membership_policy=MembershipPolicy.INVITATION
    )


@pytest.fixture
def open_house(make_community, owner):
    return make_community(title="Open house", lead=owner)


def actions(community) -> list[tuple[str, str]]:
    events = MembershipEvent.objects.filter(community=community).order_by("pk")
    return [(event.person.username, event.action) for event in events.select_related("person")]


def notified(user, kind) -> list[str]:
    return [n.describe() for n in Notification.objects.filter(recipient=user, kind=kind)]


# Adding and removing


def test_the_team_adds_and_removes_a_member_with_a_reason_kept_and_told(
    owner, employee, open_house
):
    assert services.add_member(owner, employee, open_house) is True
    membership.remove_member(owner, employee, open_house, "  Moved to another site. ")
    assert not Membership.objects.filter(user=employee).exists()
    assert actions(open_house) == [("erin", "added"), ("erin", "removed")]
    removal = MembershipEvent.objects.get(action=MembershipAction.REMOVED)
    assert (removal.actor, removal.reason) == (owner, "Moved to another site.")
    assert notified(employee, NotificationKind.MEMBERSHIP)[0] == (
        "Olivia removed you from “Open house”: Moved to another site."
    )


def test_removing_needs_a_reason_a_member_and_the_team(owner, employee, open_house):
    services.join_community(employee, open_house)
    with pytest.raises(ValidationError, match="Say why"):
        membership.remove_member(owner, employee, open_house, "   ")
    with pytest.raises(PermissionDenied):
        membership.remove_member(UserFactory(), employee, open_house, "Because")
    with pytest.raises(ValidationError, match="is on the team"):
        membership.remove_member(owner, owner, open_house, "Because")
    assert Membership.objects.filter(user=employee).exists()
    with pytest.raises(ValidationError, match="is not a member"):
        membership.remove_member(owner, UserFactory(first_name="Nobody"), open_house, "Because")


def test_another_communitys_team_cannot_manage_this_one(make_community, employee, open_house):
    other_lead = UserFactory(username="otherlead")
    make_community(title="Elsewhere", lead=other_lead)
    services.join_community(employee, open_house)
    with pytest.raises(PermissionDenied):
        services.add_member(other_lead, UserFactory(), open_house)
    with pytest.raises(PermissionDenied):
        membership.remove_member(other_lead, employee, open_house, "Because")
    with pytest.raises(PermissionDenied):
        membership.promote_member(
            other_lead, employee, open_house, Discipline.IT, TeamRole.FACILITATOR
        )
    with pytest.raises(PermissionDenied):
        membership.invite(other_lead, UserFactory(), open_house)


# Promoting


def test_promoting_publishes_a_revision_with_the_team_and_syncs_its_rights(
    owner, employee, open_house
):
    services.join_community(employee, open_house)
    revisions = open_house.revisions.count()
    membership.promote_member(owner, employee, open_house, Discipline.IT, TeamRole.FACILITATOR)
    page = CommunityPage.objects.get(pk=open_house.pk)
    assert page.revisions.count() == revisions + 1
    assert page.latest_revision.user == owner
    assert not page.has_unpublished_changes
    member = page.team_members.get(user=employee)
    assert (member.discipline, member.role) == (Discipline.IT, TeamRole.FACILITATOR)
    # Publishing ran the sync: the new team member has the team's group.
    assert employee.groups.filter(pk=page.team_access.group_id).exists()
    assert services.is_on_team(employee, page)
    assert ("erin", "promoted") in actions(open_house)
    assert notified(employee, NotificationKind.MEMBERSHIP) == [
        "Olivia put you on the team of “Open house” as Facilitator"
    ]


def test_promoting_refuses_a_non_member_a_non_team_member_and_a_pending_draft(
    owner, employee, open_house
):
    with pytest.raises(ValidationError, match="not a member"):
        membership.promote_member(owner, employee, open_house, Discipline.IT, TeamRole.LEAD)
    services.join_community(employee, open_house)
    with pytest.raises(PermissionDenied):
        membership.promote_member(employee, employee, open_house, Discipline.IT, TeamRole.LEAD)
    with pytest.raises(ValidationError, match="Choose a discipline"):
        membership.promote_member(owner, employee, open_house, "chef", TeamRole.LEAD)
    draft = open_house.get_latest_revision_as_object()
    draft.purpose = "A draft nobody has published."
    draft.save_revision(user=owner)
    with pytest.raises(services.UnpublishedChanges, match="changes waiting"):
        membership.promote_member(owner, employee, open_house, Discipline.IT, TeamRole.LEAD)
    assert not open_house.team_members.filter(user=employee).exists()


# Leaving, and handing over


def test_the_last_lead_cannot_leave_until_another_lead_is_named(owner, employee, open_house):
    services.join_community(owner, open_house)
    with pytest.raises(services.LastLead, match="only lead of Open house"):
        services.leave_community(owner, open_house)
    assert Membership.objects.filter(user=owner).exists()

    services.join_community(employee, open_house)
    membership.promote_member(owner, employee, open_house, Discipline.IT, TeamRole.LEAD)
    assert services.leave_community(owner, open_house) is True
    page = CommunityPage.objects.get(pk=open_house.pk)
    # Leaving the community is leaving its team, published as a revision.
    assert list(page.team_members.values_list("user__username", flat=True)) == ["erin"]
    assert not owner.groups.filter(pk=page.team_access.group_id).exists()
    assert ("olivia", "left") in actions(open_house)


def test_the_last_lead_is_told_who_could_take_over(owner, open_house):
    CommunityTeamMemberFactory(
        page=open_house,
        user=UserFactory(first_name="Sam", last_name="Hill"),
        role=TeamRole.FACILITATOR,
    )
    with pytest.raises(services.LastLead) as refusal:
        services.leave_community(owner, open_house)
    assert refusal.value.messages == [
        "You are the only lead of Open house. On its members page, put Sam Hill (or another "
        "member) on the team as lead first."
    ]
    with pytest.raises(services.LastLead, match="You are the only lead"):
        # Nor can the only lead step down to facilitator.
        membership.promote_member(owner, owner, open_house, Discipline.HR, TeamRole.FACILITATOR)
    with pytest.raises(services.LastLead, match="Olivia is the only lead"):
        membership.promote_member(
            UserFactory(is_superuser=True), owner, open_house, Discipline.HR, TeamRole.FACILITATOR
        )


# Requests to join


def test_a_request_notifies_the_team_and_approval_makes_a_membership(owner, employee, closed):
    assert closed.takes_requests()
    request = membership.ask_to_join(employee, closed, "I run the Tuesday sessions.")
    assert notified(owner, NotificationKind.JOIN_REQUEST) == ["Erin asks to join “Inner circle”"]
    link = Notification.objects.get(recipient=owner).link
    assert link == f"/communities/{closed.pk}/members/#requests"

    membership.answer_request(owner, request.pk, closed, approve=True)
    assert Membership.objects.filter(user=employee, community=closed).exists()
    request.refresh_from_db()
    assert (request.status, request.decided_by) == (Decision.ACCEPTED, owner)
    assert notified(employee, NotificationKind.MEMBERSHIP) == [
        "Your request to join “Inner circle” was approved"
    ]
    assert actions(closed) == [("erin", "requested"), ("erin", "approved")]


def test_one_request_waits_at_a_time_and_asking_after_a_decline_is_fine(owner, employee, closed):
    first = membership.ask_to_join(employee, closed)
    with pytest.raises(ValidationError, match="already asked"):
        membership.ask_to_join(employee, closed)
    assert JoinRequest.objects.count() == 1
    membership.answer_request(owner, first.pk, closed, approve=False)
    assert notified(employee, NotificationKind.MEMBERSHIP) == [
        "Your request to join “Inner circle” was declined"
    ]
    assert not Membership.objects.filter(user=employee).exists()
    membership.ask_to_join(employee, closed, "Please reconsider.")
    assert JoinRequest.objects.filter(status=Decision.PENDING).count() == 1


def test_an_answered_request_is_not_answered_again(owner, employee, closed):
    request = membership.ask_to_join(employee, closed)
    membership.answer_request(owner, request.pk, closed, approve=False)
    with pytest.raises(ValidationError, match="answered already"):
        membership.answer_request(owner, request.pk, closed, approve=True)
    assert not Membership.objects.filter(user=employee).exists()


def test_only_the_team_answers_and_only_its_own_communitys_requests(
    make_community, owner, employee, closed
):
    request = membership.ask_to_join(employee, closed)
    with pytest.raises(PermissionDenied):
        membership.answer_request(employee, request.pk, closed, approve=True)
    other = make_community(title="Other", lead=owner)
    with pytest.raises(ValidationError, match="not one of this community"):
        membership.answer_request(owner, request.pk, other, approve=True)
    assert JoinRequest.objects.get().status == Decision.PENDING


def test_an_open_community_and_a_member_need_not_ask(owner, employee, open_house, closed):
    with pytest.raises(ValidationError, match="no need to ask"):
        membership.ask_to_join(employee, open_house)
    services.add_member(owner, employee, closed)
    with pytest.raises(ValidationError, match="already a member"):
        membership.ask_to_join(employee, closed)
    assert not JoinRequest.objects.exists()


def test_a_sub_community_without_a_team_asks_the_team_above(make_community, owner, closed):
    child = make_community(
        parent=closed, title="Inner room", membership_policy=MembershipPolicy.INVITATION
    )
    asker = UserFactory(first_name="Ann", last_name="")
    membership.ask_to_join(asker, child)
    assert notified(owner, NotificationKind.JOIN_REQUEST) == ["Ann asks to join “Inner room”"]


# Invitations


def test_an_invitation_is_told_and_accepting_makes_a_membership(owner, employee, closed):
    membership.invite(owner, employee, closed, "We would love your help.")
    assert notified(employee, NotificationKind.INVITATION) == [
        "Olivia invited you to join “Inner circle”"
    ]
    assert membership.answer_invitation(employee, closed, accept=True) is True
    assert Membership.objects.filter(user=employee, community=closed).exists()
    assert Invitation.objects.get().status == Decision.ACCEPTED
    assert ("erin", "accepted") in actions(closed)


def test_inviting_a_member_or_someone_invited_says_so_and_changes_nothing(owner, employee, closed):
    membership.invite(owner, employee, closed)
    with pytest.raises(ValidationError, match="already invited"):
        membership.invite(owner, employee, closed)
    membership.answer_invitation(employee, closed, accept=False)
    assert Invitation.objects.get().status == Decision.DECLINED
    with pytest.raises(ValidationError, match="no invitation"):
        membership.answer_invitation(employee, closed, accept=True)
    services.add_member(owner, employee, closed)
    with pytest.raises(ValidationError, match="already a member"):
        membership.invite(owner, employee, closed)
    assert Invitation.objects.count() == 1
    with pytest.raises(ValidationError, match="has left"):
        membership.invite(owner, UserFactory(is_active=False), closed)


def test_someone_who_left_the_organisation_cannot_be_promoted(owner, closed):
    gone = UserFactory(is_active=False)
    MembershipFactory(user=gone, community=closed)
    with pytest.raises(ValidationError, match="has left"):
        membership.promote_member(owner, gone, closed, Discipline.IT, TeamRole.FACILITATOR)


def test_a_membership_answers_what_was_still_waiting(owner, employee, closed):
    membership.ask_to_join(employee, closed)
    membership.invite(owner, employee, closed)
    services.add_member(owner, employee, closed)
    assert not membership.pending_requests(closed).exists()
    assert not membership.pending_invitations(closed).exists()
    assert JoinRequest.objects.get().status == Decision.ACCEPTED


def test_the_new_kinds_follow_each_persons_email_preferences(owner, employee, closed):
    set_preferences(employee, {NotificationKind.INVITATION: "off"})
    membership.invite(owner, employee, closed)
    membership.ask_to_join(UserFactory(), closed)
    invitation = Notification.objects.get(recipient=employee)
    request = Notification.objects.get(recipient=owner)
    # Chosen, and the default (at once) for the lead who chose nothing.
    assert (invitation.email, request.email) == ("off", "immediately")


def test_whoever_invited_hears_the_answer(owner, employee, closed):
    membership.invite(owner, employee, closed)
    membership.answer_invitation(employee, closed, accept=False)
    membership.invite(owner, employee, closed)
    membership.answer_invitation(employee, closed, accept=True)
    assert Notification.objects.get(
        recipient=owner, group_key=f"membership:{closed.pk}:refused"
    ).describe() == ("Erin declined your invitation to “Inner circle”")
    assert Notification.objects.get(
        recipient=owner, group_key=f"membership:{closed.pk}:accepted"
    ).describe() == ("Erin accepted your invitation to “Inner circle”")


def test_several_updates_about_one_community_are_grouped(owner, closed):
    for person in UserFactory.create_batch(2):
        membership.invite(owner, person, closed)
        membership.answer_invitation(person, closed, accept=True)
    (grouped,) = Notification.objects.filter(recipient=owner)
    assert grouped.describe() == "2 membership updates in “Inner circle”"


def test_a_facilitator_made_lead_keeps_one_place_on_the_team(owner, employee, open_house):
    services.join_community(employee, open_house)
    membership.promote_member(owner, employee, open_house, Discipline.IT, TeamRole.FACILITATOR)
    membership.promote_member(owner, employee, open_house, Discipline.IT, TeamRole.LEAD)
    team = CommunityPage.objects.get(pk=open_house.pk).team_members
    assert team.get(user=employee).role == TeamRole.LEAD
    assert team.count() == 2
    with pytest.raises(ValidationError, match="already on the team as Lead"):
        membership.promote_member(owner, employee, open_house, Discipline.IT, TeamRole.LEAD)


def test_the_teams_count_of_requests_follows_those_still_waiting(owner, employee, closed):
    others = [UserFactory(first_name=name) for name in ("Kofi", "Mei")]
    requests = [membership.ask_to_join(person, closed) for person in (employee, *others)]
    line = Notification.objects.get(recipient=owner, kind=NotificationKind.JOIN_REQUEST)
    assert line.count == 3
    membership.answer_request(owner, requests[0].pk, closed, approve=True)
    line.refresh_from_db()
    assert (line.count, line.read_at) == (2, None)
    assert line.describe() == "2 requests to join “Inner circle”"
    for request in requests[1:]:
        membership.answer_request(owner, request.pk, closed, approve=False)
    line.refresh_from_db()
    assert line.read_at is not None


def test_a_person_withdraws_their_request_and_the_team_count_follows(owner, employee, closed):
    membership.ask_to_join(employee, closed, "Please")
    client = Client()
    client.force_login(employee)
    page = client.get(closed.url).text
    assert "Withdraw my request" in page
    response = client.post(reverse("communities:withdraw-request", args=[closed.pk]), follow=True)
    assert "Your request to join Inner circle is withdrawn." in response.text
    assert not JoinRequest.objects.filter(user=employee, community=closed).exists()
    assert ("erin", "withdrawn") in actions(closed)
    assert Notification.objects.get(recipient=owner, kind=NotificationKind.JOIN_REQUEST).read_at
    # Nothing left to withdraw: said, and nothing changes.
    again = client.post(reverse("communities:withdraw-request", args=[closed.pk]), follow=True)
    assert "You have no request waiting for Inner circle." in again.text
    assert "Ask to join" in again.text
