"""Who reacted to a page, kept for every reader until a reaction or a name changes.

Every page with a conversation shows its reactions under the text, with who
chose each; only which one is the reader's own differs from reader to reader.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from conversation.models import PageReaction
from intranet.caching import PROFILES, bump, cached_block
from people.services import default_display_name

# Every change to a reaction is signalled; this only bounds what a missed
# signal would leave.
LIFETIME = 10 * 60


def topic(page_id: int) -> str:
    return f"page-reactions:{page_id}"


def reactions(page) -> list[tuple[int, str, str]]:
    """Each reaction to `page`: who (their id and name) and which kind."""
    return cached_block(
        f"page-reactions:{page.pk}",
        (topic(page.pk), PROFILES),
        lambda: [
            (reaction.user_id, reaction.kind, default_display_name(reaction.user))
            for reaction in PageReaction.objects.filter(page=page).select_related("user")
        ],
        LIFETIME,
    )


@receiver(post_save, sender=PageReaction, dispatch_uid="conversation.page_reaction_saved")
@receiver(post_delete, sender=PageReaction, dispatch_uid="conversation.page_reaction_deleted")
def reaction_saved_or_deleted(sender, instance, **kwargs):
    bump(topic(instance.page_id))
