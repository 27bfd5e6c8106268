"""The search page: guidance, filters, sorting, pages, labels, snippets and bad input."""

from datetime import timedelta

import pytest

from django.contrib.auth.models import Group
from django.utils import timezone

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page, PageViewRestriction

from guides.models import GuidePage
from search.models import SearchExclusion
from tests.search.helpers import result_titles, search

BAD_INPUT = [
    '"',
    "'",
    '"unclosed phrase',
    "leave AND OR NOT",
    "NEAR(leave payroll)",
    "-leave +payroll",
    "leave*",
    "title:leave",
    "'; DROP TABLE wagtailcore_page; --",
    "1' OR '1'='1",
    "%_%",
    "\\",
    "(((",
    "😀",
    "😀 leave 🎉",
    "إجازة سنوية",
    "חופשה",
    "\u202eleave",
    "NUL\x00byte",
    "a" * 500,
]


def test_an_empty_query_shows_guidance(employee_client):
    response = search(employee_client, "")
    assert "Type what you are looking for" in response.content.decode()
    assert result_titles(response) == []


def test_a_query_of_symbols_only_says_there_is_nothing_to_search(employee_client):
    content = search(employee_client, "?!…").content.decode()
    assert "has no words to search for" in content
    assert "Type what you are looking for" in content


def test_a_long_query_is_trimmed_with_a_note(employee_client, intranet):
    response = search(employee_client, "leave " + "x" * 300)
    content = response.content.decode()
    assert "only its first 200 were used" in content
    assert response.context["search_query"] == ("leave " + "x" * 300)[:200]


def test_a_short_query_has_no_trimming_note(employee_client, intranet):
    assert "only its first" not in search(employee_client, "leave").content.decode()


@pytest.mark.parametrize("query", BAD_INPUT)
def test_odd_input_never_breaks_the_page(employee_client, intranet, query):
    response = search(employee_client, query)
    assert "Search" in response.content.decode()
    suggest = employee_client.get("/search/suggest/", {"query": query})
    assert suggest.status_code == 200
    assert isinstance(suggest.json()["suggestions"], list)


def test_right_to_left_words_are_found(employee_client, make_guide):
    make_guide(title="إجازة سنوية", summary="كيف تحجز إجازة.")
    assert result_titles(search(employee_client, "إجازة")) == ["إجازة سنوية"]


@pytest.fixture
def many_guides(make_guide):
    return [make_guide(title=f"Quokka guide {n}") for n in range(23)]


@pytest.mark.parametrize(
    ("page", "expected"),
    [("1", 1), ("2", 2), ("3", 3), ("99", 3), ("-1", 3), ("0", 3), ("abc", 1), ("", 1)],
)
def test_page_numbers_out_of_range_or_not_numbers_fall_back(
    employee_client, many_guides, page, expected
):
    response = search(employee_client, "quokka", page=page)
    assert response.context["results"].number == expected
    assert len(result_titles(response)) == (3 if expected == 3 else 10)


def test_filter_by_type(employee_client, intranet):
    response = search(employee_client, "payroll", kind="person")
    assert result_titles(response) == ["Ada Lovelace"]
    both = search(employee_client, "payroll", kind=["person", "community"])
    assert set(result_titles(both)) == {"Ada Lovelace", "Payroll", "Finance", "Operations"}
    # An unknown type is ignored rather than an error.
    assert len(result_titles(search(employee_client, "payroll", kind="nonsense"))) == 4


def test_filter_by_community_covers_its_whole_subtree(
    employee_client, intranet, make_community, make_discussion
):
    hr = intranet["hr"]
    grandchild = make_community(parent=intranet["payroll"]["title"], title="Payroll helpers")
    make_discussion(grandchild, title="Payroll cut-off dates")
    titles = result_titles(search(employee_client, "payroll", community=hr.pk))
    assert set(titles) == {"Payroll", "Payroll helpers", "Payroll cut-off dates"}
    # A community that does not exist, or is not a number, is ignored.
    assert "Finance" in result_titles(search(employee_client, "payroll", community="x"))


