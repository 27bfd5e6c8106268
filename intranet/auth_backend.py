"""Django's model backend, reading a person's permissions in one query rather than two.

Every admin page asks whether the person may open the admin, and the admin's
menu is kept under everything they may do (`intranet.admin_sidebar`): both
read all their permissions, which Django reads as two queries, their own and
their groups'. On PostgreSQL each query is a round trip; one union answers
both, compiled once a process. What a person may do is still read from the
database on every request.
"""

from django.contrib.auth import backends
from django.contrib.auth.models import Permission

from intranet.compiled_query import CompiledQuery


def _names(permissions):
    # Unordered: a union takes no ordering in its parts.
    return permissions.values_list("content_type__app_label", "codename").order_by()


_OWN_AND_GROUPS = CompiledQuery(
    lambda user_id: _names(Permission.objects.filter(user=user_id)).union(
        _names(Permission.objects.filter(group__user=user_id))
    )
)


class ModelBackend(backends.ModelBackend):
    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            if user_obj.is_superuser:
                rows = _names(Permission.objects.all())
            else:
                rows = _OWN_AND_GROUPS.rows(user_obj.pk)
            user_obj._perm_cache = {f"{app_label}.{codename}" for app_label, codename in rows}
        return user_obj._perm_cache
