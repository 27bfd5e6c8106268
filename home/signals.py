"""Keep the cached blocks other apps still read true: bump the version of what changed.

The home page's own fragments are keyed on stamps each app marks in its own
`signals.py` (`intranet.caching`); the home app marks the one it owns: a person
closing the tour. Changes made with `QuerySet.update()` send no signal; the
conversation's services send `comment_changed` for theirs, and the blocks'
short lifetime covers the rest.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from communities.models import CommunityPage, CommunityTeamMember, DiscussionPage, Membership
from conversation.models import Comment
from conversation.signals import comment_changed
from home.models import TourDismissal
from intranet.caching import PAGES, bump, mark_changed


@receiver(post_save, sender=TourDismissal, dispatch_uid="home.tour_dismissed")
def tour_dismissed(sender, instance, **kwargs):
    mark_changed(f"person:{instance.user_id}")


@receiver(page_published, dispatch_uid="home.page_published")
@receiver(page_unpublished, dispatch_uid="home.page_unpublished")
def page_changed(sender, instance, **kwargs):
    # Titles show in every list.
    bump("discussions", PAGES)


@receiver(post_page_move, dispatch_uid="home.page_moved")
def page_moved(sender, **kwargs):
    # A page moved changes its address and may go behind its new parent's
    # restriction: every block that lists pages is stale. PAGES is what is
    # built from the tree alone (a guide's learning paths). A live page deleted
    # is unpublished first (Wagtail's pre_delete), so sends page_unpublished.
    bump("discussions", "memberships", PAGES)


@receiver(post_save, sender=CommunityPage, dispatch_uid="home.community_saved")
def community_saved(sender, instance, created, **kwargs):
    # A community joins the tree as a draft, before any publication: the
    # insights dashboard lists drafts too.
    if created:
        bump(PAGES)


@receiver(post_delete, sender=CommunityPage, dispatch_uid="home.community_deleted")
def community_deleted(sender, instance, **kwargs):
    # A draft leaves the tree without being unpublished.
    bump(PAGES)


@receiver(post_save, sender=PageViewRestriction, dispatch_uid="home.restriction_saved")
@receiver(post_delete, sender=PageViewRestriction, dispatch_uid="home.restriction_deleted")
def restriction_changed(sender, instance, **kwargs):
    # The blocks list public pages only: a page made private leaves them at once.
    bump("discussions", "memberships")


@receiver(post_delete, sender=DiscussionPage, dispatch_uid="home.discussion_deleted")
@receiver(post_save, sender=Comment, dispatch_uid="home.comment_saved")
@receiver(post_delete, sender=Comment, dispatch_uid="home.comment_deleted")
def discussions_changed(sender, instance, **kwargs):
    bump("discussions")


@receiver(comment_changed, dispatch_uid="home.comment_changed")
def comment_updated(sender, comment, **kwargs):
    # Edited, hidden, restored or removed: counts and a person's recent comments change.
    bump("discussions")


@receiver(post_save, sender=Membership, dispatch_uid="home.membership_saved")
@receiver(post_delete, sender=Membership, dispatch_uid="home.membership_deleted")
@receiver(post_save, sender=CommunityTeamMember, dispatch_uid="home.team_saved")
@receiver(post_delete, sender=CommunityTeamMember, dispatch_uid="home.team_deleted")
def memberships_changed(sender, instance, **kwargs):
    # A community's members and team, and the people they bring together.
    bump("memberships")
