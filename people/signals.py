from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from intranet.caching import mark_changed
from people import services
from people.models import Profile, ProfileExpertise


@receiver(post_save, sender=get_user_model(), dispatch_uid="people.new_user_gets_a_profile")
def new_user_gets_a_profile(sender, instance, created, raw=False, **kwargs):
    # Fixtures and restored backups carry their profiles in the data already.
    if created and not raw:
        services.ensure_profile(instance)


@receiver(post_save, sender=Profile, dispatch_uid="people.profile_saved")
@receiver(post_delete, sender=Profile, dispatch_uid="people.profile_deleted")
@receiver(post_delete, sender=get_user_model(), dispatch_uid="people.user_deleted")
# Expertise is set after the profile is saved.
@receiver(m2m_changed, sender=ProfileExpertise, dispatch_uid="people.expertise_changed")
def profiles_changed(sender, **kwargs):
    # People's names, faces and accounts, wherever they are shown (`intranet.caching`).
    mark_changed("profiles")


@receiver(post_save, sender=get_user_model(), dispatch_uid="people.user_saved")
def account_changed(sender, update_fields=None, **kwargs):
    # Signing in saves the last login alone, which changes nothing people see;
    # any other save may mark someone as having left.
    if update_fields != frozenset({"last_login"}):
        mark_changed("profiles")
