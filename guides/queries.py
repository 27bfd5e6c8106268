"""What the guide pages read, in a fixed number of queries whatever the data size."""

from functools import cached_property

from django.db.models import Count, QuerySet, prefetch_related_objects
from django.urls import reverse

from taggit.models import Tag

from conversation.queries import add_comment_counts, with_comment_counts
from guides import services
from guides.forms import GuideFilterForm, GuideSort
from guides.models import (
    GuideCompletion,
    GuideIndexPage,
    GuidePage,
    LearningPathPage,
    LearningPathStep,
)
from intranet.breadcrumbs import breadcrumb
from intranet.paging import paginate
from intranet.view_restrictions import outside, private_places
from people.contributions import PersonSection

GUIDES_PER_PAGE = 20
# Wagtail's root is depth 1 and the home page, the site root, depth 2.
COMMUNITY_GUIDES_SHOWN = 10


def guide_listing(guides: QuerySet) -> QuerySet:
    """Guides with what a list shows: readers, comments, audiences and topics."""
    return with_comment_counts(
        guides.live()
        # "Most read" counts completions until the insights app records reads.
        .annotate(completion_count=Count("completions", distinct=True))
        .prefetch_related("audiences", "topics")
    )


def completed_ids(user, guides) -> set[int]:
    """Which of the guides (ids) `user` has completed."""
    shown = set(guides)
    if not shown:
        return set()
    return set(
        GuideCompletion.objects.filter(user=user, guide__in=shown).values_list(
            "guide_id", flat=True
        )
    )


def main_guide_index(site) -> GuideIndexPage | None:
    """The intranet's own guide index: the first directly under the site's root."""
    if site is None:
        return None
    return GuideIndexPage.objects.live().child_of(site.root_page).order_by("path").first()


def filter_guides(guides: QuerySet, index: GuideIndexPage, form: GuideFilterForm) -> QuerySet:
    """Apply the valid filters; an invalid form leaves the list unfiltered."""
    if not form.is_valid():
        return guides.order_by("-last_published_at")
    data = form.cleaned_data
    if data["audience"]:
        guides = guides.filter(audiences__code=data["audience"])
    if data["topic"]:
        guides = guides.filter(topics__slug=data["topic"])
    if data["q"]:
        # Wagtail's search cannot filter on audiences or tags, so it only
        # narrows the list down to the matching pages.
        matches = GuidePage.objects.live().descendant_of(index).search(data["q"])
        guides = guides.filter(pk__in=[page.pk for page in matches])
    if data["sort"] == GuideSort.MOST_READ:
        return guides.order_by("-completion_count", "-last_published_at")
    return guides.order_by("-last_published_at")


def write_guide_url(user, index: GuideIndexPage) -> str:
    """Wagtail's form for a new guide in `index`, for whoever may add one there; else ""."""
    if not (GuidePage.can_create_at(index) and index.permissions_for_user(user).can_add_subpage()):
        return ""
    meta = GuidePage._meta
    return reverse("wagtailadmin_pages:add", args=[meta.app_label, meta.model_name, index.pk])


def edit_guide_url(user, guide: GuidePage) -> str:
    """Wagtail's editor for the guide, for whoever may edit it (its page permissions); else ""."""
    if not guide.permissions_for_user(user).can_edit():
        return ""
    return reverse("wagtailadmin_pages:edit", args=[guide.pk])


def guide_index_context(request, index: GuideIndexPage) -> dict:
    form = GuideFilterForm(request.GET)
    children = GuidePage.objects.child_of(index)
    guides = paginate(
        filter_guides(guide_listing(children), index, form),
        request.GET.get("page"),
        GUIDES_PER_PAGE,
    )
    paths = (
        LearningPathPage.objects.live()
        .child_of(index)
        .annotate(guide_count=Count("steps"))
        .order_by("path")
    )
    return {
        "breadcrumb": breadcrumb(index),
        "filter_form": form,
        "guides": guides,
        "completed_ids": completed_ids(request.user, [guide.pk for guide in guides]),
        "learning_paths": paths,
        "topics": Tag.objects.filter(guides_guidetopic_items__content_object__in=children.live())
        .distinct()
        .order_by("name"),
        "pending_must_reads": services.pending_must_reads(request.user),
        "write_guide_url": write_guide_url(request.user, index),
    }


