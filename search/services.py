"""Search across communities, discussions, guides, people and documents.

Each kind of result is one engine query over its own model, so a results page
costs the same number of queries whatever the data size; the best
`CANDIDATES_PER_KIND` of each kind are merged, ordered (`search.ranking`) and
paginated here.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial, reduce
from operator import or_

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db import IntegrityError, models, transaction
from django.db.models import F, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.documents import get_document_model
from wagtail.models import Collection, Page
from wagtail.search.backends import get_search_backend
from wagtail.search.query import SearchQuery
from wagtail.search.utils import normalise_query_string

from communities.models import CommunityPage, DiscussionPage, Membership, TeamAccess
from communities.queries import CommunityValues, community_values
from communities.visibility import front_doors
from conversation.models import CommentableMixin
from conversation.queries import with_comment_counts
from guides.models import GuidePage
from intranet.breadcrumbs import trails
from intranet.indexing import plain_text
from intranet.request_memo import once_per_request
from intranet.view_restrictions import NotPassed, not_passed, outside
from people.models import Profile
from search import ranking
from search.models import SearchExclusion, SearchQueryDay
from search.query import CleanQuery, engine_query, match_pattern, synonyms_for

RESULTS_PER_PAGE = 10
# The best this many of each kind are merged; more would cost time for pages nobody reads.
CANDIDATES_PER_KIND = 50
SUGGESTIONS_PER_KIND = 5
SUGGEST_MIN_LENGTH = 2
# The home page's children.
TOP_COMMUNITY_DEPTH = 3


class Kind(models.TextChoices):
    COMMUNITY = "community", _("Community")
    DISCUSSION = "discussion", _("Discussion")
    GUIDE = "guide", _("Guide")
    PERSON = "person", _("Person")
    DOCUMENT = "document", _("Document")


class Sort(models.TextChoices):
    RELEVANCE = "relevance", _("Most relevant")
    RECENT = "recent", _("Most recent")


@dataclass
class Result:
    kind: Kind
    title: SafeString
    url: str
    snippet: SafeString
    date: datetime | None
    # How a candidate's address and texts are read once it is shown (`Run.finish`):
    # most candidates are ranked but never shown.
    locate: Callable[[], str] | None = None
    fields: ranking.Fields | None = None
    points: int = 0
    score: float = 0.0
    # The tree path whose pages, from below the home page, make the breadcrumb.
    trail_path: str = ""
    trail: list = field(default_factory=list)
    promoted: bool = False
    # The page behind a page result, for its comment count.
    page: Page | None = None
    comment_count: int | None = None


@dataclass
class Outcome:
    query: CleanQuery
    page: PaginatorPage | None = None
    promoted: list[Result] = field(default_factory=list)
    # True when nothing was found, or only in the body of pages: search asks
    # what the person was looking for.
    asks_for_feedback: bool = False

    @property
    def count(self) -> int:
        return self.page.paginator.count if self.page else 0


@dataclass(frozen=True)
class Filters:
    kinds: list[str]
    community: CommunityValues | None
    sort: str


@dataclass(frozen=True)
class Scope:
    """What every engine query leaves out or keeps to."""

    restricted: NotPassed
    # A subquery: the engine queries leave these pages out without a query of their own.
    excluded_pages: QuerySet
    community: CommunityValues | None

    def pages(self, model):
        pages = outside(model.objects.live(), self.restricted.pages)
        pages = pages.exclude(pk__in=self.excluded_pages)
        if self.community is not None:
            pages = pages.filter(path__startswith=self.community.path)
        return pages

    def front_doors(self) -> QuerySet:
        """The closed communities the reader does not read but may know of
        (`communities.visibility.front_doors`), with the same exclusions and filter."""
        doors = front_doors(self.restricted.pages).exclude(pk__in=self.excluded_pages)
        if self.community is not None:
            doors = doors.filter(path__startswith=self.community.path)
        return doors

    def allows(self, page: Page) -> bool:
        return page.live and not page.path.startswith(self.restricted.pages)


def _engine_is_sqlite() -> bool:
    # By name: importing the SQLite backend's module fails on other databases.
    return any(cls.__name__ == "SQLiteSearchBackend" for cls in type(get_search_backend()).__mro__)


def _page_fields(page) -> ranking.Fields:
    if isinstance(page, CommunityPage):
        return ranking.Fields(
            page.title, [page.purpose], lambda: [plain_text(page.body)], page.search_headings()
        )
    if isinstance(page, GuidePage):
        return ranking.Fields(
            page.title, [page.summary], lambda: [plain_text(page.body)], page.search_headings()
        )
    return ranking.Fields(page.title, [], lambda: [page.body])


def _front_door_fields(community: CommunityPage) -> ranking.Fields:
    # What the front door shows: no body or headings, in the snippet or the ranking.
    return ranking.Fields(community.title, [community.purpose], list)


def _person_fields(profile: Profile) -> ranking.Fields:
    return ranking.Fields(
        profile.display_name,
        [profile.job_title, profile.expertise_text()],
        lambda: [profile.department, profile.team, profile.ask_me_about, profile.bio],
    )


@dataclass(frozen=True)
class Run:
    """One search: what every engine query of it shares."""

    scope: Scope
    query: SearchQuery
    sort: str
    alternatives: dict[str, list[str]]
    pattern: re.Pattern | None
    sqlite: bool
    request: object

    def results(self, queryset, date_field: str) -> list:
        """The best candidates of one model, with their engine score as `_score`."""
        if self.sort == Sort.RECENT:
            queryset = queryset.order_by(f"-{date_field}")
        found = get_search_backend().search(
            self.query, queryset, order_by_relevance=self.sort != Sort.RECENT
        )
        return list(found.annotate_score("_score")[:CANDIDATES_PER_KIND])

    def result(self, kind, obj, fields, locate, date, trail_path="", page=None) -> Result:
        """A candidate, ranked; its address and snippet wait for `finish`."""
        score = getattr(obj, "_score", None) or 0.0
        return Result(
            kind=kind,
            title=ranking.mark(fields.title, self.pattern),
            url="",
            snippet=SafeString(""),
            date=date,
            points=ranking.points(fields, self.alternatives),
            # FTS5's bm25() is lower for better matches; the other engines score upwards.
            score=-score if self.sqlite else score,
            trail_path=trail_path,
            page=page,
            locate=locate,
            fields=fields,
        )

    def finish(self, result: Result) -> None:
        """Give a candidate its address and snippet, once it is to be shown or compared."""
        if result.locate is not None:
            result.url = result.locate()
            result.snippet = ranking.snippet(result.fields, self.pattern)
            result.locate = None


PAGE_KINDS = {
    Kind.COMMUNITY: CommunityPage,
    Kind.DISCUSSION: DiscussionPage,
    Kind.GUIDE: GuidePage,
}


def _search_pages(run: Run, kind: Kind) -> list[Result]:
    return [
        run.result(
            kind,
            page,
            _page_fields(page),
            partial(page.get_url, run.request),
            page.last_published_at,
            trail_path=page.path[: -Page.steplen],
            page=page,
        )
        for page in run.results(run.scope.pages(PAGE_KINDS[kind]), "last_published_at")
    ]


def names_or_purpose(
    doors: QuerySet, alternatives: dict[str, list[str]], limit: int
) -> list[CommunityPage]:
    """Up to `limit` of the closed communities `doors` whose title or purpose holds every
    word (itself or a synonym, `search.query.match_pattern`), those matched by title first.

    Read from the page rows, not the engine: SQLite's full-text index keeps
    only a title and a body column, the purpose inside the body, so the engine
    cannot be asked for the purpose alone (`fields=["purpose"]` fails there),
    and the body must not find a community to those who may not read it. The
    rows are the reader's doors only: one short query, and one more for the
    pages when any matches.
    """
    patterns = [match_pattern({"": options}) for options in alternatives.values()]
    by_title, by_purpose = [], []
    for pk, title, purpose in doors.values_list("pk", "title", "purpose"):
        if all(pattern.search(title) for pattern in patterns):
            by_title.append(pk)
        elif all(pattern.search(title) or pattern.search(purpose) for pattern in patterns):
            by_purpose.append(pk)
    chosen = [*by_title, *by_purpose][:limit]
    if not chosen:
        return []
    pages = CommunityPage.objects.in_bulk(chosen)
    return [pages[pk] for pk in chosen if pk in pages]


def _search_front_doors(run: Run) -> list[Result]:
    """Closed communities the reader may ask to join, found by their name and purpose only;
    each links to its page, which shows them its front door."""
    return [
        run.result(
            Kind.COMMUNITY,
            community,
            _front_door_fields(community),
            partial(community.get_url, run.request),
            community.last_published_at,
            trail_path=community.path[: -Page.steplen],
            page=community,
        )
        for community in names_or_purpose(
            run.scope.front_doors(), run.alternatives, CANDIDATES_PER_KIND
        )
    ]


def _search_people(run: Run) -> list[Result]:
    people = Profile.objects.select_related("user").with_expertise()
    if run.scope.community is not None:
        members = Membership.objects.filter(community__path__startswith=run.scope.community.path)
        people = people.filter(user__in=members.values("user_id"))
    return [
        run.result(
            Kind.PERSON,
            profile,
            _person_fields(profile),
            partial(reverse, "people:person", args=[profile.user.get_username()]),
            profile.updated_at,
        )
        # People who left are not indexed; checked again in case the index lags.
        for profile in run.results(people, "updated_at")
        if profile.user.is_active
    ]


def hidden_collections(restricted: tuple[str, ...]) -> tuple[int, ...]:
    """The collections at or below the `restricted` paths, by id.

    Read on each search by a reader with such restrictions, once a request (the
    results' cache key and the documents' query both ask): a collection moved
    under a restricted one sends no signal, and its documents must leave that
    reader's results at once.
    """
    if not restricted:
        return ()
    below = reduce(or_, (Q(path__startswith=path) for path in restricted))
    return once_per_request(
        ("hidden collections", restricted),
        lambda: tuple(Collection.objects.filter(below).order_by("pk").values_list("pk", flat=True)),
    )


def _search_documents(run: Run) -> list[Result]:
    """Documents outside collections restricted to the reader; a community's team collection
    places them.

    The engine filters on a list of collections, not a subquery, so the lists
    are read first, and only when a restriction or the community filter asks.
    """
    documents = get_document_model().objects.all()
    hidden = hidden_collections(run.scope.restricted.collections)
    if hidden:
        documents = documents.exclude(collection__in=hidden)
    if run.scope.community is not None:
        teams = TeamAccess.objects.filter(community__path__startswith=run.scope.community.path)
        documents = documents.filter(
            collection__in=list(teams.values_list("collection_id", flat=True))
        )
    found = run.results(documents, "created_at")
    # The community whose team collection holds each document found.
    owner = {}
    if found:
        teams = TeamAccess.objects.filter(collection__in={doc.collection_id for doc in found})
        owner = dict(teams.values_list("collection_id", "community__path"))
    return [
        run.result(
            Kind.DOCUMENT,
            document,
            ranking.Fields(document.title, [], partial(_extension, document)),
            partial(getattr, document, "url"),
            document.created_at,
            trail_path=owner.get(document.collection_id, ""),
        )
        for document in found
    ]


def _extension(document) -> list[str]:
    return [document.file_extension.upper()]


def _promotions(clean: CleanQuery, scope: Scope, request) -> list[Result]:
    """What the Communicators pinned for this phrase, minus anything the visitor may not see."""
    phrases = {clean.normalised, normalise_query_string(clean.text)}
    promotions = (
        SearchPromotion.objects.filter(query__query_string__in=phrases)
        .select_related("page")
        .order_by("sort_order")
    )
    results = []
    for promotion in promotions:
        page = promotion.page
        if page is None:
            results.append(
                Result(
                    kind=None,
                    title=ranking.mark(promotion.external_link_text, None),
                    url=promotion.external_link_url,
                    snippet=ranking.mark(promotion.description, None),
                    date=None,
                    promoted=True,
                )
            )
        elif scope.allows(page):
            kind = next(
                (k for k, model in PAGE_KINDS.items() if issubclass(page.specific_class, model)),
                None,
            )
            results.append(
                Result(
                    kind=kind,
                    title=ranking.mark(page.title, None),
                    url=page.get_url(request),
                    snippet=ranking.mark(promotion.description or page.search_description, None),
                    date=page.last_published_at,
                    trail_path=page.path[: -Page.steplen],
                    promoted=True,
                    page=page,
                )
            )
    return results


def _comment_counts(results: list[Result]) -> dict[int, int]:
    """The readable comments of each page shown that takes comments, in one query.

    Every page shown is counted, so the query runs whenever a page is shown
    (a pinned page included), whatever its type.
    """
    ids = [result.page.pk for result in results]
    counts = dict(
        with_comment_counts(Page.objects.filter(pk__in=ids)).values_list("pk", "comment_count")
    )
    return {
        result.page.pk: counts.get(result.page.pk, 0)
        for result in results
        if isinstance(result.page, CommentableMixin)
    }


def _order(results: list[Result], sort: str) -> list[Result]:
    if sort == Sort.RECENT:
        oldest = timezone.make_aware(datetime(1970, 1, 1))
        return sorted(results, key=lambda r: r.date or oldest, reverse=True)
    return sorted(results, key=lambda r: (-r.points, -r.score, str(r.title)))


def search(
    clean: CleanQuery, request, filters: Filters, restricted: NotPassed, number: int
) -> Outcome:
    """Page `number` of the results for `clean` (the nearest, out of range), with the pinned
    results on the first page.

    `restricted` is what the reader may not see (`intranet.view_restrictions`), read once per
    request.
    """
    outcome = Outcome(query=clean)
    if not clean.terms:
        return outcome
    kinds, community, sort = filters.kinds or list(Kind.values), filters.community, filters.sort
    alternatives = synonyms_for(clean.terms)
    scope = Scope(
        restricted=restricted,
        excluded_pages=SearchExclusion.objects.filter(query_string=clean.normalised).values_list(
            "page_id", flat=True
        ),
        community=community,
    )
    unfiltered = set(kinds) == set(Kind.values) and community is None
    promoted = _promotions(clean, scope, request) if unfiltered else []
    pinned = {result.url for result in promoted}

    run = Run(
        scope=scope,
        query=engine_query(alternatives),
        sort=sort,
        alternatives=alternatives,
        pattern=match_pattern(alternatives),
        sqlite=_engine_is_sqlite(),
        request=request,
    )
    results: list[Result] = []
    for kind in PAGE_KINDS:
        if kind in kinds:
            results += _search_pages(run, kind)
    if Kind.COMMUNITY in kinds:
        results += _search_front_doors(run)
    if Kind.PERSON in kinds:
        results += _search_people(run)
    if Kind.DOCUMENT in kinds:
        results += _search_documents(run)
    if pinned:
        for result in results:
            run.finish(result)
        results = [result for result in results if result.url not in pinned]
    results = _order(results, sort)

    outcome.page = Paginator(results, RESULTS_PER_PAGE).get_page(number)
    if outcome.page.number == 1:
        outcome.promoted = promoted
    shown = [*outcome.promoted, *outcome.page.object_list]
    for result in shown:
        run.finish(result)
    paths = {result.trail_path for result in shown if result.trail_path}
    crumbs = trails(paths) if paths else {}
    counts = _comment_counts([result for result in shown if result.page is not None])
    for result in shown:
        result.trail = crumbs.get(result.trail_path, [])
        result.comment_count = counts.get(result.page.pk) if result.page is not None else None
    best = max((result.points for result in results), default=0)
    outcome.asks_for_feedback = not promoted and best <= len(clean.terms)
    return outcome


def searched_today(clean: CleanQuery) -> bool:
    """Whether these words were searched earlier today (`record_search` counts them after)."""
    return SearchQueryDay.objects.filter(
        day=timezone.localdate(), query_string=clean.normalised
    ).exists()


def record_search(clean: CleanQuery, found: bool) -> bool:
    """Count the query for today, with no trace of who searched.

    True when the words were searched earlier today, as `searched_today` tells,
    without a query of its own.
    """
    if not clean.terms:
        return False
    today = timezone.localdate()
    row = SearchQueryDay.objects.filter(day=today, query_string=clean.normalised)
    change = {"searches": F("searches") + 1, "zero_results": F("zero_results") + int(not found)}
    if row.update(**change):
        return True
    try:
        with transaction.atomic():
            SearchQueryDay.objects.create(
                day=today, query_string=clean.normalised, searches=1, zero_results=int(not found)
            )
    except IntegrityError:
        # Another request created today's row first.
        row.update(**change)
        return True
    return False


def suggest(clean: CleanQuery, request) -> list[dict]:
    """Page titles and people that start with what was typed, in three queries; for a reader
    kept out of some place, up to two more for the closed communities they may know of
    (`names_or_purpose`).

    Those come after the pages the reader reads, in the room these leave: the full
    results list every one that matches.
    """
    if len(clean.text) < SUGGEST_MIN_LENGTH or not clean.terms:
        return []
    text = " ".join(clean.terms)
    kept_out = not_passed(request).pages
    pages = outside(Page.objects.live().filter(depth__gt=2), kept_out)
    found = list(get_search_backend().autocomplete(text, pages)[:SUGGESTIONS_PER_KIND])
    room = SUGGESTIONS_PER_KIND - len(found)
    doors = (
        names_or_purpose(front_doors(kept_out), {term: [term] for term in clean.terms}, room)
        if room
        else []
    )
    suggestions = [
        {
            "label": page.title,
            "kind": str(page.specific_class._meta.verbose_name).capitalize(),
            "url": page.get_url(request),
        }
        for page in [*found, *doors]
    ]
    people = get_search_backend().autocomplete(text, Profile.objects.select_related("user"))
    suggestions += [
        {
            "label": profile.display_name,
            "kind": str(Kind.PERSON.label),
            "url": reverse("people:person", args=[profile.user.get_username()]),
        }
        for profile in people[:SUGGESTIONS_PER_KIND]
        if profile.user.is_active
    ]
    return suggestions


def community_choices(restricted: tuple[str, ...]) -> list[CommunityValues]:
    """The communities search can filter on, in tree order, without those under `restricted`.

    One query a request: the filter checks the community chosen against them,
    and the drop-down lists them when the template has no copy of it.
    """
    rows = once_per_request(
        ("search communities",), lambda: community_values(CommunityPage.objects.live())
    )
    if not restricted:
        return rows
    return [row for row in rows if not row.path.startswith(restricted)]


def filters_from(params, restricted: tuple[str, ...]) -> Filters:
    """The filters in the request's parameters; anything unknown, or a community under
    `restricted`, falls back to its default."""
    chosen = params.get("community", "")
    community = None
    if chosen:
        by_pk = {str(choice.pk): choice for choice in community_choices(restricted)}
        community = by_pk.get(chosen)
    sort = params.get("sort", "")
    return Filters(
        kinds=[kind for kind in params.getlist("kind") if kind in Kind.values],
        community=community,
        sort=sort if sort in Sort.values else Sort.RELEVANCE,
    )
