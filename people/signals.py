from django.contrib.auth import get_user_model
from django.db.models.signals import post_save
from django.dispatch import receiver

from people import services


@receiver(post_save, sender=get_user_model(), dispatch_uid="people.new_user_gets_a_profile")
def new_user_gets_a_profile(sender, instance, created, raw=False, **kwargs):
    # Fixtures and restored backups carry their profiles in the data already.
    if created and not raw:
        services.ensure_profile(instance)
