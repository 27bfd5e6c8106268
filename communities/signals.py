"""Keep each community's team group in step with the page.

The admin hooks in `wagtail_hooks.py` cover saves from the page editor;
`page_published` covers every other way a page goes live (scheduled
publishing, a revision restored, code).
"""

from django.db.models.signals import post_delete
from django.dispatch import receiver

from wagtail.signals import page_published

from communities import services
from communities.models import CommunityPage, TeamAccess


@receiver(page_published, sender=CommunityPage, dispatch_uid="communities.sync_team_on_publish")
def sync_team_on_publish(sender, instance, **kwargs):
    services.sync_team_permissions(instance)


# Deleting a community cascades to its TeamAccess row (sub-communities' rows
# too), so listening here catches every way a community can be deleted.
@receiver(post_delete, sender=TeamAccess, dispatch_uid="communities.delete_team_group")
def delete_team_group(sender, instance, **kwargs):
    services.delete_team_group(instance)
