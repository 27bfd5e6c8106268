"""Page numbers asked for in an address, as a cache key can hold them."""


def page_number(requested: str | None) -> int:
    """`requested`, reduced to as few values as `Paginator.get_page` tells apart.

    Not a number: the first page. Below one: 0, which get_page takes for the
    last page, as it does any number below one. Beyond 10,000: the last page
    too, for any list shown here. Cached pages are keyed by it, so a visitor
    cannot fill the cache with a page per number.
    """
    try:
        number = int(requested)
    except (TypeError, ValueError):
        return 1
    return min(max(number, 0), 10_000)
