"""Who reacted to a page, read in one query.

Every page with a conversation shows its reactions under the text, with who
chose each; only which one is the reader's own differs from reader to reader.
They are read for each view: one indexed query, cheaper than a cached copy
that every reaction would make stale.
"""

from conversation.models import PageReaction
from people.services import default_display_name


def reactions(page) -> list[tuple[int, str, str]]:
    """Each reaction to `page`: who (their id and name) and which kind."""
    return [
        (reaction.user_id, reaction.kind, default_display_name(reaction.user))
        for reaction in PageReaction.objects.filter(page=page).select_related("user")
    ]
