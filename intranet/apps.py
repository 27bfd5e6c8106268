from django.apps import AppConfig
from django.conf import settings
from django.core.cache import cache
from django.utils.autoreload import file_changed
from django.utils.translation import gettext_lazy as _


def clear_the_cache(sender, file_path, **kwargs):
    """A file other than code changed under `runserver`: a template, most often."""
    if file_path.suffix != ".py":
        cache.clear()


class IntranetConfig(AppConfig):
    name = "intranet"
    verbose_name = _("Intranet")

    def ready(self):
        from intranet import signals  # noqa: F401  (connect the receivers)

        if settings.DEBUG:
            # `runserver` reloads an edited template without restarting (code
            # restarts it, and empties the cache in its memory): blocks cached
            # from the old template would go on showing.
            file_changed.connect(clear_the_cache, dispatch_uid="intranet.clear_the_cache")
