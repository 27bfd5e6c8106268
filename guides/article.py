"""A guide's heading and body as every reader sees them, rendered once and kept.

A guide is read far more often than it is published, and its text is the
same for every reader: the title, the summary, the reading time, its
audiences, when it was updated and the body's blocks (rich text, steps,
pictures and their renditions, documents, videos). Rendered on every visit,
they were the largest part of a guide's own time. What is each reader's own
(whether they must acknowledge it, whether they completed it) stays in the
page's template.

Kept for each guide, language, time zone and site until a page is published,
unpublished or moved (`intranet.caching.PAGES`), and held in each server's
memory. A preview shows the draft being edited, never the kept guide.
"""

from typing import NamedTuple

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from intranet.caching import PAGES, cached_block

# Bounds what no publication announces: a picture or a document replaced
# under the same name, a video's embed refreshed.
LIFETIME = 10 * 60


class Article(NamedTuple):
    heading: SafeString
    body: SafeString


def article(request, guide) -> Article:
    """`guide`'s heading and body, for `request`'s site (and, as every block, its language
    and time zone); a preview renders the draft."""
    site = getattr(request, "_wagtail_site", None)
    return cached_block(
        f"guide-article:{guide.pk}:{getattr(site, 'pk', '')}",
        (PAGES,),
        lambda: _render(request, guide),
        LIFETIME,
        in_process=True,
    )


def _render(request, guide) -> Article:
    # Without the context processors, so no block can show the first reader's
    # name or token to every other; the request is there for page addresses.
    context = {"page": guide, "request": request}
    return Article(
        heading=render_to_string("guides/includes/guide_heading.html", context),
        body=render_to_string("guides/includes/guide_body.html", context),
    )
