"""Small numbers are hidden: a count under the threshold could point at a person.

Every figure a person sees, on screen or in an export, goes through `masked`
(the `masked` template filter calls it), so the rule is applied in one place.
"""

from django.utils.translation import gettext_lazy as _

THRESHOLD = 5


def is_small(count: int | None) -> bool:
    return count is not None and count < THRESHOLD


def masked(count: int | None):
    """The count, or "< 5" when it is below the threshold; None stays None."""
    if is_small(count):
        return str(_("< %(threshold)d") % {"threshold": THRESHOLD})
    return count


def share(part: int, whole: int) -> float | None:
    """`part` as a share of `whole`, only when `whole` is large enough to hide who is in it."""
    if whole < THRESHOLD:
        return None
    return part / whole
