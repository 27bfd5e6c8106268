"""The rules of the home page: the first-run tour."""

from django.db import IntegrityError, transaction

from home.models import TourDismissal


def tour_is_due(user) -> bool:
    return not TourDismissal.objects.filter(user=user).exists()


def dismiss_tour(user) -> bool:
    """Remember that `user` closed the tour; return whether this call recorded it."""
    if TourDismissal.objects.filter(user=user).exists():
        return False
    try:
        with transaction.atomic():
            TourDismissal.objects.create(user=user)
    except IntegrityError:
        # Closed in two tabs at once: it is recorded either way.
        return False
    return True
