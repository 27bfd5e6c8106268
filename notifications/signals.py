"""A discussion's first publication tells its community (see `services.notify_about_discussion`)."""

from django.dispatch import receiver

from wagtail.models import PageLogEntry
from wagtail.signals import page_published

from communities.models import DiscussionPage
from notifications import services


@receiver(page_published, sender=DiscussionPage, dispatch_uid="notifications.new_discussion")
def new_discussion(sender, instance, revision, **kwargs):
    # Later publications are edits, not news. Wagtail logs a publication just
    # after this signal, so the first one finds no entry yet. The log is asked
    # rather than the page's dates: an edit made from a stale instance
    # publishes a revision that has no first publication date yet.
    if not PageLogEntry.objects.filter(page_id=instance.pk, action="wagtail.publish").exists():
        services.notify_about_discussion(instance)
