"""A page of search results and the community filter, as the search template caches them.

Popular searches repeat, and the engine queries and the building of each
result (ranking, snippets, addresses, trails, comment counts) cost far more
than the rest of the page. The template caches the rendered results
(`search/search.html`) under `SearchResults.key`, with the language and time
zone. The key holds what a page of results depends on: the words, the
filters, the page number, the places the reader may not see
(`intranet.view_restrictions`), the site its addresses are written for and the
stamps of the data shown. The places a reader may not see are read on every
request: two readers with different restrictions never share results, and a
restriction added, removed or given other groups sends each reader it
concerns to the results of their new key. This per-reader key is the part with
no Wagtail equivalent.

The count line, the pagination and the feedback form stay outside the cached
fragment: the first two repeat what this reader typed and the form carries
their own CSRF token. They and the query log read the page's `Summary`, which
is cached beside the fragment under the same key.
"""

import hashlib
from dataclasses import dataclass
from functools import cached_property

from django.core.cache import cache

from wagtail.models import Site
from wagtail.search.utils import normalise_query_string

from communities.queries import CommunityValues
from intranet.caching import stamp
from intranet.paging import page_number
from intranet.view_restrictions import NotPassed
from search import forms, services
from search.query import CleanQuery

# What results are built from, marked changed by the apps that own it: pages
# published, unpublished, moved or restricted (`intranet.signals`), comments
# already shown that changed (`conversation.signals`), people
# (`people.signals`), documents (`intranet.signals`, and `search.signals` when
# their collections move) and the editors' settings (`search.signals`).
STAMPS = ("pages", "comment-changes", "profiles", "documents", "search-settings")
# How long results are cached: a new comment, which only adds a discussion to
# them or a comment to its count, is seen in them within this time. Keyed on
# "comments", which people posting anywhere change every moment, popular
# searches were built again for nearly every reader.
LIFETIME = 60
# The community filter finds people by their memberships (`communities.signals`).
COMMUNITY_STAMPS = (*STAMPS, "memberships")


@dataclass(frozen=True)
class Summary:
    """What the page around the cached results shows of them, and the query log counts."""

    number: int
    num_pages: int
    count: int
    promoted: bool
    # True when nothing was found, or only in the body of pages.
    asks_for_feedback: bool

    @property
    def found(self) -> bool:
        """Anything found or pinned, for the query log."""
        return bool(self.count or self.promoted)

    @property
    def previous_number(self) -> int | None:
        return self.number - 1 if self.number > 1 else None

    @property
    def next_number(self) -> int | None:
        return self.number + 1 if self.number < self.num_pages else None


class SearchResults:
    """The page of results a request asks for: searched only when the cache has no copy."""

    def __init__(
        self, request, clean: CleanQuery, filters: services.Filters, restricted: NotPassed
    ):
        self.request = request
        self.clean = clean
        self.filters = filters
        self.restricted = restricted
        self.requested = page_number(request.GET.get("page"))
        # How long the template caches the results: not at all, unless the summary
        # was cached or may be.
        self.lifetime = 0

    @cached_property
    def key(self) -> str:
        """What tells apart the results of two searches, hashed to suit any cache."""
        site = Site.find_for_request(self.request)
        names = COMMUNITY_STAMPS if self.filters.community else STAMPS
        parts = (
            self.clean.normalised,
            # Promotions are looked up by Wagtail's own normalisation too, which keeps
            # the punctuation ours drops ("c++").
            normalise_query_string(self.clean.text),
            sorted(set(self.filters.kinds or services.Kind.values)),
            self.filters.community.pk if self.filters.community else None,
            self.filters.sort,
            self.requested,
            self.restricted.pages,
            self.restricted.collections,
            services.hidden_collections(self.restricted.collections),
            site.pk if site else None,
            [stamp(name) for name in names],
        )
        return f"search-results:{hashlib.sha256(repr(parts).encode()).hexdigest()}"

    @cached_property
    def outcome(self) -> services.Outcome:
        return services.search(
            self.clean, self.request, self.filters, self.restricted, self.requested
        )

    @cached_property
    def summary(self) -> Summary:
        """The summary cached with the results, or the search's own."""
        summary = cache.get(self.key)
        if summary is not None:
            self.lifetime = LIFETIME
            return summary
        outcome = self.outcome
        return Summary(
            number=outcome.page.number,
            num_pages=outcome.page.paginator.num_pages,
            count=outcome.count,
            promoted=bool(outcome.promoted),
            asks_for_feedback=outcome.asks_for_feedback,
        )

    def cache_if_searched_earlier(self, searched_earlier: bool | None = None) -> None:
        """Cache the summary, and let the template cache the results, if the words were
        searched earlier today (`None`: not known yet, so asked).

        Only the page number asked for is cached, and only for words searched
        earlier today: a number past the last page shows the last, and a
        search made once gains nothing from the cache, which anyone could
        otherwise fill with words nobody searches again.
        """
        if self.lifetime or self.summary.number != self.requested:
            return
        if searched_earlier is None:
            searched_earlier = services.searched_today(self.clean)
        if searched_earlier:
            cache.set(self.key, self.summary, LIFETIME)
            self.lifetime = LIFETIME

    @property
    def number(self) -> int:
        """The number of the page shown: the nearest one, for a number out of range."""
        return self.summary.number


class CommunityPicker:
    """The community filter's drop-down, cached by the template for every reader who may not
    see the same places, for each choice and language: it lists hundreds of communities."""

    def __init__(self, restricted: NotPassed, chosen: CommunityValues | None):
        self.restricted_pages = restricted.pages
        self.chosen = chosen

    @cached_property
    def html(self) -> str:
        choices = services.community_choices(self.restricted_pages)
        return forms.community_picker(choices, self.chosen)
