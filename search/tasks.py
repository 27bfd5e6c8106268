"""Background tasks (https://github.com/RealOrangeOne/django-tasks)."""

from django_tasks import task

from django.core.management import call_command

from wagtail.models import Page
from wagtail.search import index


@task()
def reindex_page_task(page_id: int) -> None:
    """Index the page again, as it is now: running it twice changes nothing."""
    # A page deleted since (its comments with it) took its index entry with it.
    page = Page.objects.filter(pk=page_id).specific().first()
    if page is not None and index.class_is_indexed(type(page)):
        index.insert_or_update_object(page)


@task()
def update_index_task() -> None:
    """Rebuild the search index from what is in the database, as `manage.py update_index`."""
    call_command("update_index", verbosity=0)
