"""Which view restrictions a reader does not pass: the one place that says who may read a page.

`may_read` answers for one page a view names by its id, before it shows or
changes anything of it: every view that takes a page or community id asks it
(or `readable_or_404`), as Wagtail asks when it serves the page. `not_passed`
answers for lists. Both take the restrictions of the pages above, and of an
alias's source (`intranet.ancestry`).

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

from django.contrib.auth import get_user_model
from django.db.models import CharField, Q, QuerySet, Value
from django.http import Http404

from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction

from intranet.request_memo import once_per_request

PAGE, COLLECTION = "page", "collection"
MODELS = {PAGE: PageViewRestriction, COLLECTION: CollectionViewRestriction}


@dataclass(frozen=True)
class NotPassed:
    """The tree paths of the pages and of the collections behind restrictions a reader does
    not pass, sorted, so that two readers kept out of the same places compare equal."""

    pages: tuple[str, ...] = ()
    collections: tuple[str, ...] = ()


def may_read(request, page: Page) -> bool:
    """Whether the reader of `request` passes every view restriction on `page`: its own,
    those of the pages above it and, for an alias, those of its source and above
    (`intranet.ancestry.Ancestry.get_view_restrictions`).

    Wagtail's `accept_request` judges each one, as when it serves the page: a
    password counts once given in this session.
    """
    return all(
        restriction.accept_request(request) for restriction in page.specific.get_view_restrictions()
    )


def lets_in(user, page: Page) -> bool:
    """Whether `user` passes every view restriction on `page`, above it and, for an alias,
    on its source, without a request (`readers_among`): for what a person does through the
    services (comment, react, flag). A password keeps them out."""
    return user.pk in readers_among({user.pk}, page)


def readers_among(user_ids, page: Page) -> set[int]:
    """Those of `user_ids` who pass every view restriction on `page` and above it
    (`lets_in`): who may be told of what happens there. One query for each restriction."""
    readers = set(user_ids)
    for restriction in page.specific.get_view_restrictions():
        if restriction.restriction_type == PageViewRestriction.GROUPS:
            readers &= set(
                get_user_model()
                .objects.filter(pk__in=readers, is_active=True)
                .filter(Q(is_superuser=True) | Q(groups__in=restriction.groups.all()))
                .values_list("pk", flat=True)
            )
        elif restriction.restriction_type != PageViewRestriction.LOGIN:
            readers = set()
    return readers


def readable_or_404(request, page: Page) -> Page:
    """`page`, or a 404 for a reader who may not read it: the same answer as for a page that
    does not exist, so an id tells nothing of what lies behind a restriction."""
    if not may_read(request, page):
        raise Http404
    return page


def kept_out(request) -> NotPassed:
    """`not_passed(request)`, read once a request: a page's lists each leave it out."""
    return once_per_request(("not passed",), lambda: not_passed(request))


def not_passed(request) -> NotPassed:
    """What `request` is kept out of: one query, one more for a signed-in reader's groups
    when a restriction names groups, and one for the aliases of the pages they are kept out of
    (`and_their_aliases`)."""
    return _not_passed(_Judge(request.user, request))


def not_passed_by(user) -> NotPassed:
    """What `user` is kept out of without a request, as `lets_in` judges: for what is sent
    to a person rather than shown to a browser (an email). A password keeps them out."""
    return _not_passed(_Judge(user))


def kept_out_by_groups(request) -> NotPassed:
    """What a restriction to groups keeps `request`'s user out of, read once a request: for
    the admin, where an editor still works on a page behind a password or a login."""
    return once_per_request(
        ("kept out by groups",), lambda: _not_passed(_GroupsJudge(request.user, request))
    )


