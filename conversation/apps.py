from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConversationConfig(AppConfig):
    name = "conversation"
    verbose_name = _("Conversation")

    def ready(self):
        # Connects the receivers that keep the cached threads and reactions true.
        from conversation import signals, threads  # noqa: F401
