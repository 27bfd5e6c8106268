from django.apps import AppConfig
from django.db.models.signals import pre_save
from django.utils.translation import gettext_lazy as _


class ConversationConfig(AppConfig):
    name = "conversation"
    verbose_name = _("Conversation")

    def ready(self):
        from django_comments_xtd.models import publish_or_unpublish_on_pre_save

        # Connects the receivers that keep the cached threads and reactions true.
        from conversation import signals, threads  # noqa: F401

        # django-comments-xtd gives a comment's visibility to all its replies
        # on every save. Here a hidden comment's replies stay (under a
        # placeholder), and the services change visibility with update(): all
        # the cascade did was cost each new comment three queries.
        pre_save.disconnect(publish_or_unpublish_on_pre_save, sender="conversation.Comment")
