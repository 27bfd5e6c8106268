"""Keep each community's team group in step with the page.

The admin hooks in `wagtail_hooks.py` cover saves from the page editor;
`page_published` covers every other way a page goes live (scheduled
publishing, a revision restored, code).
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, post_page_move

from communities import collection_privacy, services, visibility
from communities.models import CommunityPage, CommunityTeamMember, Membership, TeamAccess
from intranet.caching import at_and_above, mark_changed


@receiver(page_published, sender=CommunityPage, dispatch_uid="communities.sync_team_on_publish")
def sync_team_on_publish(sender, instance, **kwargs):
    services.sync_team_permissions(instance)
    # Its visibility and its team, as published, decide who reads it and the
    # private communities below it (`communities.visibility`).
    visibility.sync_readers_at_and_below(instance)


# Deleting a community cascades to its TeamAccess row (sub-communities' rows
# too), so listening here catches every way a community can be deleted.
@receiver(post_delete, sender=TeamAccess, dispatch_uid="communities.delete_team_group")
def delete_team_group(sender, instance, **kwargs):
    services.delete_team_group(instance)


# A community's collection follows the view restrictions of its page and the
# pages above it (`communities.collection_privacy`): when one is added,
# changed (its groups are set after it is saved) or removed, and when a page
# moves under other restrictions.
@receiver(post_save, sender=PageViewRestriction, dispatch_uid="communities.restriction_saved")
@receiver(post_delete, sender=PageViewRestriction, dispatch_uid="communities.restriction_deleted")
def sync_collections_on_restriction(sender, instance, **kwargs):
    collection_privacy.sync_collections_at_or_below(instance.page_id)
    # A closed or secret community keeps its readers' restriction whatever is done in
    # Wagtail's privacy dialog: put back once the change is committed (by then a
    # community being deleted is gone, and nothing is put back).
    page_id = instance.page_id
    transaction.on_commit(lambda: visibility.keep_private(page_id))


@receiver(
    m2m_changed,
    sender=PageViewRestriction.groups.through,
    dispatch_uid="communities.restriction_groups_changed",
)
def sync_collections_on_restriction_groups(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        collection_privacy.sync_collections_at_or_below(instance.page_id)
        page_id = instance.page_id
        transaction.on_commit(lambda: visibility.keep_private(page_id))


@receiver(post_page_move, dispatch_uid="communities.sync_collections_on_move")
def sync_collections_on_move(sender, instance, **kwargs):
    collection_privacy.sync_collections_at_or_below(instance.pk)


def memberships_changed(user_id: int, community_id: int) -> None:
    # Who belongs where: for lists drawn from the whole tree (the home page's,
    # a person's), for the community's page and those above it (which count
    # a sub-community's members), and one person's own communities
    # (`intranet.caching`).
    mark_changed("memberships", f"person:{user_id}", *at_and_above("memberships", community_id))


@receiver(post_save, sender=Membership, dispatch_uid="communities.membership_saved")
def membership_saved(sender, instance, created, **kwargs):
    if created:
        visibility.member_joined(instance.user_id, instance.community_id)
    memberships_changed(instance.user_id, instance.community_id)


@receiver(post_delete, sender=Membership, dispatch_uid="communities.membership_deleted")
def membership_deleted(sender, instance, **kwargs):
    visibility.member_left(instance.user_id, instance.community_id)
    memberships_changed(instance.user_id, instance.community_id)


@receiver(post_save, sender=CommunityTeamMember, dispatch_uid="communities.team_saved")
@receiver(post_delete, sender=CommunityTeamMember, dispatch_uid="communities.team_deleted")
def team_member_saved_or_deleted(sender, instance, **kwargs):
    memberships_changed(instance.user_id, instance.page_id)


@receiver(post_save, sender=CommunityPage, dispatch_uid="communities.community_created")
def community_created(sender, instance, created, **kwargs):
    # A community joins the tree as a draft, before any publication, and the
    # insights dashboard lists drafts too (`intranet.caching`).
    if created:
        mark_changed("pages")
