from django import template

from insights import privacy

register = template.Library()


@register.filter
def masked(count):
    """{{ figure|masked }}: the count, or "< 5" when it is too small to show."""
    return privacy.masked(count)


@register.filter
def percent(value):
    """A share as a whole percentage; "–" when it is hidden or unknown."""
    if value is None:
        return "–"
    return f"{round(value * 100)}%"
