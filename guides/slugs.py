"""A draft never published does not hold its address against a new page.

Wagtail autosaves a new page as a draft once it has a title, so a guide begun in one tab and
abandoned keeps the slug of its title, and the next guide given that title fails "slug already
in use". Only a published page's address means anything to readers: where the slug a page not
yet published asks for is held by drafts never published alone, the page takes the next free
one ("-2", "-3"), as Wagtail does for a page saved without a slug. A slug a published page holds
is still refused, with Wagtail's message.
"""

from django.db.models import QuerySet


def held_by_drafts_only(siblings: QuerySet, slug: str) -> bool:
    """Whether some of `siblings` use `slug` and none of those was ever published."""
    holders = siblings.filter(slug=slug)
    return holders.exists() and not holders.filter(first_published_at__isnull=False).exists()


def next_free(siblings: QuerySet, slug: str) -> str:
    """`slug` with the first numeric suffix from 2 that none of `siblings` uses."""
    taken = set(siblings.filter(slug__startswith=f"{slug}-").values_list("slug", flat=True))
    suffix = 2
    while f"{slug}-{suffix}" in taken:
        suffix += 1
    return f"{slug}-{suffix}"


class DraftsGiveWayMixin:
    """For a Wagtail page form: the slug rule above, and the editor told of the new slug."""

    def clean_slug(self):
        slug = self.cleaned_data.get("slug")
        page = self.instance
        # A new page is `live` until saved: its first publication date tells.
        if not slug or self.parent_page is None or page.first_published_at:
            return slug
        siblings = self.parent_page.get_children()
        if page.pk:
            siblings = siblings.exclude(pk=page.pk)
        if held_by_drafts_only(siblings, slug):
            return next_free(siblings, slug)
        return slug

    def get_field_updates_for_resave(self):
        # After an autosave the open editor shows the slug the page was saved with.
        updates = super().get_field_updates_for_resave()
        if self.data.get("slug") != self.instance.slug:
            updates.append(("slug", self.instance.slug))
        return updates
