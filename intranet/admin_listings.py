"""Admin listings of records that are made elsewhere, for every app's `wagtail_hooks`."""

from wagtail_modeladmin.helpers import PermissionHelper


class ReadOnlyPermissionHelper(PermissionHelper):
    """Listing only, for records made elsewhere: a team is edited on its community page,
    where saving syncs rights; a completion or acknowledgement is made on the guide."""

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False
