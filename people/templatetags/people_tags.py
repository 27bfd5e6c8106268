"""A person's name, linked to their page, with a small avatar.

The tag reads `user.profile` and nothing else, so it costs no query when the
caller has loaded the profile with `select_related("…user__profile")`.
"""

from django import template

register = template.Library()


@register.inclusion_tag("people/includes/person_link.html")
def person_link(user, size="small"):
    """`user` may be None (an author who has been deleted): the text says so, unlinked."""
    # getattr: an account made outside the app (a raw fixture) may lack a profile.
    profile = getattr(user, "profile", None) if user is not None else None
    return {"user": user, "profile": profile, "size": size}