def _path_navigation(guide: GuidePage) -> list[dict]:
    """For each learning path the guide is in: the path, the guides before and after it."""
    paths = LearningPathPage.objects.live().filter(steps__guide=guide).values("pk")
    steps = (
        LearningPathStep.objects.filter(path__in=paths, guide__live=True)
        .select_related("path", "guide")
        .order_by("path__path", "sort_order")
    )
    by_path: dict[int, list] = {}
    for step in steps:
        by_path.setdefault(step.path_id, []).append(step)
    navigation = []
    for path_steps in by_path.values():
        guides = [step.guide for step in path_steps]
        position = next(i for i, item in enumerate(guides) if item.pk == guide.pk)
        navigation.append(
            {
                "path": path_steps[0].path,
                "guides": guides,
                "position": position + 1,
                "previous": guides[position - 1] if position > 0 else None,
                "next": guides[position + 1] if position + 1 < len(guides) else None,
            }
        )
    return navigation


def path_progress(guides: list, done: set[int]) -> dict:
    completed = sum(1 for guide in guides if guide.pk in done)
    total = len(guides)
    return {
        "completed": completed,
        "total": total,
        "percent": round(100 * completed / total) if total else 0,
    }


# A guide's preview before its first save has no reader's part yet: no progress, paths or
# acknowledgements, only its text.
UNSAVED_GUIDE_CONTEXT = {
    "is_completed": False,
    "path_navigation": [],
    "must_acknowledge": False,
    "has_acknowledged": False,
    "can_see_acknowledgements": False,
    "edit_guide_url": "",
}


def guide_page_context(request, guide: GuidePage) -> dict:
    if guide.pk is None:
        return {"breadcrumb": breadcrumb(guide), **UNSAVED_GUIDE_CONTEXT}
    user = request.user
    paths = _path_navigation(guide)
    in_paths = {item.pk for entry in paths for item in entry["guides"]}
    done = completed_ids(user, in_paths | {guide.pk})
    navigation = [{**entry, "progress": path_progress(entry["guides"], done)} for entry in paths]
    if guide.must_read:
        # Whom it asks to acknowledge it, and what its heading lists when that is built.
        prefetch_related_objects([guide], "audiences")
    must_acknowledge = services.must_acknowledge(user, guide)
    return {
        "breadcrumb": breadcrumb(guide),
        "is_completed": guide.pk in done,
        "path_navigation": navigation,
        "must_acknowledge": must_acknowledge,
        "has_acknowledged": must_acknowledge and guide.acknowledgements.filter(user=user).exists(),
        "can_see_acknowledgements": guide.must_read
        and services.can_see_acknowledgements(user, guide),
        "edit_guide_url": edit_guide_url(user, guide),
    }


def learning_path_context(request, path: LearningPathPage) -> dict:
    steps = path.steps.filter(guide__live=True).select_related("guide").order_by("sort_order")
    guides = [step.guide for step in steps]
    add_comment_counts(guides)
    done = completed_ids(request.user, [guide.pk for guide in guides])
    next_guide = next((guide for guide in guides if guide.pk not in done), None)
    return {
        "breadcrumb": breadcrumb(path),
        "path_guides": guides,
        "completed_ids": done,
        "progress": path_progress(guides, done),
        "next_guide": next_guide,
    }


def community_guides(community, kept_out: tuple[str, ...] = ()) -> QuerySet:
    """The live guides in the community's own guide index, most recent first; without those
    in the places the reader is `kept_out` of (`intranet.view_restrictions`)."""
    return (
        guide_listing(outside(GuidePage.objects.descendant_of(community), kept_out))
        .filter(depth=community.depth + 2)
        .order_by("-last_published_at")[:COMMUNITY_GUIDES_SHOWN]
    )


def owned_guides(user) -> QuerySet:
    """The live guides a person answers for, as their content owner."""
    return GuidePage.objects.live().filter(content_owner=user).order_by("title")


class PersonGuides(PersonSection):
    """The guides a person looks after, on their page (`people.contributions`): cached for
    every reader, so none behind a view restriction."""

    template_name = "guides/includes/person_guides.html"

    @cached_property
    def guides(self) -> QuerySet:
        return outside(owned_guides(self.user), private_places())
