"""The trail of pages above a page, shown at the top of communities and guides."""

from wagtail.models import Page

from intranet.ancestry import Ancestry

# The home page sits at depth 2, under Wagtail's root; the trail starts below it
# (the template links "Home" itself).
HOME_DEPTH = 2


def breadcrumb(page: Ancestry) -> list[Page]:
    """The live pages between the home page and `page`, top first.

    So a community shows its parent communities, and a community's guide is
    found under its community. They come from the rows the page read once for
    its view restrictions too (`intranet.ancestry`).
    """
    return [row for row in page.ancestry() if row.live and row.depth > HOME_DEPTH]


def trails(paths) -> dict[str, list[Page]]:
    """For each tree path, the live pages from below the home page down to it, inclusive.

    One query for any number of paths, for lists that show where each item
    sits (search results): pass a page's parent path for its breadcrumb.
    """
    paths = set(paths)
    step = Page.steplen
    prefixes = {
        path[:end] for path in paths for end in range(step * (HOME_DEPTH + 1), len(path) + 1, step)
    }
    pages = Page.objects.live().filter(path__in=prefixes).only("title", "url_path", "path")
    found = {page.path: page for page in pages} if prefixes else {}
    return {
        path: [
            found[path[:end]]
            for end in range(step * (HOME_DEPTH + 1), len(path) + 1, step)
            if path[:end] in found
        ]
        for path in paths
    }
