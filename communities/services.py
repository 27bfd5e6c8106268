"""The rules of communities: joining, the team's rights and discussions.

Views, hooks and signals stay thin and call these functions, so each rule is
written, and tested, once.
"""

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wagtail.coreutils import find_available_slug
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from communities.collection_privacy import sync_collection_restrictions
from communities.models import (
    CommunityPage,
    CommunityTeamMember,
    Decision,
    DiscussionPage,
    Invitation,
    JoinRequest,
    Membership,
    MembershipAction,
    MembershipEvent,
    TeamAccess,
    TeamRole,
)
from intranet.request_memo import once_per_request
from intranet.text import sanitise_discussion_body
from intranet.view_restrictions import not_passed_by
from people.services import default_display_name

TITLE_MIN_LENGTH = 3
TITLE_MAX_LENGTH = 120
BODY_MIN_LENGTH = 10
BODY_MAX_LENGTH = 5_000

# What a team may do on its community's subtree. Wagtail applies a page
# permission to the page and all its descendants, so moving the community
# moves the rights with it
# (https://docs.wagtail.org/en/stable/topics/permissions.html#page-permissions).
TEAM_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")
# And on the team's own collection of images and documents.
TEAM_COLLECTION_PERMISSIONS = {
    "wagtailimages": ("add_image", "change_image", "choose_image"),
    "wagtaildocs": ("add_document", "change_document", "choose_document"),
}
# A community is cultivated by a multidisciplinary team (DESIGN.md).
MIN_TEAM_DISCIPLINES = 2
# Group names are limited to 150 characters; the id suffix keeps them unique.
GROUP_NAME_TITLE_LENGTH = 100


class InvitationOnly(PermissionDenied):
    """Someone tried to join a community that only its team can add people to."""


class NotAMember(PermissionDenied):
    """Someone who is not a member tried to take part in a community."""


class NotOnTheTeam(PermissionDenied):
    """Someone tried to do what only a community's team may do."""


# Membership


def is_member(user, community: CommunityPage) -> bool:
    return Membership.objects.filter(user=user, community=community).exists()


def is_on_team(user, community: Page) -> bool:
    """Whether `user` is on the team of this community (or page) or of one above it.

    A team owns its whole subtree, so a parent community's team looks after its
    sub-communities too.
    """
    if user.is_superuser:
        return True
    paths = team_paths(user)
    steplen = community.steplen
    return any(
        community.path[:end] in paths for end in range(steplen, len(community.path) + 1, steplen)
    )


def team_comments(user) -> Q | None:
    """A filter on comments for those on the pages below the teams `user` is on; None when
    they are on none: what a team moderates, whatever the page type."""
    paths = team_paths(user)
    if not paths:
        return None
    scope = Q(pk__in=[])
    for path in paths:
        scope |= Q(page__path__startswith=path)
    return scope


def team_paths(user) -> frozenset[str]:
    """The paths of the pages whose teams `user` is on (each team looks after a subtree)."""
    return once_per_request(
        ("team paths", user.pk),
        lambda: frozenset(
            CommunityTeamMember.objects.filter(user=user).values_list("page__path", flat=True)
        ),
    )


def _add_membership(user, community: CommunityPage) -> bool:
    if Membership.objects.filter(user=user, community=community).exists():
        return False
    try:
        # The savepoint lets a concurrent duplicate fail alone, without
        # breaking the caller's transaction.
        with transaction.atomic():
            Membership.objects.create(user=user, community=community)
    except IntegrityError:
        # Someone else's request created the same row first: the outcome the
        # caller asked for is already there.
        return False
    # A request or an invitation still waiting is answered by the membership itself, so
    # neither lingers in the team's list nor on the person's page.
    for waiting in (JoinRequest, Invitation):
        waiting.objects.filter(user=user, community=community, status=Decision.PENDING).update(
            status=Decision.ACCEPTED, decided_at=timezone.now()
        )
    return True


def log(community: CommunityPage, person, action: str, actor=None, reason: str = "") -> None:
    """Add a line to the community's membership log; the notifications app tells the
    people it concerns (`notifications.signals`)."""
    MembershipEvent.objects.create(
        community=community, person=person, actor=actor, action=action, reason=reason
    )


