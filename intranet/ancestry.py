"""A page's place in the tree, read once per page object.

Serving a page asks about the pages above it several times: Wagtail checks
their view restrictions, the breadcrumb shows them, and a guide asks whether it
sits in a community. One query reads them all, and routing (`intranet.routing`)
hands them over for free, since it reads the same rows to find the page. Their
view restrictions take one more query, on every request.
"""

from django.db import models

from wagtail.models import Page, PageViewRestriction

# Where routing leaves the rows, and where a page keeps them once read.
ROWS = "_tree_rows"


def tree_rows(paths) -> list[Page]:
    """The pages at these tree paths, top first."""
    return list(Page.objects.filter(paths).order_by("path"))


def path_and_above(path: str) -> list[str]:
    """Tree paths from the root down to `path`, inclusive."""
    return [path[:end] for end in range(Page.steplen, len(path) + 1, Page.steplen)]


class Ancestry(models.Model):
    """Gives a page its ancestors from one read, and their view restrictions from one more.

    Put it before `Page` in the bases. The rows are kept with the page when
    routing keeps it (`intranet.routing`), until a page is published, unpublished
    or moved; the view restrictions are read afresh for every page object.
    """

    class Meta:
        abstract = True

    def _rows(self) -> list[Page]:
        if ROWS not in self.__dict__:
            self.__dict__[ROWS] = tree_rows(models.Q(path__in=path_and_above(self.path)))
        return self.__dict__[ROWS]

    def ancestry(self) -> list[Page]:
        """The pages above this one, Wagtail's root first, as plain `Page` objects."""
        return [row for row in self._rows() if row.path != self.path]

    def get_view_restrictions(self):
        if "_view_restrictions" not in self.__dict__:
            self.__dict__["_view_restrictions"] = self._view_restrictions()
        return self.__dict__["_view_restrictions"]

    def _view_restrictions(self):
        # Asked of the database each time, in one query (two more for each
        # alias followed): the rows may come from the cache (`intranet.routing`),
        # and who may read a page is never taken from a cache.
        return PageViewRestriction.objects.filter(page_id__in=restricting_pages(self._rows()))


def restricting_pages(rows: list[Page]) -> set[int]:
    """The ids of the pages whose view restrictions apply to the last of `rows`, a page
    after the pages above it.

    An alias shows its source page's content, so it takes the restrictions of
    the source and of every page above the source, besides those of the pages
    above the alias. Its own restrictions (Wagtail copies the source's onto an
    alias it makes) count for nothing, as in Wagtail: set them on the source.
    Wagtail's own lookup takes the source page's alone, which would serve
    anyone an alias of a page inside a private community.
    """
    ids: set[int] = set()
    followed: set[int] = set()
    while True:
        ids |= {row.pk for row in rows if not row.alias_of_id}
        sources = {row.alias_of_id for row in rows if row.alias_of_id} - followed
        if not sources:
            return ids
        followed |= sources
        paths = Page.objects.filter(pk__in=sources).values_list("path", flat=True)
        rows = tree_rows(
            models.Q(path__in=[above for path in paths for above in path_and_above(path)])
        )