def test_the_community_picker_indents_sub_communities_and_keeps_the_choice(
    employee_client, intranet
):
    hr = intranet["hr"]
    html = search(employee_client, "payroll", community=hr.pk).content.decode()
    start = html.index('<select name="community"')
    picker = html[start : html.index("</select>", start)]
    assert 'id="search-community"' in picker
    assert 'aria-describedby="search-community-help"' in picker
    assert f'<option value="{hr.pk}" selected>' in picker
    assert picker.count(" selected") == 1
    assert '<option value="">All communities</option>' in picker
    # A sub-community sits one dash further in than its parent.
    payroll = intranet["payroll"]["title"]
    assert f'<option value="{payroll.pk}">— Payroll</option>' in picker


def test_sort_by_most_recent(employee_client, make_guide):
    now = timezone.now()
    for days, title in ((3, "Quokka old"), (1, "Quokka new"), (2, "Quokka middle")):
        guide = make_guide(title=title)
        GuidePage.objects.filter(pk=guide.pk).update(last_published_at=now - timedelta(days=days))
    titles = result_titles(search(employee_client, "quokka", sort="recent"))
    assert titles == ["Quokka new", "Quokka middle", "Quokka old"]


def test_each_result_shows_its_type_and_its_community_breadcrumb(employee_client, intranet):
    content = search(employee_client, "payroll").content.decode()
    assert 'search-result__badge">Community<' in content
    assert 'search-result__badge">Person<' in content
    # Payroll sits in the People team community.
    payroll = content[content.index(">Payroll<") - 600 : content.index(">Payroll<")]
    assert ">People team</a>" in payroll
    for kind in ("Guide", "Document", "Discussion"):
        query = {"Guide": "leave", "Document": "expenses", "Discussion": "zebrafish"}[kind]
        assert f'search-result__badge">{kind}<' in search(employee_client, query).content.decode()


def test_snippets_escape_the_text_then_mark_the_words(
    employee_client, make_community, make_discussion
):
    community = make_community(title="Office")
    make_discussion(community, title="Odd", body="<script>alert(1)</script> Book your leave & go")
    content = search(employee_client, "leave").content.decode()
    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Book your <mark>leave</mark> &amp; go" in content


def test_pinned_results_come_first_and_never_show_a_private_page(
    employee_client, intranet, make_community
):
    pinned = intranet["leave"]["body"]
    secret = make_community(title="Leave committee")
    restriction = PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.get(name="Communicators"))
    query = Query.get("Leave")
    SearchPromotion.objects.create(query=query, page=secret, sort_order=0)
    SearchPromotion.objects.create(query=query, page=pinned, sort_order=1, description="Read it!")
    response = search(employee_client, "leave")
    titles = result_titles(response)
    assert titles[0] == "Working from home"
    assert titles.count("Working from home") == 1
    assert "Leave committee" not in titles
    assert "Recommended" in response.content.decode()
    # Filtering shows the plain results only.
    assert result_titles(search(employee_client, "leave", kind="guide"))[0] == "Booking leave"


def test_an_excluded_page_leaves_that_phrase_only(employee_client, intranet):
    page = Page.objects.get(pk=intranet["leave"]["title"].pk)
    SearchExclusion.objects.create(query_string="  LEAVE! ", page=page)
    assert "Booking leave" not in result_titles(search(employee_client, "leave"))
    assert result_titles(search(employee_client, "booking")) == ["Booking leave"]


def test_nothing_found_asks_what_they_were_looking_for(employee_client, intranet):
    content = search(employee_client, "unicorns").content.decode()
    assert "Nothing matched" in content
    assert "What were you looking for?" in content


def test_only_body_matches_ask_too_but_a_title_match_does_not(employee_client, intranet):
    # "before" is only in a guide's body.
    assert "What were you looking for?" in search(employee_client, "before").content.decode()
    assert "What were you looking for?" not in search(employee_client, "booking").content.decode()
