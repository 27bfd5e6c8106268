"""`{{ page|stamp_of:"conversation" }}`: the stamp of one object's data, to key a fragment on.

The object's app marks it changed as `"<name>:<pk>"` (`intranet.caching.mark_changed`).
"""

from django import template

from intranet.caching import stamp

register = template.Library()


@register.filter
def stamp_of(obj, name: str) -> str:
    return stamp(f"{name}:{obj.pk}")