def join_community(user, community: CommunityPage) -> bool:
    """Make `user` a member; return whether they were not one already.

    Raises InvitationOnly when only its team adds members: it takes requests
    instead (`CommunityPage.takes_requests`, `membership.ask_to_join`), or, secret,
    invitations alone.
    """
    if is_member(user, community):
        return False
    if community.takes_requests():
        raise InvitationOnly(
            _("%(community)s is by invitation: ask to join on its page, and its team will answer.")
            % {"community": community.title}
        )
    if community.is_invitation_only:
        raise InvitationOnly(
            _("Only the team of %(community)s adds its members.") % {"community": community.title}
        )
    added = _add_membership(user, community)
    if added:
        log(community, user, MembershipAction.ADDED, actor=user)
    return added


def leads_of(community: CommunityPage) -> list[CommunityTeamMember]:
    """The leads of the community's own team, as the live page has it."""
    return [m for m in community.team_members.all() if m.role == TeamRole.LEAD]


def is_lead(user, community: Page) -> bool:
    """Whether `user` leads the team of this community or of one above it."""
    return (
        user.is_superuser
        or CommunityTeamMember.objects.filter(
            user=user, role=TeamRole.LEAD, page__in=community.get_ancestors(inclusive=True)
        ).exists()
    )


def is_last_lead(user, community: CommunityPage) -> bool:
    leads = leads_of(community)
    return len(leads) == 1 and leads[0].user_id == user.pk


class LastLead(ValidationError):
    """The only lead of a community tried to leave it without handing over."""


def refuse_if_last_lead(user, community: CommunityPage, by=None) -> None:
    """Raise LastLead, naming who could take over, if `user` is the community's only lead.

    `by` is who asks, when not `user` (another team member taking the lead role away).
    """
    if not is_last_lead(user, community):
        return
    others = [
        default_display_name(m.user)
        for m in community.team_members.select_related("user")
        if m.user_id != user.pk
    ]
    if by is None or by.pk == user.pk:
        who = _("You are the only lead of %(community)s.") % {"community": community.title}
    else:
        who = _("%(name)s is the only lead of %(community)s.") % {
            "name": default_display_name(user),
            "community": community.title,
        }
    if others:
        how = _(
            "On its members page, put %(names)s (or another member) on the team as lead first."
        ) % {"names": _(" or ").join(others)}
    else:
        how = _("On its members page, put another member on the team as lead first.")
    raise LastLead(f"{who} {how}")


@transaction.atomic
def leave_community(user, community: CommunityPage) -> bool:
    """Remove the membership; return whether there was one.

    Leaving a community means leaving its team too: someone who no longer belongs
    to a community does not look after it. The only lead cannot leave (LastLead)
    until another lead is named; a team member's leaving is published as a new
    revision of the page (`publish_team_change`).
    """
    refuse_if_last_lead(user, community)
    on_team = any(m.user_id == user.pk for m in community.team_members.all())
    if on_team:
        publish_team_change(user, community, lambda team: [m for m in team if m.user_id != user.pk])
    deleted, _details = Membership.objects.filter(user=user, community=community).delete()
    if deleted or on_team:
        log(community, user, MembershipAction.LEFT, actor=user)
        leave_what_is_out_of_reach(user, community)
    return deleted > 0 or on_team


def leave_what_is_out_of_reach(person, community: CommunityPage) -> None:
    """Someone who no longer reads a closed or secret community leaves the communities
    below it too: a membership they could neither use nor leave, listed to the others."""
    below = Membership.objects.filter(
        user=person, community__path__startswith=community.path
    ).exclude(community=community)
    # What they are kept out of, read once for all their memberships below.
    kept_out = not_passed_by(person).pages
    for membership in below.select_related("community"):
        if membership.community.path.startswith(kept_out):
            membership.delete()
            log(
                membership.community,
                person,
                MembershipAction.LEFT,
                reason=_("No longer a reader of “%(above)s”.") % {"above": community.title},
            )


def community_above_keeping_out(person, community: CommunityPage) -> CommunityPage | None:
    """The nearest community above `community` that `person` may not read, if any: a
    sub-community of a closed or secret one is read only by those who read that one."""
    # `lets_in`, with what they are kept out of read once for every page above.
    kept_out = not_passed_by(person).pages
    if not community.get_parent().path.startswith(kept_out):
        return None
    above = CommunityPage.objects.ancestor_of(community).order_by("-depth")
    return next((page for page in above if page.path.startswith(kept_out)), None)


def refuse_if_kept_out_above(person, community: CommunityPage) -> None:
    """Nobody is made a member of what they could not read: they join the community
    above first (or its team adds them there)."""
    above = community_above_keeping_out(person, community)
    if above is not None:
        raise ValidationError(
            _("%(name)s must belong to “%(above)s” first: this community is part of it.")
            % {"name": default_display_name(person), "above": above.title}
        )


