"""Which Wagtail site answers a request, read from the cache instead of asked of the database.

Wagtail finds the site with a query on every request that routes a page or
builds a page's address. The answer only changes when a site is edited, so
`CachedSiteMiddleware` hands Wagtail the cached one, and a change to any site
makes every cached answer stale (`intranet.caching`). The sites' root paths,
which Wagtail builds every page's address from and reads from the cache once
a request, are kept with it: the same read answers both.
"""

from typing import NamedTuple

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http.request import split_domain_port

from wagtail.models import Locale, Site
from wagtail.models.sites import SiteRootPath
from wagtail.signals import page_slug_changed, post_page_move

from intranet.ancestry import Ancestry
from intranet.caching import PAGES, bump, cached_block
from intranet.routing import with_relations

SITES_TOPIC = "sites"
LIFE = 24 * 60 * 60


class FoundSite(NamedTuple):
    site: Site | None
    # `Site.get_site_root_paths()`: each site's root page's path, address and language.
    root_paths: list[SiteRootPath]


def find_site(request) -> FoundSite:
    """What `Site.find_for_request` answers, and the sites' root paths, from the cache while no
    site has changed."""
    # The raw host, as Wagtail reads it; the middleware runs after Django's
    # CommonMiddleware, which has refused any host not in ALLOWED_HOSTS.
    hostname = split_domain_port(request._get_raw_host())[0]
    port = request.get_port()
    return cached_block(
        f"site:{hostname}:{port}",
        # PAGES: the root page is kept with the site, as it was last published.
        (SITES_TOPIC, PAGES),
        lambda: FoundSite(_with_specific_root(Site._find_for_request(request)), _root_paths()),
        LIFE,
    )


def _root_paths() -> list[SiteRootPath]:
    # Read from the database: Wagtail's own copy in the cache may have been
    # refilled, by a request in between, while the change that made this one
    # rebuild them was not yet committed.
    Site.clear_site_root_paths_cache()
    return Site.get_site_root_paths()


def _with_specific_root(site: Site | None) -> Site | None:
    # Through Wagtail's own lookup: the same rules for ports and the default
    # site. Routing starts from the root page in its own type, which Wagtail
    # would otherwise read on every request; served as the home page, it shows
    # its relations and its place in the tree (for its view restrictions).
    if site is not None:
        site.root_page = with_relations(site.root_page.specific)
        if isinstance(site.root_page, Ancestry):
            site.root_page.ancestry()
    return site


def site_key(request) -> str:
    """What tells apart the sites a request can reach, for blocks that hold page addresses.

    With more than one site, Wagtail writes the address of a page on another
    site in full, so a block of links is kept per site (and under SITES_TOPIC).
    """
    site = Site.find_for_request(request)
    return str(site.pk if site else None)


class CachedSiteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # A visitor who has not signed in is shown the login page and nothing
        # else, which needs no site; a load balancer's /healthz/ stays free of
        # the cache.
        if request.user.is_authenticated:
            found = find_site(request)
            # Wagtail keeps what it found on the request under these names, and
            # asks the database (the site) or the cache (the root paths) only
            # when they are missing.
            request._wagtail_site = found.site
            request._wagtail_cached_site_root_paths = found.root_paths
        return self.get_response(request)


@receiver(post_save, sender=Site, dispatch_uid="intranet.site_saved")
@receiver(post_delete, sender=Site, dispatch_uid="intranet.site_deleted")
# The cached site carries its root page's place in the tree, which a move
# changes; moves are rare enough to forget every cached site.
@receiver(post_page_move, dispatch_uid="intranet.site_page_moved")
# A new slug changes the page's path and its descendants': a site root's
# changes every address on the site, published or not.
@receiver(page_slug_changed, dispatch_uid="intranet.site_page_slug_changed")
# The content languages, which the admin's kept configuration lists
# (`intranet.admin_frame`): rare enough to share the sites' topic, which every
# signed-in request reads already, rather than ask the cache for one more.
@receiver(post_save, sender=Locale, dispatch_uid="intranet.locale_saved")
@receiver(post_delete, sender=Locale, dispatch_uid="intranet.locale_deleted")
def site_changed(sender, instance, **kwargs):
    bump(SITES_TOPIC)
