"""What is found, and in what order, on the fixed intranet of conftest.py.

The suite runs on SQLite (FTS5) and on PostgreSQL, so each ordering here holds
on both engines.
"""

import pytest

from search.models import SearchSynonym
from tests.search.helpers import result_titles, search


def test_a_title_beats_a_summary_and_a_heading_which_beat_the_body(employee_client, intranet):
    titles = result_titles(search(employee_client, "leave", kind="guide"))
    assert titles[0] == "Booking leave"
    assert set(titles[1:3]) == {"Time off", "Your first week"}
    assert titles[3] == "Working from home"
    assert len(titles) == 4


def test_a_community_title_beats_its_purpose_which_beats_its_body(employee_client, intranet):
    titles = result_titles(search(employee_client, "payroll", kind="community"))
    assert titles == ["Payroll", "Finance", "Operations"]


@pytest.mark.parametrize("query", ["Lovelace", "payroll specialist", "spreadsheets"])
def test_people_are_found_by_name_job_title_and_expertise(employee_client, intranet, query):
    assert result_titles(search(employee_client, query, kind="person")) == ["Ada Lovelace"]


def test_a_discussion_is_found_by_its_comments(employee_client, intranet):
    assert result_titles(search(employee_client, "zebrafish")) == ["Printer trouble"]


def test_documents_are_found_by_title(employee_client, intranet):
    assert result_titles(search(employee_client, "expenses")) == ["Expenses claim form"]


def test_every_word_must_match(employee_client, intranet):
    assert result_titles(search(employee_client, "booking leave")) == ["Booking leave"]


def test_a_synonym_finds_the_words_it_stands_for(employee_client, intranet, holiday_synonyms):
    titles = result_titles(search(employee_client, "holiday", kind="guide"))
    assert titles[0] == "Booking leave"
    assert "Working from home" in titles


def test_without_the_synonym_holiday_finds_nothing(employee_client, intranet):
    assert result_titles(search(employee_client, "holiday")) == []


def test_synonyms_are_single_words(db):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        SearchSynonym(words="holiday").full_clean()
    with pytest.raises(ValidationError):
        SearchSynonym(words="annual leave, holiday").full_clean()
    synonym = SearchSynonym(words=" Holiday ,LEAVE,, holiday")
    synonym.full_clean()
    assert synonym.words == "holiday, leave"


def test_results_mix_kinds_with_the_title_matches_first(employee_client, intranet):
    titles = result_titles(search(employee_client, "payroll"))
    # The community named Payroll and the person whose job title says it lead;
    # pages that only mention it in the body come last.
    assert titles[0] == "Payroll"
    assert set(titles) == {"Payroll", "Finance", "Operations", "Ada Lovelace"}
    assert titles[-1] == "Operations"
