"""A person's name, linked to their page, with their avatar.

The tags read `user.profile` and nothing else, so they cost no query when the
caller has loaded the profile with `select_related("…user__profile")`. They
build their few tags in Python rather than through a template: lists of
people and long conversations call them once per name, and rendering a
template each time was most of those pages' cost.
"""

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def avatar(user, profile, size: str = "small"):
    """The profile's photo, or the person's initial when there is none."""
    if profile is not None and profile.photo:
        return format_html(
            '<img class="avatar avatar--{}" src="{}" alt="" loading="lazy">',
            size,
            profile.photo.url,
        )
    if profile is not None:
        initial = profile.initial
    else:
        initial = (user.get_short_name() or user.get_username())[:1].upper()
    return format_html(
        '<span class="avatar avatar--{}" aria-hidden="true">{}</span>', size, initial
    )


# A simple tag rather than an inclusion tag, so that `{% person_link author as name %}`
# can put the link inside a translated sentence.
@register.simple_tag
def person_link(user):
    """`user` may be None (an author who has been deleted): the text says so, unlinked."""
    if user is None:
        return format_html('<span class="person-link">{}</span>', _("a former colleague"))
    # getattr: an account made outside the app (a raw fixture) may lack a profile.
    profile = getattr(user, "profile", None)
    name = profile.display_name if profile else (user.get_full_name() or user.get_username())
    return format_html(
        '<a class="person-link" href="{}">{}<span class="person-link__name">{}</span></a>',
        reverse("people:person", args=[user.get_username()]),
        avatar(user, profile),
        name,
    )
