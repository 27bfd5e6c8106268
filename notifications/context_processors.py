from django.utils.functional import SimpleLazyObject

from notifications.services import header_facts


def notifications(request):
    """The header's per-person facts, the bell's unread count and the person's photo:
    one query, and only on pages that show the header."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    facts = SimpleLazyObject(lambda: header_facts(user))
    return {
        "unread_notifications": SimpleLazyObject(lambda: facts.unread),
        "header_photo": SimpleLazyObject(lambda: facts.photo_url),
    }
