"""Which view restrictions a reader does not pass.

For lists that must leave out what the reader may not open (search results and
suggestions), without asking Wagtail about each restriction in turn. Every
page and collection restriction is read in one plain query and judged here as
Wagtail's `accept_request` judges one: an organisation has few restrictions,
and a query that judged them in SQL took longer to build than to run, on
every search.
"""

import functools
import operator
from dataclasses import dataclass

from django.db.models import CharField, Q, QuerySet, Value

from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction

from intranet.compiled_query import CompiledQuery

PAGE, COLLECTION = "page", "collection"
MODELS = {PAGE: PageViewRestriction, COLLECTION: CollectionViewRestriction}


@dataclass(frozen=True)
class NotPassed:
    """The tree paths of the pages and of the collections behind restrictions a reader does
    not pass, sorted, so that two readers kept out of the same places compare equal."""

    pages: tuple[str, ...] = ()
    collections: tuple[str, ...] = ()


def not_passed(request) -> NotPassed:
    """What `request` is kept out of: one query, and one more for a signed-in reader's groups
    when a restriction names groups."""
    # One row per restriction and group, with no group for the other kinds.
    restrictions: dict[tuple[str, int], tuple[str, str, set[int]]] = {}
    for kind, pk, restriction_type, path, group in _EVERY_RESTRICTION.rows():
        restrictions.setdefault((kind, pk), (restriction_type, path, set()))[2].add(group)
    judge = _Judge(request)
    found = {PAGE: set(), COLLECTION: set()}
    for (kind, pk), (restriction_type, path, groups) in restrictions.items():
        if not judge.passes(MODELS[kind], pk, restriction_type, groups):
            found[kind].add(path)
    return NotPassed(pages=tuple(sorted(found[PAGE])), collections=tuple(sorted(found[COLLECTION])))


def readable_pages(pages: QuerySet, kept_out: NotPassed) -> QuerySet:
    """`pages` without those in a place the reader is kept out of, nor aliases of those.

    An alias shows its source's content and takes the restrictions of the
    places the source is in (`intranet.ancestry.restricting_pages`).
    """
    if not kept_out.pages:
        return pages
    for path in kept_out.pages:
        pages = pages.exclude(path__startswith=path)
    aliases = Page.objects.filter(
        functools.reduce(
            operator.or_, (Q(alias_of__path__startswith=path) for path in kept_out.pages)
        )
    )
    return pages.exclude(pk__in=aliases.values("pk"))


def _rows(kind: str, path: str):
    return MODELS[kind].objects.values_list(
        Value(kind, output_field=CharField()), "pk", "restriction_type", path, "groups"
    )


# Read on every search, compiled once a connection (`intranet.compiled_query`).
_EVERY_RESTRICTION = CompiledQuery(
    lambda: _rows(PAGE, "page__path").union(_rows(COLLECTION, "collection__path"), all=True)
)


class _Judge:
    def __init__(self, request):
        self.request = request
        self.user = request.user
        self._groups = None

    def passes(self, model, pk: int, restriction_type: str, groups: set[int]) -> bool:
        if restriction_type == model.PASSWORD:
            # Given once in this session, as Wagtail's password form records it.
            return pk in self.request.session.get(model.passed_view_restrictions_session_key, [])
        if restriction_type == model.LOGIN:
            return self.user.is_authenticated
        if restriction_type == model.GROUPS:
            if not self.user.is_authenticated:
                return False
            return self.user.is_superuser or bool(groups & self.groups())
        # "Public" lets everyone in, as Wagtail serves it; a kind this code does
        # not know keeps the reader out: private by default.
        return restriction_type == model.NONE

    def groups(self) -> set[int]:
        """The reader's groups, asked once and only when a restriction needs them."""
        if self._groups is None:
            self._groups = set(self.user.groups.values_list("pk", flat=True))
        return self._groups
