"""The team manages who belongs: removing, promoting, answering requests, inviting.

Each action is one small function that checks the rule, changes the rows and
adds a line to the membership log (`services.log`); the notifications app
tells the people concerned from that line. Joining, leaving and adding are in
`communities.services`, beside the rest of the community's rules.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communities.models import (
    CommunityPage,
    CommunityTeamMember,
    Decision,
    Invitation,
    JoinRequest,
    Membership,
    MembershipAction,
    TeamRole,
)
from communities.services import (
    NotOnTheTeam,
    _add_membership,
    is_lead,
    is_member,
    is_on_team,
    leave_what_is_out_of_reach,
    log,
    publish_team_change,
    refuse_if_kept_out_above,
    refuse_if_last_lead,
)
from people.models import Discipline
from people.services import default_display_name

REASON_MAX_LENGTH = 1_000
MESSAGE_MAX_LENGTH = 1_000


def _require_team(by, community: CommunityPage, what: str) -> None:
    if not is_on_team(by, community):
        raise NotOnTheTeam(what)


def _text(text: str, max_length: int, field: str) -> str:
    text = text.strip()
    if len(text) > max_length:
        raise ValidationError({field: _("Keep it under %(max)d characters.") % {"max": max_length}})
    return text


def _require_active(person) -> None:
    if not person.is_active:
        raise ValidationError(
            _("%(name)s has left the organisation.") % {"name": default_display_name(person)}
        )


def _on_own_team(person, community: CommunityPage) -> CommunityTeamMember | None:
    return CommunityTeamMember.objects.filter(page=community, user=person).first()


# Removing


@transaction.atomic
def remove_member(by, person, community: CommunityPage, reason: str) -> None:
    """The team takes `person` out of the community, saying why; the reason is logged and
    the person told.

    A member of the community's own team is taken off the team in the page editor
    (or leaves), so the team's page history says why.
    """
    _require_team(by, community, _("Only the community's team can remove members."))
    reason = _text(reason, REASON_MAX_LENGTH, "reason")
    if not reason:
        raise ValidationError({"reason": _("Say why, for the membership log.")})
    if _on_own_team(person, community):
        raise ValidationError(
            _("%(name)s is on the team: change the team in the page editor first.")
            % {"name": default_display_name(person)}
        )
    deleted, _details = Membership.objects.filter(user=person, community=community).delete()
    if not deleted:
        raise ValidationError(
            _("%(name)s is not a member.") % {"name": default_display_name(person)}
        )
    log(community, person, MembershipAction.REMOVED, actor=by, reason=reason)
    leave_what_is_out_of_reach(person, community)


# Promoting


@transaction.atomic
def promote_member(by, person, community: CommunityPage, discipline: str, role: str) -> None:
    """Put a member on the community's team, or give a team member another role (how
    the only lead hands over), as a new published revision of the page."""
    _require_team(by, community, _("Only the community's team can change the team."))
    if discipline not in Discipline.values or role not in TeamRole.values:
        raise ValidationError(_("Choose a discipline and a role from the lists."))
    _require_active(person)
    current = _on_own_team(person, community)
    if current is None and not is_member(person, community):
        raise ValidationError(
            _("%(name)s is not a member: add them first.") % {"name": default_display_name(person)}
        )
    if current is not None and (current.discipline, current.role) == (discipline, role):
        raise ValidationError(
            _("%(name)s is already on the team as %(role)s.")
            % {"name": default_display_name(person), "role": current.get_role_display()}
        )
    if TeamRole.LEAD in (role, current and current.role) and not is_lead(by, community):
        raise PermissionDenied(_("Only a lead can name a lead or change a lead's role."))
    if current is not None and current.role == TeamRole.LEAD and role != TeamRole.LEAD:
        # Handing over goes the other way: name the new lead first.
        refuse_if_last_lead(person, community, by=by)

    def change(team):
        for member in team:
            if member.user_id == person.pk:
                member.discipline, member.role = discipline, role
                return team
        return [*team, CommunityTeamMember(user=person, discipline=discipline, role=role)]

    publish_team_change(by, community, change)
    log(community, person, MembershipAction.PROMOTED, actor=by, reason=TeamRole(role).label)


# Requests to join


def pending_requests(community: CommunityPage):
    return (
        JoinRequest.objects.filter(community=community, status=Decision.PENDING)
        .select_related("user__profile")
        .order_by("created_at", "pk")
    )


def has_pending_request(user, community: CommunityPage) -> bool:
    return JoinRequest.objects.filter(
        user=user, community=community, status=Decision.PENDING
    ).exists()


@transaction.atomic
def ask_to_join(user, community: CommunityPage, message: str = "") -> JoinRequest:
    """Ask the team of a community that takes requests to let `user` in; the team is told.

    One request waits per person and community; after a decline, asking again is fine.
    """
    if not community.takes_requests():
        raise ValidationError(
            _("Anyone can join %(community)s: no need to ask.") % {"community": community.title}
        )
    if is_member(user, community):
        raise ValidationError(
            _("You are already a member of %(community)s.") % {"community": community.title}
        )
    message = _text(message, MESSAGE_MAX_LENGTH, "message")
    try:
        # A savepoint, as in `_add_membership`: a concurrent duplicate fails alone.
        with transaction.atomic():
            request = JoinRequest.objects.create(user=user, community=community, message=message)
    except IntegrityError:
        raise ValidationError(
            _("You have already asked to join %(community)s: the team will answer.")
            % {"community": community.title}
        ) from None
    log(community, user, MembershipAction.REQUESTED, actor=user, reason=message)
    return request


@transaction.atomic
def withdraw_request(user, community: CommunityPage) -> None:
    """The person takes back their request while it waits; the team's count follows."""
    withdrawn, _details = JoinRequest.objects.filter(
        user=user, community=community, status=Decision.PENDING
    ).delete()
    if not withdrawn:
        raise ValidationError(
            _("You have no request waiting for %(community)s.") % {"community": community.title}
        )
    log(community, user, MembershipAction.WITHDRAWN, actor=user)


