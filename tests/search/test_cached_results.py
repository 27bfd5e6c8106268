"""A page of results is rendered once for every reader who sees the same things, and cached only
while it holds."""

import re

import pytest
import wagtail_factories

from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import Client, RequestFactory
from django.utils import timezone

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction, Site

from communities.services import join_community
from conversation import services as conversation
from conversation.factories import CommentFactory
from intranet.factories import UserFactory
from intranet.view_restrictions import NotPassed
from search.models import SearchExclusion, SearchFeedback, SearchQueryDay, SearchSynonym
from search.query import clean_query
from search.results import SearchResults
from search.services import Filters, Sort, community_choices
from tests.helpers import page_and_queries_naming
from tests.search.helpers import titles

# Every engine query reads Wagtail's search index tables.
INDEX = "wagtailsearch_"


def view(searcher, query, **params):
    """The results page, and the engine queries building it made."""
    url = "/search/?" + "&".join(
        f"{name}={value}" for name, value in {"query": query, **params}.items()
    )
    return page_and_queries_naming(searcher, url, INDEX)


def reader() -> Client:
    return signed_in(UserFactory())


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def searched_before(words: str) -> None:
    """The words were searched earlier today: only such searches are cached."""
    SearchQueryDay.objects.create(day=timezone.localdate(), query_string=words, searches=1)


@pytest.fixture
def searcher(db):
    """A reader signed up before anything is searched."""
    return reader()


def test_a_second_reader_gets_the_cached_results_without_asking_the_engine(intranet):
    searched_before("payroll")
    first, second = reader(), reader()
    html, engine = view(first, "payroll")
    assert "Ada Lovelace" in titles(html)
    assert len(engine) >= 5
    cached_html, engine = view(second, "payroll")
    assert engine == []
    assert titles(cached_html) == titles(html)


def test_each_reader_is_shown_what_they_typed_and_their_own_feedback_form(intranet, searcher):
    searched_before("monthly")
    second = Client(enforce_csrf_checks=True)
    second.force_login(UserFactory())
    # Found only in the body of a page: search asks what the reader was looking for.
    view(searcher, "monthly")
    html, engine = view(second, "MONTHLY")
    assert engine == []
    assert "1 result for “MONTHLY”" in html
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    response = second.post(
        "/search/feedback/",
        {"csrfmiddlewaretoken": token, "query": "MONTHLY", "text": "The pay calendar."},
    )
    assert response.status_code == 302
    assert SearchFeedback.objects.get().text == "The pay calendar."


def test_pagination_links_carry_the_readers_own_parameters_only(make_guide, searcher):
    searched_before("quokka")
    second = reader()
    for number in range(12):
        make_guide(title=f"Quokka guide {number}")
    html, _engine = view(searcher, "quokka", campaign="secret-link")
    assert "campaign=secret-link" in html
    html, engine = view(second, "Quokka")
    assert engine == []
    assert "secret-link" not in html
    assert 'href="?query=Quokka&amp;page=2"' in html


@pytest.fixture
def board(make_community, make_discussion):
    """A private community with a discussion, for its group's members only."""
    community = make_community(title="Quokka board")
    make_discussion(community, title="Quokka budget", body="Numbers.")
    make_community(title="Quokka club")
    restriction = PageViewRestriction.objects.create(
        page=community, restriction_type=PageViewRestriction.GROUPS
    )
    members = Group.objects.create(name="Board")
    restriction.groups.add(members)
    return members


@pytest.mark.parametrize("insider_first", [True, False])
def test_a_reader_restricted_never_sees_what_another_was_shown(board, insider_first):
    searched_before("quokka")
    member = UserFactory()
    member.groups.add(board)
    insider, outsider = signed_in(member), reader()
    expected = {
        insider: {"Quokka board", "Quokka budget", "Quokka club"},
        outsider: {"Quokka club"},
    }
    order = [insider, outsider] if insider_first else [outsider, insider]
    # Each renders their own, then is served it cached.
    for searcher, cached_already in [
        (order[0], False),
        (order[1], False),
        *((s, True) for s in order),
    ]:
        html, engine = view(searcher, "quokka")
        assert set(titles(html)) == expected[searcher]
        assert (engine == []) == cached_already


def picker_options(html) -> set[str]:
    picker = html[html.index('id="search-community"') : html.index("</select>")]
    return set(re.findall(r"<option[^>]*>([^<]+)</option>", picker))


@pytest.mark.parametrize("insider_first", [True, False])
def test_the_community_picker_is_cached_apart_for_readers_restricted(board, insider_first):
    member = UserFactory()
    member.groups.add(board)
    insider, outsider = signed_in(member), reader()
    order = [insider, outsider] if insider_first else [outsider, insider]
    for searcher in [*order, *order]:
        html, _engine = view(searcher, "quokka")
        assert ("Quokka board" in picker_options(html)) == (searcher is insider)
        assert "Quokka club" in picker_options(html)


