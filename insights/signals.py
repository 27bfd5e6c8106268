"""Thin receivers: each piece of feedback lands in the inbox however it was saved."""

from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from insights import services
from insights.models import Suggestion

# Listening


def file_feedback(sender, instance, raw=False, **kwargs):
    # Loading a fixture or a backup restores the entries with it.
    if not raw:
        services.file_in_inbox(instance)


for source_model in services.INBOX_SOURCES:
    post_save.connect(file_feedback, sender=source_model, dispatch_uid=f"inbox-{source_model}")


@receiver(pre_save, sender=Suggestion)
def date_the_answer(sender, instance, raw=False, **kwargs):
    if not raw:
        previous = Suggestion.objects.filter(pk=instance.pk).first() if instance.pk else None
        services.record_answer(instance, previous)


# End of Listening.
