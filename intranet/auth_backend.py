"""Django's model backend, reading a person's permissions in one query rather than two.

Every admin page asks whether the person may open the admin, and the admin's
menu is kept under everything they may do (`intranet.admin_sidebar`): both
read all their permissions, which Django reads as two queries, their own and
their groups'. On PostgreSQL each query is a round trip; one union answers
both. What a person may do is still read from the database on every request.
"""

from django.contrib.auth import backends
from django.contrib.auth.models import Permission


class ModelBackend(backends.ModelBackend):
    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            if user_obj.is_superuser:
                rows = self._names(Permission.objects.all())
            else:
                rows = self._names(self._get_user_permissions(user_obj)).union(
                    self._names(self._get_group_permissions(user_obj))
                )
            user_obj._perm_cache = {f"{app_label}.{codename}" for app_label, codename in rows}
        return user_obj._perm_cache

    @staticmethod
    def _names(permissions):
        # Unordered: a union takes no ordering in its parts.
        return permissions.values_list("content_type__app_label", "codename").order_by()