def add_member(by, user, community: CommunityPage) -> bool:
    """The team adds someone, whatever the membership policy; return whether it was new."""
    if not is_on_team(by, community):
        raise NotOnTheTeam(_("Only the community's team can add members."))
    refuse_if_kept_out_above(user, community)
    added = _add_membership(user, community)
    if added:
        log(community, user, MembershipAction.ADDED, actor=by)
    return added


# Discussions


def can_start_discussion(user, community: CommunityPage) -> bool:
    return is_member(user, community) or is_on_team(user, community)


def _validate_discussion(title: str, body: str) -> tuple[str, str]:
    """The cleaned title and body, or a ValidationError naming every problem."""
    errors = {}
    title = " ".join(title.split())
    if len(title) < TITLE_MIN_LENGTH:
        errors["title"] = _("Give the discussion a title of at least %(min)d characters.") % {
            "min": TITLE_MIN_LENGTH
        }
    elif len(title) > TITLE_MAX_LENGTH:
        errors["title"] = _("Keep the title under %(max)d characters (it has %(count)d).") % {
            "max": TITLE_MAX_LENGTH,
            "count": len(title),
        }

    clean_body = sanitise_discussion_body(body)
    # Measured on the visible text, so formatting neither counts towards the
    # minimum nor against the maximum.
    visible_length = len(strip_tags(clean_body).strip())
    if visible_length < BODY_MIN_LENGTH:
        errors["body"] = _("Write at least %(min)d characters so others can reply.") % {
            "min": BODY_MIN_LENGTH
        }
    elif visible_length > BODY_MAX_LENGTH:
        errors["body"] = _("Keep it under %(max)d characters (it has %(count)d).") % {
            "max": BODY_MAX_LENGTH,
            "count": visible_length,
        }
    if errors:
        raise ValidationError(errors)
    return title, clean_body


@transaction.atomic
def start_discussion(author, community: CommunityPage, title: str, body: str) -> DiscussionPage:
    """Publish a discussion by `author` under `community`.

    Only a member (or the team) may; the body is sanitised and both fields are
    checked for length, with a ValidationError that says what to fix.
    """
    if not community.live:
        raise NotAMember(_("This community is not published."))
    if not can_start_discussion(author, community):
        raise NotAMember(
            _("Join %(community)s to start a discussion.") % {"community": community.title}
        )
    title, clean_body = _validate_discussion(title, body)
    slug = find_available_slug(community, slugify(title) or "discussion")
    discussion = DiscussionPage(
        title=title, slug=slug, body=clean_body, author=author, owner=author
    )
    community.add_child(instance=discussion)
    # A revision makes the discussion look like any other page in the admin
    # (history, compare, revert) and sends `page_published`. Members hold no
    # Wagtail page permission: membership, checked above, is what lets them
    # publish here, so Wagtail's own check is skipped.
    discussion.save_revision(user=author, log_action=True).publish(
        user=author, skip_permission_checks=True
    )
    return discussion


def can_edit_discussion(user, discussion: DiscussionPage) -> bool:
    """The author edits their own discussion; the team edits any in its communities."""
    if discussion.author_id is not None and discussion.author_id == user.pk:
        return True
    # The discussion's own path starts with its community's, so the check
    # needs no query for the parent page.
    return is_on_team(user, discussion)


@transaction.atomic
def edit_discussion(editor, discussion: DiscussionPage, title: str, body: str) -> DiscussionPage:
    """Publish new text for a discussion, under the same rules as starting one."""
    if not can_edit_discussion(editor, discussion):
        raise NotOnTheTeam(_("Only the author or the community's team can edit this discussion."))
    discussion.title, discussion.body = _validate_discussion(title, body)
    discussion.draft_title = discussion.title
    # As in start_discussion: the rule above, not a Wagtail page permission,
    # is what allows the author to publish.
    discussion.save_revision(user=editor, log_action=True).publish(
        user=editor, skip_permission_checks=True
    )
    return discussion


# The team's rights


class UnpublishedChanges(ValidationError):
    """The page has a draft nobody published: a team change would publish it unseen."""


def publish_team_change(by, community: CommunityPage, change) -> CommunityPage:
    """Publish a new revision of `community` whose team is `change(team)`.

    The team is part of the page, so it changes the Wagtail way: the page's
    history shows who changed it, and publishing runs `sync_team_permissions`
    (`communities.signals`) as any publication does. The revision is built from
    the live page; a draft waiting in the editor would be published with it, so
    the change is refused until the draft is published or discarded.
    """
    page = CommunityPage.objects.get(pk=community.pk)
    if page.has_unpublished_changes:
        raise UnpublishedChanges(
            _(
                "%(community)s has changes waiting in the editor: publish or discard them "
                "first, or change the team there."
            )
            % {"community": community.title}
        )
    page.team_members = change(list(page.team_members.all()))
    # The team's own rule (checked by the caller), not a Wagtail page permission,
    # is what allows this publication, as for discussions.
    page.save_revision(user=by, log_action=True).publish(user=by, skip_permission_checks=True)
    return page


