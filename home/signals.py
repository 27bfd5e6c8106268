"""The data the home app owns, marked changed for the fragments keyed on it (`intranet.caching`)."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from home.models import TourDismissal
from intranet.caching import mark_changed


@receiver(post_save, sender=TourDismissal, dispatch_uid="home.tour_dismissed")
def tour_dismissed(sender, instance, **kwargs):
    mark_changed(f"person:{instance.user_id}")
