"""Keep the search index, and the cached results, in step with what changes.

Wagtail indexes a page or profile when it is saved. A discussion is found by
its comments too, a person by their expertise tags, and people who have left
must drop out: those changes save neither, so they are followed here.

Cached results (`search.results`) are built from documents and the editors'
settings too, whose changes no other app follows: their stamps are marked here.
"""

from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Collection
from wagtail.search import index

from communities.models import TeamAccess
from conversation.models import Comment
from conversation.signals import comment_changed, is_complete_save
from intranet.background import enqueue_with_transaction
from intranet.caching import mark_changed
from people.models import Profile, ProfileExpertise
from search.models import SearchExclusion, SearchSynonym
from search.tasks import reindex_page_task


def reindex_page_of(comment: Comment) -> None:
    # Indexing a page with its comments takes longer than posting one: the
    # worker does it (`intranet.background`).
    enqueue_with_transaction(reindex_page_task, comment.page_id)


@receiver(post_save, sender=Comment, dispatch_uid="search.comment_saved")
def comment_saved(sender, instance, created=False, raw=False, **kwargs):
    if not raw and is_complete_save(created):
        reindex_page_of(instance)


@receiver(post_delete, sender=Comment, dispatch_uid="search.comment_deleted")
def comment_deleted(sender, instance, **kwargs):
    reindex_page_of(instance)


@receiver(comment_changed, dispatch_uid="search.comment_changed")
def comment_text_or_visibility_changed(sender, comment, **kwargs):
    reindex_page_of(comment)


def reindex_person(profile: Profile) -> None:
    if profile.user.is_active:
        index.insert_or_update_object(profile)
    else:
        index.remove_object(profile)


@receiver(post_save, sender=get_user_model(), dispatch_uid="search.user_saved")
def user_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    # A person marked as having left leaves the results, and comes back with
    # the account. Signing in only touches last_login, which changes nothing here.
    if raw or (update_fields is not None and set(update_fields) <= {"last_login"}):
        return
    profile = Profile.objects.filter(user=instance).first()
    if profile is not None:
        reindex_person(profile)


@receiver(post_save, sender=ProfileExpertise, dispatch_uid="search.expertise_added")
@receiver(post_delete, sender=ProfileExpertise, dispatch_uid="search.expertise_removed")
def expertise_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        profile = Profile.objects.select_related("user").filter(pk=instance.content_object_id)
        for person in profile:
            reindex_person(person)


# Documents themselves are marked by `intranet.signals`. A collection's place
# decides which documents a restriction above it hides;
# a team's collection places its documents under the community.
@receiver(post_save, sender=Collection, dispatch_uid="search.collection_saved")
@receiver(post_delete, sender=Collection, dispatch_uid="search.collection_deleted")
@receiver(post_save, sender=TeamAccess, dispatch_uid="search.team_access_saved")
@receiver(post_delete, sender=TeamAccess, dispatch_uid="search.team_access_deleted")
def documents_changed(sender, **kwargs):
    mark_changed("documents")


@receiver(post_save, sender=SearchPromotion, dispatch_uid="search.promotion_saved")
@receiver(post_delete, sender=SearchPromotion, dispatch_uid="search.promotion_deleted")
@receiver(post_save, sender=SearchExclusion, dispatch_uid="search.exclusion_saved")
@receiver(post_delete, sender=SearchExclusion, dispatch_uid="search.exclusion_deleted")
@receiver(post_save, sender=SearchSynonym, dispatch_uid="search.synonym_saved")
@receiver(post_delete, sender=SearchSynonym, dispatch_uid="search.synonym_deleted")
def settings_changed(sender, **kwargs):
    mark_changed("search-settings")
