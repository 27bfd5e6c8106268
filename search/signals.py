"""Keep the search index in step with what Wagtail's own signal handlers do not see.

Wagtail indexes a page or profile when it is saved. A discussion is found by
its comments too, a person by their expertise tags, and people who have left
must drop out: those changes save neither, so they are followed here.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.search import index

from conversation.models import Comment
from conversation.signals import comment_changed
from people.models import Profile, ProfileExpertise


def reindex_page_of(comment: Comment) -> None:
    try:
        page = comment.page.specific
    except ObjectDoesNotExist:
        # The page is being deleted, its comments with it: Wagtail removes its
        # index entry itself.
        return
    if index.class_is_indexed(type(page)):
        index.insert_or_update_object(page)


@receiver(post_save, sender=Comment, dispatch_uid="search.comment_saved")
@receiver(post_delete, sender=Comment, dispatch_uid="search.comment_deleted")
def comment_saved_or_deleted(sender, instance, raw=False, **kwargs):
    if not raw:
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
