"""A significant revision, however it is published, asks for acknowledgement again.

`page_published` fires for the editor's "Publish", an approved workflow, a
scheduled publication and code alike.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.models import TaskState, WorkflowState
from wagtail.signals import page_published

from guides import services
from guides.models import Acknowledgement, GuideCompletion, GuidePage
from intranet.caching import at_and_above, mark_changed


@receiver(page_published, sender=GuidePage, dispatch_uid="guides.ask_again_on_significant")
def ask_again_on_significant_revision(sender, instance, **kwargs):
    if instance.significant_revision:
        services.ask_again(instance)


# The stamps of guides' progress and reviews (`intranet.caching`). A guide's
# completions are counted in the lists of the community it is in, so they
# are stamped at the guide and above it.
@receiver(post_save, sender=GuideCompletion, dispatch_uid="guides.completion_saved")
@receiver(post_delete, sender=GuideCompletion, dispatch_uid="guides.completion_deleted")
def completions_changed(sender, instance, **kwargs):
    mark_changed(f"person:{instance.user_id}", *at_and_above("completions", instance.guide_id))


@receiver(post_save, sender=Acknowledgement, dispatch_uid="guides.acknowledgement_saved")
@receiver(post_delete, sender=Acknowledgement, dispatch_uid="guides.acknowledgement_deleted")
def acknowledgements_changed(sender, instance, **kwargs):
    mark_changed("acknowledgements", f"person:{instance.user_id}")


@receiver(post_save, sender=WorkflowState, dispatch_uid="guides.workflow_state_saved")
@receiver(post_save, sender=TaskState, dispatch_uid="guides.task_state_saved")
def reviews_changed(sender, instance, **kwargs):
    mark_changed("reviews")
