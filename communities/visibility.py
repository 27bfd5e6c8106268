"""Who reads a closed or secret community: its members and the teams that look after it.

Wagtail keeps a part of the tree private with a view restriction on its top
page (https://docs.wagtail.org/en/stable/advanced_topics/privacy.html). A
closed or secret community gets one, to a group of its own (`CommunityReaders`)
that this module keeps in step with its members and with the teams of the
community and of those above it. Everything that follows Wagtail's
restrictions follows it: the page and the pages below it answer 404 to others
(`intranet.wagtail_hooks`), lists and search leave them out
(`intranet.view_restrictions`), and so do the community's files
(`communities.collection_privacy`). A sub-community lies below the
restrictions above it, so it is at least as private as they are.

A closed community still shows its name and purpose to everyone: its page
answers non-members with its front door (`sees_front_door`).
"""

from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page, PageViewRestriction

from communities.models import (
    CommunityPage,
    CommunityReaders,
    CommunityTeamMember,
    Decision,
    Invitation,
    Membership,
    Visibility,
)
from intranet.ancestry import path_and_above

# Group names are limited to 150 characters; the id suffix keeps them unique.
GROUP_NAME_TITLE_LENGTH = 100


def readers_group_name(title: str, community_id: int) -> str:
    return str(
        _("Community readers: %(title)s (#%(id)d)")
        % {"title": title[:GROUP_NAME_TITLE_LENGTH], "id": community_id}
    )


def readers_of(community: CommunityPage) -> set[int]:
    """The people who read a private community: its members, and the teams of the community
    and of each community above it (a team looks after its whole subtree)."""
    members = Membership.objects.filter(community_id=community.pk).values_list("user_id", flat=True)
    teams = CommunityTeamMember.objects.filter(
        page__path__in=path_and_above(community.path)
    ).values_list("user_id", flat=True)
    return set(members) | set(teams)


@transaction.atomic
def sync_readers(community: CommunityPage) -> None:
    """Restrict the community to its readers when it is closed or secret, with the readers
    up to date; lift that restriction, and drop the group, when it is open.

    Reads the community as published: a draft's visibility waits for its publication.
    """
    live = CommunityPage.objects.filter(pk=community.pk).values_list("visibility", "title")
    visibility, title = next(iter(live), (Visibility.OPEN, ""))
    readers = CommunityReaders.objects.select_related("group").filter(community_id=community.pk)
    access = next(iter(readers), None)
    if visibility == Visibility.OPEN:
        if access is not None:
            # The restriction first: one left without its group would keep everyone out.
            PageViewRestriction.objects.filter(page_id=community.pk, groups=access.group).delete()
            access.group.delete()
        return
    name = readers_group_name(title, community.pk)
    if access is None:
        access = CommunityReaders.objects.create(
            community_id=community.pk, group=Group.objects.create(name=name)
        )
    elif access.group.name != name:
        access.group.name = name
        access.group.save(update_fields=["name"])
    access.group.user_set.set(readers_of(community))
    restricted = PageViewRestriction.objects.filter(
        page_id=community.pk,
        restriction_type=PageViewRestriction.GROUPS,
        groups=access.group,
    )
    if not restricted.exists():
        restriction = PageViewRestriction.objects.create(
            page_id=community.pk, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.set([access.group])


def keep_private(page_id: int) -> None:
    """Put back a closed or secret community's restriction to its readers if it was lifted
    or changed (`sync_readers`); nothing for any other page."""
    community = CommunityPage.objects.exclude(visibility=Visibility.OPEN).filter(pk=page_id)
    for found in community.only("pk", "path"):
        sync_readers(found)


def sync_readers_at_and_below(page: Page) -> None:
    """`sync_readers` for each private community at or below `page`: a team change on a
    community changes who reads the private communities below it."""
    # Those just opened too, to lift their restriction.
    private = CommunityPage.objects.filter(path__startswith=page.path).filter(
        ~Q(visibility=Visibility.OPEN) | Q(readers__isnull=False)
    )
    for community in private.only("pk", "path"):
        sync_readers(community)


def member_joined(user_id: int, community_id: int) -> None:
    """A new member of a private community reads it from now on."""
    for access in CommunityReaders.objects.filter(community_id=community_id):
        access.group.user_set.add(user_id)


def member_left(user_id: int, community_id: int) -> None:
    """A member who left reads it no more, unless a team they are on looks after it."""
    for access in CommunityReaders.objects.select_related("community").filter(
        community_id=community_id
    ):
        if user_id not in readers_of(access.community):
            access.group.user_set.remove(user_id)


def sees_front_door(request, page) -> bool:
    """Whether `page` is a closed community the reader may not read but may know of: they
    pass every restriction above it, and it keeps them out only through its groups."""
    if not isinstance(page, CommunityPage) or page.visibility != Visibility.CLOSED:
        return False
    failed = [
        restriction
        for restriction in page.get_view_restrictions()
        if not restriction.accept_request(request)
    ]
    return bool(failed) and all(
        restriction.page_id == page.pk
        and restriction.restriction_type == PageViewRestriction.GROUPS
        for restriction in failed
    )


def outermost(places: tuple[str, ...]) -> tuple[str, ...]:
    """The tree paths of `places` that no other of them lies above."""
    return tuple(
        path for path in places if not path.startswith(tuple(p for p in places if p != path))
    )


def front_doors(kept_out: tuple[str, ...]) -> QuerySet:
    """The closed communities whose front door a reader kept out of `kept_out` (the pages
    of `intranet.view_restrictions.NotPassed`) sees: `sees_front_door` for lists, with no
    query of its own.

    A door is one of the places the reader is kept out of, with none of them above it (a
    closed community under a secret one stays unknown), and not an alias, which answers
    404 as a page below restrictions elsewhere. A password on the community asks for itself
    before any door, so one with a password is left out: private by default.
    """
    doors = outermost(kept_out)
    if not doors:
        return CommunityPage.objects.none()
    return (
        CommunityPage.objects.live()
        .filter(visibility=Visibility.CLOSED, alias_of__isnull=True, path__in=doors)
        .exclude(view_restrictions__restriction_type=PageViewRestriction.PASSWORD)
    )


def may_know_of(request, community: CommunityPage) -> bool:
    """Whether someone who does not read `community` may still see its front door: it is
    closed (`sees_front_door`), or they are invited to it."""
    return (
        sees_front_door(request, community)
        or Invitation.objects.filter(
            user_id=request.user.pk, community=community, status=Decision.PENDING
        ).exists()
    )
