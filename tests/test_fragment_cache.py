"""A fragment cached in a template shows its data until the data changes, and never a preview."""

from django.template import Context, RequestContext, Template
from django.test import RequestFactory
from django.utils import timezone, translation

from communities.factories import CommunityPageFactory
from home.models import HomePage
from intranet.caching import at_and_above, mark_changed

FRAGMENT = Template(
    "{% load wagtail_cache %}"
    '{% wagtailcache cache_lifetime "sample" changed.samples LANGUAGE_CODE TIME_ZONE %}'
    "{{ value }}{% endwagtailcache %}"
)
ONE_OBJECT = Template(
    "{% load wagtail_cache stamps %}"
    '{% wagtailcache cache_lifetime "one" item.pk item|stamp_of:"sample" %}'
    "{{ value }}{% endwagtailcache %}"
)
PART_OF_THE_TREE = Template(
    "{% load wagtail_cache stamps %}"
    '{% wagtailcache cache_lifetime "part" page.pk page|stamp_below:"samples" %}'
    "{{ value }}{% endwagtailcache %}"
)


class Item:
    def __init__(self, pk):
        self.pk = pk


def render(value, template=FRAGMENT, preview=False, **extra):
    request = RequestFactory().get("/")
    request.is_preview = preview
    return template.render(RequestContext(request, {"value": value, **extra}))


def test_a_fragment_is_shared_until_its_data_is_marked_changed(db):
    assert render("first") == "first"
    assert render("second") == "first"
    mark_changed("samples")
    assert render("second") == "second"


def test_a_change_to_other_data_leaves_the_fragment_cached(db):
    render("first")
    mark_changed("something-else")
    assert render("second") == "first"


def test_one_objects_stamp_changes_its_fragment_alone(db):
    one, other = Item(1), Item(2)
    render("one", ONE_OBJECT, item=one)
    render("other", ONE_OBJECT, item=other)
    mark_changed("sample:1")
    assert render("one, changed", ONE_OBJECT, item=one) == "one, changed"
    assert render("other, changed", ONE_OBJECT, item=other) == "other"


def test_a_pages_data_changes_the_fragments_of_its_part_of_the_tree_alone(db):
    home = HomePage.objects.get()
    parent = CommunityPageFactory(parent=home)
    child, sibling = CommunityPageFactory(parent=parent), CommunityPageFactory(parent=parent)
    pages = (home, parent, child, sibling)
    for page in pages:
        render("before", PART_OF_THE_TREE, page=page)
    mark_changed(*at_and_above("samples", child.pk))
    shown = {page: render("after", PART_OF_THE_TREE, page=page) for page in pages}
    assert shown == {home: "after", parent: "after", child: "after", sibling: "before"}


def test_a_preview_neither_reads_nor_fills_the_cache(db):
    render("published")
    assert render("draft", preview=True) == "draft"
    assert render("published again") == "published"


def test_each_language_and_time_zone_has_its_own_fragment(db):
    render("in English, UTC")
    with translation.override("fr"):
        assert render("in French") == "in French"
    with timezone.override("Pacific/Kiritimati"):
        assert render("in Kiritimati") == "in Kiritimati"


def test_without_a_request_nothing_is_cached(db):
    assert FRAGMENT.render(Context({"value": "first", "cache_lifetime": 60})) == "first"
    assert FRAGMENT.render(Context({"value": "second", "cache_lifetime": 60})) == "second"


def test_a_fragment_built_before_the_change_commits_does_not_last(
    db, django_capture_on_commit_callbacks
):
    render("old")
    with django_capture_on_commit_callbacks(execute=True):
        mark_changed("samples")
        # Another request builds it meanwhile, from the data as it was.
        assert render("old, not committed yet") == "old, not committed yet"
    assert render("new") == "new"
