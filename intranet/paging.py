"""Page numbers asked for in an address, and the page of a list they name."""

from django.core.paginator import Page, Paginator


def page_number(requested: str | None) -> int:
    """`requested` as a number `Paginator.get_page` reads the same way.

    Not a number: the first page. Below one: 0, which get_page takes for the
    last page, as it does any number below one. Above 10,000, which no list
    here reaches: 10,000, so a cache key stays short.
    """
    try:
        number = int(requested)
    except (TypeError, ValueError):
        return 1
    return min(max(number, 0), 10_000)


def paginate(items, number, per_page: int) -> Page:
    # get_page() turns a missing, malformed or out-of-range number into a
    # sensible page instead of an error.
    return Paginator(items, per_page).get_page(number)