def _not_passed(judge: "_Judge") -> NotPassed:
    # One row per restriction and group, with no group for the other kinds.
    restrictions: dict[tuple[str, int], tuple[str, str, set[int]]] = {}
    every_restriction = _rows(PAGE, "page__path").union(
        _rows(COLLECTION, "collection__path"), all=True
    )
    for kind, pk, restriction_type, path, group in every_restriction:
        restrictions.setdefault((kind, pk), (restriction_type, path, set()))[2].add(group)
    found = {PAGE: set(), COLLECTION: set()}
    for (kind, pk), (restriction_type, path, groups) in restrictions.items():
        if not judge.passes(MODELS[kind], pk, restriction_type, groups):
            found[kind].add(path)
    return NotPassed(
        pages=tuple(sorted(and_their_aliases(found[PAGE]))),
        collections=tuple(sorted(found[COLLECTION])),
    )


def and_their_aliases(paths) -> set[str]:
    """The tree `paths` (each a place: a page and the pages below it), and the paths of the
    aliases that show a page in one of them, of the aliases of those, and so on.

    An alias shows its source's content and takes the restrictions of the
    places its source is in (`intranet.ancestry.restricting_pages`), wherever
    it sits, and so do the pages placed below it: whatever leaves out a place
    leaves out those too. One query for each round, and none without places.
    """
    places = set(paths)
    new = places
    while new:
        aliases = Page.objects.filter(
            functools.reduce(operator.or_, (Q(alias_of__path__startswith=path) for path in new))
        ).values_list("path", flat=True)
        new = {path for path in aliases if not path.startswith(tuple(places))}
        places |= new
    return places


def private_places() -> frozenset[str]:
    """Wagtail's private sections (every page behind a restriction of any kind, for anyone),
    with the aliases that show a page in one.

    Read once a request: the home page's lists each leave them out.
    """
    return once_per_request(
        ("private places",),
        lambda: frozenset(
            and_their_aliases(PageViewRestriction.objects.values_list("page__path", flat=True))
        ),
    )


def outside(pages: QuerySet, places) -> QuerySet:
    """`pages` without those in `places` (tree paths: `NotPassed.pages`, `private_places`).

    For lists that must leave out what everyone, or the reader, may not open:
    Wagtail's `public()` leaves out private sections, but not the aliases
    that show them.
    """
    for path in places:
        pages = pages.exclude(path__startswith=path)
    return pages


def addresses(places) -> tuple[str, ...]:
    """The addresses the pages at `places` (tree paths) are served at: for what names a page
    by its address rather than by its row, as a notification's links do."""
    if not places:
        return ()
    pages = Page.objects.filter(path__in=places)
    return tuple(url for url in (page.get_url() for page in pages) if url)


def _rows(kind: str, path: str):
    return MODELS[kind].objects.values_list(
        Value(kind, output_field=CharField()), "pk", "restriction_type", path, "groups"
    )


class _Judge:
    def __init__(self, user, request=None):
        self.user = user
        self.request = request
        self._groups = None

    def passes(self, model, pk: int, restriction_type: str, groups: set[int]) -> bool:
        if restriction_type == model.GROUPS:
            # Judged from the rows already read, rather than by `accept_request`,
            # which reads the restriction's groups and the reader's each time.
            if not self.user.is_authenticated:
                return False
            return self.user.is_superuser or bool(groups & self.groups())
        if self.request is None:
            # A person, not a browser: signed in as far as a login goes; a password
            # is given by a session, so it keeps them out.
            return restriction_type in (model.LOGIN, model.NONE) and self.user.is_active
        if restriction_type in (model.PASSWORD, model.LOGIN, model.NONE):
            # A password given once in this session, a signed-in reader, "public":
            # Wagtail's own judgement, which asks nothing of the database.
            return model(pk=pk, restriction_type=restriction_type).accept_request(self.request)
        # A kind this code does not know keeps the reader out: private by default.
        return False

    def groups(self) -> set[int]:
        """The reader's groups, asked once and only when a restriction needs them."""
        if self._groups is None:
            self._groups = set(self.user.groups.values_list("pk", flat=True))
        return self._groups


class _GroupsJudge(_Judge):
    """Judges restrictions to groups alone: every other kind lets the reader in."""

    def passes(self, model, pk: int, restriction_type: str, groups: set[int]) -> bool:
        if restriction_type != model.GROUPS:
            return True
        return super().passes(model, pk, restriction_type, groups)
