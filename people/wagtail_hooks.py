"""The people app in Wagtail's admin: its people chooser (`people.chooser`)."""

from wagtail import hooks

from people.chooser import people_chooser_viewset


@hooks.register("register_admin_viewset")
def register_people_chooser():
    return people_chooser_viewset
