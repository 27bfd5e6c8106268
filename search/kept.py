"""A page of search results, rendered once for every reader who sees the same things, and kept.

Popular searches repeat, and the engine queries and the building of each
result (ranking, snippets, addresses, trails, comment counts) cost far more
than the rest of the page. What a page of results shows depends on the words,
the filters, the page number, the places the reader is kept out of
(`intranet.view_restrictions`), the site its addresses are written for and the
language its dates are written in: the key holds all of them, hashed to stay
short (a reader may be kept out of hundreds of places). The count line, the
pagination and the feedback form stay out of what is kept: the first two
repeat what this reader typed and the form carries their own CSRF token."""

from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import Q
from django.template.loader import get_template
from django.utils.safestring import SafeString

from wagtail.models import Collection
from wagtail.search.utils import normalise_query_string

from communities.queries import CommunityValues
from intranet.caching import PAGES, PROFILES, cached_block, digest
from intranet.paging import cached_page
from intranet.site_lookup import SITES_TOPIC, site_key
from intranet.view_restrictions import NotPassed
from search import forms, services
from search.query import CleanQuery

# Bumped by `search.signals`: a document added, changed or deleted, or a
# collection changed (which documents it hides).
DOCUMENTS = "documents"
# Bumped by `search.signals`: what the editors set (promotions, exclusions, synonyms).
SETTINGS = "search-settings"
# What results are built from: pages published, unpublished or moved and
# comments (the counts shown) are bumped in `home.signals`, people in
# `people.signals`, sites in `intranet.site_lookup`. A view restriction needs
# no topic of its own: the places a reader is kept out of are read for each
# request and are part of the key, so a restriction added, removed or given
# other groups sends each reader it concerns to the results of their new key.
TOPICS = (PAGES, "discussions", PROFILES, SITES_TOPIC, DOCUMENTS, SETTINGS)
# The community filter finds people by their memberships.
COMMUNITY_TOPICS = (*TOPICS, "memberships")
# Seconds kept even if no signal says the results changed, as the threads are:
# this only bounds what a missed signal would leave.
LIFETIME = 10 * 60


@dataclass(frozen=True)
class Shown:
    """A page of results as every reader with the same key is shown it."""

    number: int
    num_pages: int
    count: int
    promoted_html: SafeString
    results_html: SafeString
    # True when nothing was found, or only in the body of pages.
    asks_for_feedback: bool

    @property
    def found(self) -> bool:
        """Anything found or pinned, for the query log."""
        return bool(self.count or self.promoted_html)

    @property
    def previous_number(self) -> int | None:
        return self.number - 1 if self.number > 1 else None

    @property
    def next_number(self) -> int | None:
        return self.number + 1 if self.number < self.num_pages else None


def hidden_collections(kept_out: NotPassed) -> tuple[int, ...]:
    """The collections at or below the ones the reader is kept out of, by id.

    Read on each search by a reader kept out of some: a collection moved under
    a restricted one sends no signal, and its documents must leave that
    reader's results at once.
    """
    if not kept_out.collections:
        return ()
    below = reduce(or_, (Q(path__startswith=path) for path in kept_out.collections))
    return tuple(Collection.objects.filter(below).order_by("pk").values_list("pk", flat=True))


def key(request, clean: CleanQuery, filters: services.Filters, kept_out: NotPassed) -> str:
    """What tells apart the results of two searches, short enough for any cache."""
    parts = (
        clean.normalised,
        # Promotions are looked up by Wagtail's own normalisation too, which keeps
        # the punctuation ours drops ("c++").
        normalise_query_string(clean.text),
        sorted(set(filters.kinds or services.Kind.values)),
        filters.community.pk if filters.community else None,
        filters.sort,
        kept_out.pages,
        kept_out.collections,
        hidden_collections(kept_out),
        site_key(request),
    )
    return digest(parts)


def results(request, clean: CleanQuery, filters: services.Filters, kept_out: NotPassed) -> Shown:
    """The page of results the request asks for, as kept, or rendered and kept."""

    def render(number: int) -> tuple[int, Shown]:
        outcome = services.search(clean, request, filters, kept_out, number)
        context = {"request": request, "outcome": outcome}
        shown = Shown(
            number=outcome.page.number,
            num_pages=outcome.page.paginator.num_pages,
            count=outcome.count,
            promoted_html=get_template("search/includes/promoted.html").render(context)
            if outcome.promoted
            else SafeString(),
            results_html=get_template("search/includes/results.html").render(context)
            if outcome.count
            else SafeString(),
            asks_for_feedback=outcome.asks_for_feedback,
        )
        return shown.number, shown

    return cached_page(
        f"search:{key(request, clean, filters, kept_out)}",
        request.GET.get("page"),
        COMMUNITY_TOPICS if filters.community else TOPICS,
        render,
        LIFETIME,
        # Only words searched earlier today are kept: a search
        # made once gains nothing from it, and anyone could otherwise fill the
        # cache with words nobody searches again.
        worth_keeping=lambda: services.searched_today(clean),
    )


def community_picker(kept_out: NotPassed, chosen: CommunityValues | None) -> str:
    """The community filter's drop-down, written once for every reader kept out of the same
    places, for each choice and language: it lists hundreds of communities."""
    return cached_block(
        f"search-picker:{digest(kept_out.pages)}:{chosen.pk if chosen else ''}",
        (PAGES,),
        lambda: forms.community_picker(services.community_choices(kept_out.pages), chosen),
        LIFETIME,
    )
