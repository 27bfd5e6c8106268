from django.utils.functional import SimpleLazyObject

from notifications.services import unread_count


def notifications(request):
    """The bell's unread count: one query, and only on pages that show the bell."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": SimpleLazyObject(lambda: unread_count(user))}
