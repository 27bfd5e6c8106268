"""A significant revision, however it is published, asks for acknowledgement again.

`page_published` fires for the editor's "Publish", an approved workflow, a
scheduled publication and code alike.
"""

from django.dispatch import receiver

from wagtail.signals import page_published

from guides import services
from guides.models import GuidePage


@receiver(page_published, sender=GuidePage, dispatch_uid="guides.ask_again_on_significant")
def ask_again_on_significant_revision(sender, instance, **kwargs):
    if instance.significant_revision:
        services.ask_again(instance)
