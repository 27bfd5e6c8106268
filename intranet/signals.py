from django.contrib.auth import get_user_model
from django.db.models.signals import post_save
from django.dispatch import receiver

from intranet.roles import add_to_employees


@receiver(post_save, sender=get_user_model(), dispatch_uid="intranet.new_user_joins_employees")
def new_user_joins_employees(sender, instance, created, raw=False, **kwargs):
    # `raw` is set while loading fixtures (and restoring a backup), whose group
    # memberships are already in the data.
    if created and not raw:
        add_to_employees(instance)