def test_a_private_community_cannot_be_chosen_by_a_restricted_reader(board):
    outsider = reader()
    private = community_choices(())
    chosen = next(choice for choice in private if choice.title == "Quokka board")
    html, _engine = view(outsider, "quokka", community=chosen.pk)
    # An unknown choice falls back to every community, with nothing from behind the restriction.
    assert 'value="" selected' in html
    assert set(titles(html)) == {"Quokka club"}


@pytest.mark.parametrize("insider_first", [True, False])
def test_a_document_in_a_restricted_collection_is_never_served_to_others(db, insider_first):
    board_papers = Collection.get_first_root_node().add_child(name="Board papers")
    wagtail_factories.DocumentFactory(title="Quokka minutes", collection=board_papers)
    wagtail_factories.DocumentFactory(title="Quokka leaflet")
    restriction = CollectionViewRestriction.objects.create(
        collection=board_papers, restriction_type=CollectionViewRestriction.GROUPS
    )
    members = Group.objects.create(name="Board")
    restriction.groups.add(members)
    member = UserFactory()
    member.groups.add(members)
    insider, outsider = signed_in(member), reader()
    expected = {insider: {"Quokka minutes", "Quokka leaflet"}, outsider: {"Quokka leaflet"}}
    order = [insider, outsider] if insider_first else [outsider, insider]
    for searcher in [*order, *order]:
        assert set(titles(view(searcher, "quokka")[0])) == expected[searcher]


def test_a_collection_moved_under_a_restricted_one_leaves_the_results_at_once(db):
    root = Collection.get_first_root_node()
    board_papers = root.add_child(name="Board papers")
    drafts = root.add_child(name="Drafts")
    wagtail_factories.DocumentFactory(title="Quokka minutes", collection=drafts)
    restriction = CollectionViewRestriction.objects.create(
        collection=board_papers, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Board"))
    outsider = reader()
    assert titles(view(outsider, "quokka")[0]) == ["Quokka minutes"]

    # A move changes the tree without saving the collection: no signal says so.
    Collection.objects.get(pk=drafts.pk).move(board_papers, pos="sorted-child")
    assert titles(view(outsider, "quokka")[0]) == []


# What makes cached results stale: each change is seen by the next search. The
# reader is signed up before the first search: a new account changes cached
# results too (the "profiles" stamp).


def test_a_page_published_or_unpublished_is_seen(make_guide, searcher):
    make_guide(title="Quokka handbook")
    assert titles(view(searcher, "quokka")[0]) == ["Quokka handbook"]
    guide = make_guide(title="Quokka primer")
    assert set(titles(view(searcher, "quokka")[0])) == {"Quokka handbook", "Quokka primer"}
    guide.unpublish()
    assert titles(view(searcher, "quokka")[0]) == ["Quokka handbook"]


def test_a_new_comment_is_counted_when_the_cached_results_expire(intranet, searcher):
    searched_before("printer")
    assert "1 comment" in view(searcher, "printer")[0]
    # By someone already here: a new account alone would make the results stale.
    CommentFactory(page=intranet["printer"], user=intranet["person"], comment="Or restart it.")
    # People post every moment: results last a minute rather than until the next comment.
    assert "1 comment" in view(searcher, "printer")[0]
    cache.clear()  # as their lifetime ending does
    assert "2 comments" in view(searcher, "printer")[0]


def test_a_comment_hidden_or_edited_leaves_the_cached_results_at_once(intranet, searcher):
    searched_before("zebrafish")
    searched_before("axolotl")
    comment = intranet["printer"].conversation_comments.get()
    assert titles(view(searcher, "zebrafish")[0]) == ["Printer trouble"]
    assert titles(view(searcher, "axolotl")[0]) == []
    conversation.edit_comment(comment.user, comment, "Try the axolotl driver.")
    assert titles(view(searcher, "zebrafish")[0]) == []
    assert titles(view(searcher, "axolotl")[0]) == ["Printer trouble"]
    conversation.hide_comment(UserFactory(is_superuser=True), comment)
    assert titles(view(searcher, "axolotl")[0]) == []


def test_a_new_name_is_seen(intranet, searcher):
    assert "Ada Lovelace" in titles(view(searcher, "payroll")[0])
    profile = intranet["person"].profile
    profile.display_name = "Ada King"
    profile.save()
    shown = titles(view(searcher, "payroll")[0])
    assert "Ada King" in shown
    assert "Ada Lovelace" not in shown


def test_a_document_added_or_deleted_is_seen(intranet, searcher):
    assert titles(view(searcher, "expenses")[0]) == ["Expenses claim form"]
    policy = wagtail_factories.DocumentFactory(title="Expenses policy")
    assert set(titles(view(searcher, "expenses")[0])) == {"Expenses claim form", "Expenses policy"}
    intranet["document"].delete()
    assert titles(view(searcher, "expenses")[0]) == [policy.title]


def test_a_promotion_is_seen(intranet, searcher):
    assert "Recommended" not in view(searcher, "leave")[0]
    SearchPromotion.objects.create(
        query=Query.get("leave"), page=intranet["leave"]["body"], sort_order=0
    )
    assert "Recommended" in view(searcher, "leave")[0]


def test_an_exclusion_is_seen(intranet, searcher):
    assert "Booking leave" in titles(view(searcher, "leave")[0])
    SearchExclusion.objects.create(query_string="leave", page=intranet["leave"]["title"])
    assert "Booking leave" not in titles(view(searcher, "leave")[0])


def test_a_synonym_is_seen(intranet, searcher):
    assert titles(view(searcher, "holiday")[0]) == []
    SearchSynonym.objects.create(words="holiday, leave")
    assert "Booking leave" in titles(view(searcher, "holiday")[0])


# Pages and keys.


def test_words_searched_once_are_not_cached_and_searched_again_are(intranet):
    first, second, third = reader(), reader(), reader()
    assert view(first, "payroll")[1], "the first search of the day asks the engine"
    assert view(second, "payroll")[1], "the second builds the results, and caches them"
    assert view(third, "payroll")[1] == []


def test_a_page_number_past_the_last_is_shown_but_not_cached(make_guide, searcher):
    searched_before("quokka")
    for number in range(12):
        make_guide(title=f"Quokka guide {number}")
    for _ in range(2):
        html, engine = view(searcher, "quokka", page=99)
        assert "Page 2 of 2" in html
        assert engine, "rendered each time, never cached under 99"
    view(searcher, "quokka", page=2)
    assert view(searcher, "quokka", page=2)[1] == [], "the last page is cached under its number"


def test_another_site_gets_results_of_its_own(intranet, home, settings, searcher):
    searched_before("payroll")
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "elsewhere.example"]
    Site.objects.create(hostname="elsewhere.example", root_page=home, is_default_site=False)
    view(searcher, "payroll")
    assert view(searcher, "payroll")[1] == []
    html, engine = page_and_queries_naming(
        searcher, "/search/?query=payroll", INDEX, HTTP_HOST="elsewhere.example"
    )
    assert "Ada Lovelace" in titles(html)
    assert engine, "another site's results are rendered for it"


