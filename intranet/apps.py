from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntranetConfig(AppConfig):
    name = "intranet"
    verbose_name = _("Intranet")

    def ready(self):
        from intranet import signals  # noqa: F401  (connect the receivers)
        from intranet.caching import release

        # The fingerprint of the code this process runs, before a checkout
        # updated in place could change what a later first read would find.
        release()
