"""A community's collection of images and documents is as private as the community.

Wagtail restricts pages and collections separately
(https://docs.wagtail.org/en/stable/advanced_topics/privacy.html). A community
made private to some groups, or behind a password, on its page or on a page
above it, gets the same restrictions on its team's collection, so its files
are refused where its page would be: Wagtail's document view checks them, and
so does /media/ for images (`intranet.media_access`). The signals in
`communities.signals` call `sync_collections_at_or_below` whenever a page
restriction, the tree or a community's collection changes.

Wagtail remembers a password given for a page apart from one given for a
collection; `pass_collections_behind` lets a reader who gave a community's
password on its page see the community's files too, without asking again.
"""

from django.db import transaction

from wagtail.models import (
    BaseViewRestriction,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
)

from communities.models import CommunityPage, TeamAccess


def _key(restriction) -> tuple:
    """What makes two restrictions the same, for a page's and a collection's alike."""
    groups = frozenset(group.pk for group in restriction.groups.all())
    return restriction.restriction_type, restriction.password, groups


@transaction.atomic
def sync_collection_restrictions(community: CommunityPage) -> None:
    """Give the community's collection exactly the view restrictions its page is under.

    A restriction that already matches is kept, with its id: a reader who gave
    its password stays let in (Wagtail remembers passed restrictions by id).
    """
    access = TeamAccess.objects.filter(community_id=community.pk).select_related("collection")
    collection = next((row.collection for row in access), None)
    if collection is None:
        return
    wanted = {
        _key(restriction)
        for restriction in community.get_view_restrictions().prefetch_related("groups")
    }
    for restriction in collection.view_restrictions.prefetch_related("groups"):
        if _key(restriction) in wanted:
            wanted.remove(_key(restriction))
        else:
            restriction.delete()
    for restriction_type, password, groups in wanted:
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=restriction_type, password=password
        )
        restriction.groups.set(groups)


def sync_collections_at_or_below(page_id: int) -> None:
    """Sync the collections of the communities at or below the page `page_id`."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None:  # deleted, with everything below it
        return
    for community in CommunityPage.objects.descendant_of(page, inclusive=True):
        sync_collection_restrictions(community)


def pass_collections_behind(request, page: Page) -> None:
    """Mark as passed, for `request`'s reader, the collections' copies of each page password
    the reader has given for `page` (on it or on a page above it).

    Only a copy of a password the reader gave, on a community at or below the
    page it was given for: they know it already.
    """
    # Most readers never gave a password: their pages cost no query here.
    if not request.session.get(PageViewRestriction.passed_view_restrictions_session_key):
        return
    for restriction in page.get_view_restrictions():
        if restriction.restriction_type != BaseViewRestriction.PASSWORD:
            continue
        if not restriction.accept_request(request):
            continue
        communities = TeamAccess.objects.filter(
            community__path__startswith=restriction.page.path
        ).values("collection")
        for copy in CollectionViewRestriction.objects.filter(
            restriction_type=BaseViewRestriction.PASSWORD,
            password=restriction.password,
            collection__in=communities,
        ):
            copy.mark_as_passed(request)
