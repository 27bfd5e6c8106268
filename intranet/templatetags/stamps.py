"""The stamps of one object's data, to key a fragment on.

`{{ page|stamp_of:"conversation" }}`: the object's app marks it changed as
`"<name>:<pk>"` (`intranet.caching.mark_changed`).

`{{ page|stamp_below:"comments" }}`: the data `name` at the page or anywhere
under it, marked with `intranet.caching.at_and_above`.
"""

from django import template

from intranet.caching import below, stamp

register = template.Library()


@register.filter
def stamp_of(obj, name: str) -> str:
    return stamp(f"{name}:{obj.pk}")


@register.filter
def stamp_below(page, name: str) -> str:
    return stamp(below(name, page.path))
