"""A page's place in the tree, read once per page object.

Serving a page asks about the pages above it several times: Wagtail checks
their view restrictions, the breadcrumb shows them, and a guide asks whether it
sits in a community. One query reads them all, with whether each has view
restrictions of its own, and the page object keeps them
(`functools.cached_property`); the restrictions themselves take one more
query, only when there are some.
"""

from functools import cached_property

from django.db import models
from django.db.models.expressions import RawSQL

from wagtail.models import Page, PageViewRestriction

# Whether a page has view restrictions of its own. Written out rather than as
# `Exists(...)`: Django builds a subquery expression anew for each query, which
# took a third of the time of this one, read for every page served. No input
# reaches it: it is the same text each time.
HAS_RESTRICTIONS = RawSQL(
    "EXISTS (SELECT 1 FROM wagtailcore_pageviewrestriction AS restriction "
    "WHERE restriction.page_id = wagtailcore_page.id)",
    (),
    output_field=models.BooleanField(),
)


def tree_rows(paths) -> list[Page]:
    """The pages at these tree paths, top first, each with `has_restrictions`."""
    return list(
        Page.objects.filter(paths).annotate(has_restrictions=HAS_RESTRICTIONS).order_by("path")
    )


def path_and_above(path: str) -> list[str]:
    """Tree paths from the root down to `path`, inclusive."""
    return [path[:end] for end in range(Page.steplen, len(path) + 1, Page.steplen)]


def url_paths_and_above(url_path: str) -> list[str]:
    """The `url_path`s of the pages from the root down to the one at `url_path`, inclusive:
    each begins the next ("/", "/home/", "/home/finance/")."""
    slugs = url_path.strip("/").split("/")
    return ["/", *("/" + "/".join(slugs[:end]) + "/" for end in range(1, len(slugs) + 1))]


class Ancestry(models.Model):
    """Gives a page its ancestors from one read, and their view restrictions from one more
    when they have any.

    Put it before `Page` in the bases. Both are read once for each page object,
    which lives for one request.
    """

    class Meta:
        abstract = True

    @cached_property
    def ancestors_and_self(self) -> list[Page]:
        """This page and the pages above it, Wagtail's root first, as plain `Page` objects."""
        return tree_rows(models.Q(path__in=path_and_above(self.path)))

    def knows_its_ancestry(self, rows: list[Page]) -> None:
        """Keeps `rows` (`tree_rows`), read by the caller, as `ancestors_and_self` if they
        are this page and every page above it: the page then reads none of them again."""
        if [row.path for row in rows] == path_and_above(self.path):
            self.ancestors_and_self = rows

    def ancestry(self) -> list[Page]:
        """The pages above this one, Wagtail's root first, as plain `Page` objects."""
        return [row for row in self.ancestors_and_self if row.path != self.path]

    @cached_property
    def restrictions_that_apply(self):
        """Wagtail's `get_view_restrictions`, with the alias rule of `restricting_pages`."""
        pages = restricting_pages(self.ancestors_and_self)
        if not pages:
            return PageViewRestriction.objects.none()
        return PageViewRestriction.objects.filter(page_id__in=pages)

    def get_view_restrictions(self):
        return self.restrictions_that_apply


def restricting_pages(rows: list[Page]) -> set[int]:
    """The ids of the pages whose view restrictions apply to the last of `rows`, a page
    after the pages above it (`tree_rows`), among those that have any.

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
        ids |= {row.pk for row in rows if row.has_restrictions and not row.alias_of_id}
        sources = {row.alias_of_id for row in rows if row.alias_of_id} - followed
        if not sources:
            return ids
        followed |= sources
        paths = Page.objects.filter(pk__in=sources).values_list("path", flat=True)
        rows = tree_rows(
            models.Q(path__in=[above for path in paths for above in path_and_above(path)])
        )
