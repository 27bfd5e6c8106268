"""Every query is counted per day with nobody attached; people can say what they looked for."""

from django.utils import timezone

from insights.models import Event, EventKind
from search.models import SearchFeedback, SearchQueryDay
from tests.search.helpers import search


def test_queries_are_counted_per_day_and_normalised(employee_client, intranet):
    search(employee_client, "Leave")
    search(employee_client, "  leave! ")
    search(employee_client, "unicorns")
    rows = {row.query_string: row for row in SearchQueryDay.objects.all()}
    assert set(rows) == {"leave", "unicorns"}
    assert (rows["leave"].searches, rows["leave"].zero_results) == (2, 0)
    assert (rows["unicorns"].searches, rows["unicorns"].zero_results) == (1, 1)
    assert rows["leave"].day == timezone.localdate()


def test_the_log_keeps_no_trace_of_who_searched():
    fields = {field.name for field in SearchQueryDay._meta.get_fields()}
    assert fields == {"id", "day", "query_string", "searches", "zero_results"}


def test_further_pages_and_empty_queries_are_not_counted_again(employee_client, intranet):
    search(employee_client, "leave")
    search(employee_client, "leave", page="2")
    search(employee_client, "")
    search(employee_client, "!!!")
    assert list(SearchQueryDay.objects.values_list("query_string", "searches")) == [("leave", 1)]


def test_each_search_is_an_insights_event_without_its_words(employee, employee_client, intranet):
    search(employee_client, "leave")
    search(employee_client, "leave", page="2")
    search(employee_client, "unicorns")
    search(employee_client, "!!!")
    events = Event.objects.filter(kind=EventKind.SEARCH).order_by("pk")
    assert len(events) == 2
    assert events[0].results > 0
    assert events[1].results == 0
    assert {event.user_id for event in events} == {employee.pk}


def test_an_answer_is_kept_with_its_query(employee_client, intranet):
    response = employee_client.post(
        "/search/feedback/", {"query": "unicorns", "text": "The unicorn policy."}, follow=True
    )
    assert response.status_code == 200
    assert "Thank you" in response.content.decode()
    feedback = SearchFeedback.objects.get()
    assert (feedback.query, feedback.text) == ("unicorns", "The unicorn policy.")
    fields = {field.name for field in SearchFeedback._meta.get_fields()}
    assert fields == {"id", "query", "text", "created_at"}


def test_an_empty_answer_is_refused_and_changes_nothing(employee_client):
    response = employee_client.post(
        "/search/feedback/", {"query": "unicorns", "text": "  "}, follow=True
    )
    assert "Write what you were looking for" in response.content.decode()
    assert not SearchFeedback.objects.exists()


def test_the_answer_form_only_takes_posts(employee_client):
    assert employee_client.get("/search/feedback/").status_code == 405


def test_an_anonymous_visitor_cannot_search_suggest_or_answer(client, intranet):
    for url in ("/search/?query=leave", "/search/suggest/?query=le"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/login/")
    response = client.post("/search/feedback/", {"query": "x", "text": "y"})
    assert response.status_code == 302
    assert not SearchFeedback.objects.exists()


def test_an_answer_with_a_nul_byte_is_refused(employee_client):
    response = employee_client.post(
        "/search/feedback/", {"query": "x", "text": "bad\x00text"}, follow=True
    )
    assert response.status_code == 200
    assert not SearchFeedback.objects.exists()