def team_warnings(community: CommunityPage) -> list[str]:
    """What the admin should warn about in a community's team; empty when it is healthy.

    Read from `community` itself, so the latest draft's team is judged.
    """
    team = list(community.team_members.all())
    warnings = []
    if not any(member.role == TeamRole.LEAD for member in team):
        warnings.append(
            _("%(community)s has no lead: add one to its team.") % {"community": community.title}
        )
    for member in team:
        above = community_above_keeping_out(member.user, community)
        if above is not None:
            warnings.append(
                _(
                    "%(name)s cannot read this community: it is part of “%(above)s”, "
                    "which they do not belong to."
                )
                % {"name": default_display_name(member.user), "above": above.title}
            )
    disciplines = {member.discipline for member in team}
    if len(disciplines) < MIN_TEAM_DISCIPLINES:
        covered = (
            ngettext(
                "Its team covers only %(count)d discipline.",
                "Its team covers only %(count)d disciplines.",
                len(disciplines),
            )
            if disciplines
            else _("Its team covers no discipline yet.")
        )
        warnings.append(
            _(
                "%(covered)s A community needs people from at least %(min)d of HR, "
                "Communications, IT and the business."
            )
            % {"covered": covered % {"count": len(disciplines)}, "min": MIN_TEAM_DISCIPLINES}
        )
    return warnings


def team_group_name(community: CommunityPage) -> str:
    return _("Community team: %(title)s (#%(id)d)") % {
        "title": community.title[:GROUP_NAME_TITLE_LENGTH],
        "id": community.pk,
    }


def _permissions(codenames_by_app: dict[str, tuple[str, ...]]) -> list[Permission]:
    wanted = [
        (app, codename) for app, codenames in codenames_by_app.items() for codename in codenames
    ]
    permissions = Permission.objects.filter(
        content_type__app_label__in=codenames_by_app.keys(),
        codename__in=[codename for _app, codename in wanted],
    ).select_related("content_type")
    return [p for p in permissions if (p.content_type.app_label, p.codename) in wanted]


@transaction.atomic
def sync_team_permissions(community: CommunityPage) -> Group:
    """Make the community's managed group match its team; return the group.

    `community` may be an unsaved-in-full instance (the admin's form, or a
    revision), so the team is read from it rather than from the database: the
    rights follow the team the editor just saved.
    """
    access = (
        TeamAccess.objects.select_related("group", "collection")
        .filter(community_id=community.pk)
        .first()
    )
    name = str(team_group_name(community))
    if access is None:
        access = TeamAccess.objects.create(
            community_id=community.pk, group=Group.objects.create(name=name)
        )
    group = access.group
    if group.name != name:
        group.name = name
        group.save(update_fields=["name"])
    collection_name = str(_("Community: %(title)s") % {"title": community.title})
    if access.collection is None:
        access.collection = Collection.get_first_root_node().add_child(name=collection_name)
        access.save(update_fields=["collection"])
    elif access.collection.name != collection_name:
        access.collection.name = collection_name
        access.collection.save(update_fields=["name"])

    page_permissions = _permissions({"wagtailcore": TEAM_PAGE_PERMISSIONS})
    GroupPagePermission.objects.filter(group=group).exclude(
        page_id=community.pk, permission__in=page_permissions
    ).delete()
    for permission in page_permissions:
        GroupPagePermission.objects.get_or_create(
            group=group, page_id=community.pk, permission=permission
        )

    collection_permissions = _permissions(TEAM_COLLECTION_PERMISSIONS)
    GroupCollectionPermission.objects.filter(group=group).exclude(
        collection=access.collection, permission__in=collection_permissions
    ).delete()
    for permission in collection_permissions:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=access.collection, permission=permission
        )

    group.permissions.set(_permissions({"wagtailadmin": ("access_admin",)}))
    group.user_set.set({member.user_id for member in community.team_members.all()})
    # A new collection starts as private as the community's page.
    sync_collection_restrictions(community)
    return group


def delete_team_group(access: TeamAccess) -> None:
    """The community is gone: so are its team's group and every right it held."""
    Group.objects.filter(pk=access.group_id).delete()