def test_every_part_of_the_key_tells_searches_apart(home, settings, make_community):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "elsewhere.example"]
    Site.objects.create(hostname="elsewhere.example", root_page=home, is_default_site=False)
    make_community(title="Payroll")
    community = community_choices(())[0]
    request = RequestFactory().get("/search/")
    other_site = RequestFactory().get("/search/", HTTP_HOST="elsewhere.example")
    plain = Filters(kinds=[], community=None, sort=Sort.RELEVANCE)
    nowhere = NotPassed()

    # The template adds the language and time zone to the key (search/search.html).
    def key(words="leave", filters=plain, restricted=nowhere, on=request):
        return SearchResults(on, clean_query(words), filters, restricted).key

    keys = [
        key(),
        key(words="leave policy"),
        key(words="leave!"),
        key(filters=Filters(kinds=["guide"], community=None, sort=Sort.RELEVANCE)),
        key(filters=Filters(kinds=[], community=community, sort=Sort.RELEVANCE)),
        key(filters=Filters(kinds=[], community=None, sort=Sort.RECENT)),
        key(restricted=NotPassed(pages=(community.path,))),
        key(restricted=NotPassed(collections=("0001",))),
        key(on=other_site),
        key(on=RequestFactory().get("/search/", {"page": "2"})),
    ]
    assert len(set(keys)) == len(keys)
    # What does not change the results shares them.
    assert key(words="  Leave ") == key()
    every_kind = ["person", "guide", "community", "discussion", "document"]
    assert key(filters=Filters(kinds=every_kind, community=None, sort=Sort.RELEVANCE)) == key()


def test_a_new_member_is_found_through_the_community_filter(intranet, searcher):
    hr = intranet["hr"]
    person = intranet["person"]
    assert titles(view(searcher, "spreadsheets", community=hr.pk)[0]) == []
    join_community(person, hr)
    assert titles(view(searcher, "spreadsheets", community=hr.pk)[0]) == ["Ada Lovelace"]
