from django_tasks.signals import task_finished

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from intranet import retries
from intranet.caching import mark_changed
from intranet.roles import add_to_employees


@receiver(post_save, sender=get_user_model(), dispatch_uid="intranet.new_user_joins_employees")
def new_user_joins_employees(sender, instance, created, raw=False, **kwargs):
    # `raw` is set while loading fixtures (and restoring a backup), whose group
    # memberships are already in the data.
    if created and not raw:
        add_to_employees(instance)


@receiver(m2m_changed, sender=get_user_model().groups.through, dispatch_uid="intranet.groups")
@receiver(
    m2m_changed, sender=get_user_model().user_permissions.through, dispatch_uid="intranet.perms"
)
@receiver(m2m_changed, sender=Group.permissions.through, dispatch_uid="intranet.group_perms")
@receiver(post_delete, sender=Group, dispatch_uid="intranet.group_deleted")
# A renamed group: the roles go by their groups' names.
@receiver(post_save, sender=Group, dispatch_uid="intranet.group_saved")
def roles_changed(sender, **kwargs):
    # The audiences groups make (the Communicators' must-reads).
    mark_changed("roles")


# The stamps of the page tree as served (`intranet.caching`): a page published,
# unpublished, moved or deleted, or its view restrictions changed.
@receiver(page_published, dispatch_uid="intranet.page_published")
@receiver(page_unpublished, dispatch_uid="intranet.page_unpublished")
@receiver(post_page_move, dispatch_uid="intranet.page_moved")
@receiver(post_delete, sender=Page, dispatch_uid="intranet.page_deleted")
@receiver(post_save, sender=PageViewRestriction, dispatch_uid="intranet.restriction_saved")
@receiver(post_delete, sender=PageViewRestriction, dispatch_uid="intranet.restriction_deleted")
@receiver(
    m2m_changed,
    sender=PageViewRestriction.groups.through,
    dispatch_uid="intranet.restriction_groups",
)
def pages_changed(sender, **kwargs):
    mark_changed("pages")


@receiver(post_save, dispatch_uid="intranet.page_created_live")
def live_page_created(sender, instance, created, raw=False, **kwargs):
    # A page can join the tree already live without being published: an alias,
    # which Wagtail creates live and sends no page_published for.
    if created and not raw and isinstance(instance, Page) and instance.live:
        mark_changed("pages")


# Pictures and files a page's body shows: a title, a file replaced, one deleted.
@receiver(post_save, sender=get_image_model(), dispatch_uid="intranet.image_saved")
@receiver(post_delete, sender=get_image_model(), dispatch_uid="intranet.image_deleted")
def images_changed(sender, **kwargs):
    mark_changed("images")


@receiver(post_save, sender=get_document_model(), dispatch_uid="intranet.document_saved")
@receiver(post_delete, sender=get_document_model(), dispatch_uid="intranet.document_deleted")
def documents_changed(sender, **kwargs):
    mark_changed("documents")


@receiver(task_finished, dispatch_uid="intranet.task_finished")
def task_finished_follow_up(sender, task_result, **kwargs):
    retries.follow_up(task_result)
