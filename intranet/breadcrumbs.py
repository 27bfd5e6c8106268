"""The trail of pages above a page, shown at the top of communities and guides."""

from django.db.models import QuerySet

from wagtail.models import Page

# The home page sits at depth 2, under Wagtail's root; the trail starts below it
# (the template links "Home" itself).
HOME_DEPTH = 2


def breadcrumb(page: Page) -> QuerySet:
    """The live pages between the home page and `page`, top first, in one query.

    So a community shows its parent communities, and a community's guide is
    found under its community.
    """
    return (
        Page.objects.ancestor_of(page)
        .live()
        .filter(depth__gt=HOME_DEPTH)
        .only("title", "url_path", "path")
        .order_by("path")
    )
