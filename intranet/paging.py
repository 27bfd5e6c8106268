"""Page numbers asked for in an address, and pages of a list kept under them."""

from collections.abc import Callable
from typing import Any

from intranet.caching import cached_block


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


def cached_page(
    name: str,
    requested: str | None,
    topics: tuple[str, ...],
    build: Callable[[int], tuple[int, Any]],
    timeout: int,
    worth_keeping: Callable[[], bool] | None = None,
    in_process: bool = False,
) -> Any:
    """The page `requested` of a list, as `build(number)` renders it, kept under its number.

    `build` returns the number of the page it shows (the nearest one, for a
    number out of range) with the page. A page is kept only under the number
    it shows: a number past the last page would otherwise keep one more copy
    of the last, and anyone could fill the cache with them. `worth_keeping`,
    asked only once a page is built, can turn down keeping it. `in_process` is
    `cached_block`'s.
    """
    number = page_number(requested)
    return cached_block(
        f"{name}:page-{number}",
        topics,
        lambda: build(number),
        timeout,
        keep=lambda built: built[0] == number and (worth_keeping is None or worth_keeping()),
        in_process=in_process,
    )[1]
