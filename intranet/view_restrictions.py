"""Which view restrictions a reader passes, as a query.

For lists that must leave out what the reader may not open (search results and
suggestions), without asking Wagtail about each restriction in turn.
"""

from django.db.models import Q, QuerySet


def not_passed(model, request) -> QuerySet:
    """The restrictions of `model` (page or collection view restrictions) that `request` does
    not pass, judged as Wagtail's `accept_request` judges one: a password once given in
    this session, a login when signed in, a group when in one of its groups or a superuser."""
    user = request.user
    given = request.session.get(model.passed_view_restrictions_session_key, [])
    passed = Q(restriction_type=model.PASSWORD, pk__in=given)
    if user.is_authenticated:
        passed |= Q(restriction_type=model.LOGIN)
        in_groups = Q(restriction_type=model.GROUPS)
        passed |= in_groups if user.is_superuser else in_groups & Q(groups__user=user)
    return model.objects.exclude(pk__in=model.objects.filter(passed).values("pk"))
