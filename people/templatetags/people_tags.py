"""A person's name, linked to their page, with a small avatar.

The tag reads `user.profile` and nothing else, so it costs no query when the
caller has loaded the profile with `select_related("…user__profile")`.
"""

from django import template
from django.template.loader import render_to_string

register = template.Library()


# A simple tag rather than an inclusion tag, so that `{% person_link author as name %}`
# can put the link inside a translated sentence.
@register.simple_tag
def person_link(user):
    """`user` may be None (an author who has been deleted): the text says so, unlinked."""
    # getattr: an account made outside the app (a raw fixture) may lack a profile.
    profile = getattr(user, "profile", None) if user is not None else None
    return render_to_string(
        "people/includes/person_link.html", {"user": user, "profile": profile, "size": "small"}
    )