@transaction.atomic
def answer_request(by, request_id: int, community: CommunityPage, approve: bool) -> JoinRequest:
    """The team approves (a membership is made) or declines a waiting request; the person
    who asked is told either way. A request answered already is not answered again."""
    _require_team(by, community, _("Only the community's team can answer requests."))
    request = JoinRequest.objects.filter(pk=request_id, community=community).first()
    if request is None:
        raise ValidationError(_("That request is not one of this community's."))
    # One conditional update: of two team members answering at once, one wins.
    answered = JoinRequest.objects.filter(pk=request.pk, status=Decision.PENDING).update(
        status=Decision.ACCEPTED if approve else Decision.DECLINED,
        decided_at=timezone.now(),
        decided_by=by,
    )
    if not answered:
        raise ValidationError(
            _("%(name)s's request was answered already.")
            % {"name": default_display_name(request.user)}
        )
    request.refresh_from_db()
    if approve:
        _add_membership(request.user, community)
    log(
        community,
        request.user,
        MembershipAction.APPROVED if approve else MembershipAction.DECLINED,
        actor=by,
    )
    return request


# Invitations


def pending_invitation(user, community: CommunityPage) -> Invitation | None:
    return Invitation.objects.filter(
        user=user, community=community, status=Decision.PENDING
    ).first()


def pending_invitations(community: CommunityPage):
    return (
        Invitation.objects.filter(community=community, status=Decision.PENDING)
        .select_related("user__profile")
        .order_by("created_at", "pk")
    )


@transaction.atomic
def invite(by, person, community: CommunityPage, message: str = "") -> Invitation:
    """The team invites `person`, with a message; they are told and answer."""
    _require_team(by, community, _("Only the community's team can invite people."))
    _require_active(person)
    if is_member(person, community):
        raise ValidationError(
            _("%(name)s is already a member.") % {"name": default_display_name(person)}
        )
    refuse_if_kept_out_above(person, community)
    message = _text(message, MESSAGE_MAX_LENGTH, "message")
    try:
        with transaction.atomic():
            invitation = Invitation.objects.create(
                user=person, community=community, invited_by=by, message=message
            )
    except IntegrityError:
        raise ValidationError(
            _("%(name)s is already invited.") % {"name": default_display_name(person)}
        ) from None
    log(community, person, MembershipAction.INVITED, actor=by, reason=message)
    return invitation


@transaction.atomic
def answer_invitation(user, community: CommunityPage, accept: bool) -> bool:
    """The invitee accepts (a membership is made) or declines; return whether they joined."""
    answered = Invitation.objects.filter(
        user=user, community=community, status=Decision.PENDING
    ).update(
        status=Decision.ACCEPTED if accept else Decision.DECLINED,
        decided_at=timezone.now(),
        decided_by=user,
    )
    if not answered:
        raise ValidationError(
            _("There is no invitation to %(community)s waiting for you.")
            % {"community": community.title}
        )
    if accept:
        _add_membership(user, community)
    log(
        community,
        user,
        MembershipAction.ACCEPTED if accept else MembershipAction.REFUSED,
        actor=user,
    )
    return accept
