"""Keep the cached blocks true (the home page's, a community's lists, a person's page):
bump the version of what changed.

See `intranet.caching`. Changes made with `QuerySet.update()` send no signal;
the conversation's services send `comment_changed` for theirs, and the blocks'
short lifetime covers the rest.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.models import PageViewRestriction, TaskState, WorkflowState
from wagtail.signals import page_published, page_unpublished, post_page_move

from communities.models import CommunityPage, CommunityTeamMember, DiscussionPage, Membership
from conversation.models import Comment, CommentReaction, PageReaction
from conversation.signals import comment_changed
from guides.models import Acknowledgement, GuideCompletion
from home.models import TourDismissal
from insights.models import Suggestion, SuggestionVote
from intranet.caching import PAGES, bump, user_topic
from notifications.models import PageFollow, PersonFollow
from people.models import Profile


@receiver(page_published, dispatch_uid="home.page_published")
@receiver(page_unpublished, dispatch_uid="home.page_unpublished")
def page_changed(sender, instance, **kwargs):
    # Review dates travel with publication; titles show in every list.
    bump("reviews", "discussions", "activity", PAGES)


@receiver(post_page_move, dispatch_uid="home.page_moved")
def page_moved(sender, **kwargs):
    # A page moved changes its address and may go behind its new parent's
    # restriction: every block that lists pages is stale. PAGES is what is
    # built from the tree alone (a guide's learning paths). A live page deleted
    # is unpublished first (Wagtail's pre_delete), so sends page_unpublished.
    bump("reviews", "discussions", "activity", "memberships", PAGES)


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
    bump("discussions", "activity", "memberships")


@receiver(post_delete, sender=DiscussionPage, dispatch_uid="home.discussion_deleted")
def discussion_deleted(sender, instance, **kwargs):
    bump("discussions", "activity")


@receiver(post_save, sender=Comment, dispatch_uid="home.comment_saved")
@receiver(post_delete, sender=Comment, dispatch_uid="home.comment_deleted")
def comment_saved_or_deleted(sender, instance, **kwargs):
    bump("discussions", "activity")


@receiver(comment_changed, dispatch_uid="home.comment_changed")
def comment_updated(sender, comment, **kwargs):
    # Edited, hidden, restored or removed: counts and a person's recent comments change.
    bump("discussions", "activity")


@receiver(post_save, sender=PageReaction, dispatch_uid="home.page_reaction_saved")
@receiver(post_delete, sender=PageReaction, dispatch_uid="home.page_reaction_deleted")
@receiver(post_save, sender=CommentReaction, dispatch_uid="home.comment_reaction_saved")
@receiver(post_delete, sender=CommentReaction, dispatch_uid="home.comment_reaction_deleted")
def reaction_changed(sender, instance, **kwargs):
    bump("activity")


@receiver(post_save, sender=Membership, dispatch_uid="home.membership_saved")
@receiver(post_delete, sender=Membership, dispatch_uid="home.membership_deleted")
def membership_changed(sender, instance, **kwargs):
    # Colleagues' memberships feed everyone's recommendations.
    bump("memberships", user_topic(instance.user_id))


@receiver(post_save, sender=CommunityTeamMember, dispatch_uid="home.team_saved")
@receiver(post_delete, sender=CommunityTeamMember, dispatch_uid="home.team_deleted")
def team_changed(sender, instance, **kwargs):
    # A community page lists its team beside its members; the person's own
    # blocks (owner's tasks, must-reads for community owners) change too.
    bump("memberships", user_topic(instance.user_id))


@receiver(post_save, sender=GuideCompletion, dispatch_uid="home.completion_saved")
@receiver(post_delete, sender=GuideCompletion, dispatch_uid="home.completion_deleted")
def completion_changed(sender, instance, **kwargs):
    # Guide lists say how many people completed each guide.
    bump("completions")


@receiver(post_save, sender=Acknowledgement, dispatch_uid="home.acknowledgement_saved")
@receiver(post_delete, sender=Acknowledgement, dispatch_uid="home.acknowledgement_deleted")
def acknowledgement_changed(sender, instance, **kwargs):
    # A guide acknowledged leaves the reader's must-reads; one asked again comes back.
    bump("acknowledgements")


@receiver(post_save, sender=PageFollow, dispatch_uid="home.page_follow_saved")
@receiver(post_delete, sender=PageFollow, dispatch_uid="home.page_follow_deleted")
@receiver(post_save, sender=PersonFollow, dispatch_uid="home.person_follow_saved")
@receiver(post_delete, sender=PersonFollow, dispatch_uid="home.person_follow_deleted")
@receiver(post_save, sender=Profile, dispatch_uid="home.profile_saved")
@receiver(post_save, sender=TourDismissal, dispatch_uid="home.tour_dismissed")
def personal_change(sender, instance, **kwargs):
    bump(user_topic(instance.user_id))


@receiver(post_save, sender=WorkflowState, dispatch_uid="home.workflow_state_saved")
@receiver(post_save, sender=TaskState, dispatch_uid="home.task_state_saved")
def workflow_changed(sender, instance, **kwargs):
    bump("workflows")


@receiver(post_save, sender=Suggestion, dispatch_uid="home.suggestion_saved")
@receiver(post_delete, sender=Suggestion, dispatch_uid="home.suggestion_deleted")
@receiver(post_save, sender=SuggestionVote, dispatch_uid="home.suggestion_vote_saved")
@receiver(post_delete, sender=SuggestionVote, dispatch_uid="home.suggestion_vote_deleted")
def suggestion_changed(sender, instance, **kwargs):
    # The latest "You said, we did" shows its status, its answer and its votes.
    bump("suggestions")
