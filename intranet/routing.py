"""Finding the page an address names in two queries however deep it sits, and then in none."""

from django.db.models import Q, prefetch_related_objects
from django.http import Http404

from wagtail.models import Page
from wagtail.url_routing import RouteResult

from intranet.ancestry import ROWS, path_and_above, tree_rows
from intranet.caching import PAGES, cached_block, digest

# Publishing, unpublishing or moving a page bumps PAGES at once;
# this only bounds what a missed signal could leave behind.
ROUTE_LIFETIME = 60 * 60


def with_relations(page: Page) -> Page:
    """`page` with the relations its type always shows (`routed_with`) read, to keep with it."""
    prefetch_related_objects([page], *getattr(page, "routed_with", ()))
    return page


class RoutesInOneRead:
    """For the site's root page: reads every page along the address at once.

    Wagtail's routing asks for each level's child, then for its specific type:
    two queries a level, so a discussion four communities deep cost ten. Here
    one query reads the pages the address names, level by level, with the ones
    above the site's root, and a second reads the page found in its own type.
    The rows stay on the page (`intranet.ancestry`) for its breadcrumb and its
    view restrictions.

    The page found is kept in the cache under its address, with its rows, until
    a page is published, unpublished or moved (`intranet.caching.PAGES`):
    addresses are read far more often than pages change, and a kept page costs
    a cache read where finding it cost three queries. Every request still gets
    its own copy, so nothing one request sets on it reaches another. Who may
    read it is not kept: its view restrictions are read on every request
    (`intranet.ancestry`).

    A page type can name relations to read with it, and keep with it, in
    `routed_with`: they change only when the page is published.

    Put it before `Page` in the bases of the root's page type.
    """

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        found = cached_block(
            f"route:{self.pk}:{digest(path_components)}",
            (PAGES,),
            lambda: self._walk(path_components),
            ROUTE_LIFETIME,
            # Not kept: a page that routes the rest of the address itself, which
            # takes any address below it (anyone could fill the cache with
            # them), nor an address that names nothing (it raises Http404).
            keep=lambda found: isinstance(found, Page),
        )
        if isinstance(found, Page):
            return RouteResult(found)
        # A page type that routes what lies below it in its own way, with the request.
        page, rest = found
        return page.specific.route(request, rest)

    def _walk(self, path_components):
        """The live page the address names, in its own type, or a page that routes the rest
        of the address itself, with that rest."""
        # One condition however long the address: slugs are indexed, and the
        # walk below keeps only the row each level names under the one above.
        named = Q(path__in=path_and_above(self.path)) | Q(
            path__startswith=self.path,
            depth__gt=self.depth,
            depth__lte=self.depth + len(path_components),
            slug__in=set(path_components),
        )
        rows = tree_rows(named)

        trail = [row for row in rows if row.depth <= self.depth]
        parent = self
        for level, slug in enumerate(path_components, start=1):
            page = next(
                (
                    row
                    for row in rows
                    if row.depth == parent.depth + 1
                    and row.slug == slug
                    and row.path.startswith(parent.path)
                ),
                None,
            )
            if page is None:
                raise Http404
            trail.append(page)
            # As in Wagtail's routing, the parent comes in its own type; deferred,
            # so it costs no query until one of its own fields is read.
            page._cached_parent_obj = parent if parent is self else parent.specific_deferred
            page.__dict__[ROWS] = list(trail)
            model = page.specific_class
            if model is not None and model.route is not Page.route:
                return page, path_components[level:]
            parent = page
        if not page.live:
            raise Http404
        return with_relations(page.specific)
