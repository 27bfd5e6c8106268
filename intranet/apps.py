from django.apps import AppConfig
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connections
from django.db.models.signals import post_migrate
from django.utils.autoreload import file_changed
from django.utils.translation import gettext_lazy as _


def clear_the_cache(sender, file_path, **kwargs):
    """A file other than code changed under `runserver`: a template, most often."""
    if file_path.suffix != ".py":
        cache.clear()


def create_the_cache_table(sender, verbosity=1, stdout=None, **kwargs):
    """Django's `createcachetable` after every `migrate`, so a deployment never needs a step of
    its own for the database cache (https://docs.djangoproject.com/en/5.2/topics/cache/#creating-the-cache-table).

    It does nothing without a database cache, and nothing where the table exists. Each
    database is offered the table and the routers decide which takes it
    (`intranet.routers.CacheRouter`): `migrate` runs on the intranet's database only.
    """
    for alias in connections:
        call_command("createcachetable", database=alias, verbosity=verbosity, stdout=stdout)


class IntranetConfig(AppConfig):
    name = "intranet"
    verbose_name = _("Intranet")

    def ready(self):
        from intranet import moderation_emails, signals  # noqa: F401  (connect the receivers)

        moderation_emails.connect()

        post_migrate.connect(
            create_the_cache_table, sender=self, dispatch_uid="intranet.create_the_cache_table"
        )

        if settings.DEBUG:
            # `runserver` reloads an edited template without restarting (code
            # restarts it, and empties the cache in its memory): blocks cached
            # from the old template would go on showing.
            file_changed.connect(clear_the_cache, dispatch_uid="intranet.clear_the_cache")
