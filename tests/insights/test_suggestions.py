"""The suggestion box: submitting, voting once, withdrawing; the team answers in the admin."""

import pytest

from django.urls import reverse

from insights import services
from insights.factories import SuggestionFactory, SuggestionVoteFactory
from insights.models import (
    SUGGESTION_TITLE_MAX_LENGTH,
    InboxEntry,
    Suggestion,
    SuggestionStatus,
    SuggestionVote,
)
from intranet.factories import UserFactory
from tests.insights.test_feedback_helpful import XSS, messages_of

LIST = reverse("insights:suggestions")
NEW = reverse("insights:suggest")


def vote_url(suggestion):
    return reverse("insights:vote", args=[suggestion.pk])


def withdraw_url(suggestion):
    return reverse("insights:withdraw", args=[suggestion.pk])


def edit_url(suggestion):
    return reverse("insights_suggestion_modeladmin_edit", args=[suggestion.pk])


def test_an_employee_submits_a_suggestion_and_finds_it_in_the_list(employee_client, employee):
    response = employee_client.post(
        NEW, {"title": "Add a community for cyclists", "body": "Routes and showers."}
    )
    assert response.status_code == 302
    assert response["Location"] == LIST
    assert messages_of(response) == ["Thank you: your suggestion is in the box."]
    suggestion = Suggestion.objects.get()
    assert (suggestion.author, suggestion.status) == (employee, SuggestionStatus.NEW)
    assert InboxEntry.objects.get().suggestion == suggestion
    content = employee_client.get(LIST).content.decode()
    assert "Add a community for cyclists" in content
    assert "Routes and showers." in content


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("", "This field is required."),
        ("   ", "This field is required."),
        ("x" * (SUGGESTION_TITLE_MAX_LENGTH + 1), "at most 120 characters"),
    ],
)
def test_bad_suggestions_are_refused_with_a_message_and_change_nothing(
    employee_client, title, expected
):
    response = employee_client.post(NEW, {"title": title, "body": ""})
    assert response.status_code == 200
    assert expected in response.content.decode()
    assert not Suggestion.objects.exists()


def test_the_service_refuses_what_a_crafted_post_could_bring(employee):
    with pytest.raises(Exception, match="Write something first"):
        services.submit_suggestion(employee, "  ")
    with pytest.raises(Exception, match="Keep it under 2000 characters"):
        services.submit_suggestion(employee, "Fine title", "x" * 2001)
    assert not Suggestion.objects.exists()


def test_suggestions_are_plain_text_and_shown_escaped(employee_client):
    employee_client.post(NEW, {"title": XSS, "body": XSS})
    content = employee_client.get(LIST).content.decode()
    assert XSS not in content
    assert content.count("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;") >= 2


def test_one_vote_per_person_counted_from_the_votes(employee_client, employee):
    suggestion = SuggestionFactory(title="Canteen menu")
    SuggestionVoteFactory.create_batch(3, suggestion=suggestion)

    response = employee_client.post(vote_url(suggestion))
    assert messages_of(response) == ["You back “Canteen menu”."]
    response = employee_client.post(vote_url(suggestion))
    assert messages_of(response) == ["You have already voted for this suggestion."]
    assert SuggestionVote.objects.filter(suggestion=suggestion).count() == 4
    assert services.suggestions_for(employee).get().vote_count == 4
    content = employee_client.get(LIST).content.decode()
    assert "4 votes" in content
    assert "Withdraw my vote" in content


def test_a_vote_can_be_withdrawn_once(employee_client, employee):
    suggestion = SuggestionFactory(title="Canteen menu")
    SuggestionVoteFactory(suggestion=suggestion, user=employee)
    response = employee_client.post(withdraw_url(suggestion))
    assert messages_of(response) == ["Your vote for “Canteen menu” is withdrawn."]
    response = employee_client.post(withdraw_url(suggestion))
    assert messages_of(response) == ["You had not voted for this suggestion."]
    assert not SuggestionVote.objects.exists()


@pytest.mark.parametrize("status", [SuggestionStatus.DECLINED, SuggestionStatus.DONE])
def test_closed_suggestions_take_no_votes(employee_client, status):
    suggestion = SuggestionFactory(title="Dark theme", status=status)
    response = employee_client.post(vote_url(suggestion))
    label = SuggestionStatus(status).label.lower()
    assert messages_of(response) == [f"“Dark theme” is {label}: it no longer takes votes."]
    assert not SuggestionVote.objects.exists()
    assert f'action="{vote_url(suggestion)}"' not in employee_client.get(LIST).content.decode()


@pytest.mark.parametrize("status", [SuggestionStatus.DECLINED, SuggestionStatus.DONE])
def test_a_vote_on_a_closed_suggestion_stays_and_offers_no_withdrawal(
    employee_client, employee, status
):
    suggestion = SuggestionFactory(title="Dark theme", status=status)
    SuggestionVoteFactory(suggestion=suggestion, user=employee)
    content = employee_client.get(LIST).content.decode()
    assert f'action="{withdraw_url(suggestion)}"' not in content
    assert f'action="{vote_url(suggestion)}"' not in content
    assert "You backed this suggestion." in content

    # A crafted post changes nothing and says why.
    response = employee_client.post(withdraw_url(suggestion))
    label = SuggestionStatus(status).label.lower()
    assert messages_of(response) == [f"“Dark theme” is {label}: it no longer takes votes."]
    assert SuggestionVote.objects.filter(suggestion=suggestion, user=employee).exists()


def test_voting_on_an_unknown_suggestion_is_a_404(employee_client):
    assert employee_client.post(reverse("insights:vote", args=[999999])).status_code == 404
    assert not SuggestionVote.objects.exists()


def test_voting_needs_a_post(employee_client):
    suggestion = SuggestionFactory()
    assert employee_client.get(vote_url(suggestion)).status_code == 405
    assert employee_client.get(withdraw_url(suggestion)).status_code == 405


def test_a_vote_returns_to_the_filtered_list_but_never_elsewhere(employee_client):
    suggestion = SuggestionFactory()
    response = employee_client.post(vote_url(suggestion), {"next": LIST + "?status=new"})
    assert response["Location"] == LIST + "?status=new"
    response = employee_client.post(withdraw_url(suggestion), {"next": "https://evil.example/"})
    assert response["Location"] == LIST


def test_who_voted_is_never_listed(employee_client, communicator, client):
    suggestion = SuggestionFactory(title="Canteen menu")
    voter = UserFactory(username="zebedee", first_name="Zebedee", last_name="Quint")
    SuggestionVoteFactory(suggestion=suggestion, user=voter)
    assert "Zebedee" not in employee_client.get(LIST).content.decode()
    client.force_login(communicator)
    for url in (reverse("insights_suggestion_modeladmin_index"), edit_url(suggestion)):
        response = client.get(url)
        assert response.status_code == 200
        assert "Zebedee" not in response.content.decode()


def test_the_list_filters_by_status(employee_client):
    SuggestionFactory(title="Planned idea", status=SuggestionStatus.PLANNED)
    SuggestionFactory(title="New idea")
    content = employee_client.get(LIST + "?status=planned").content.decode()
    assert "Planned idea" in content
    assert "New idea" not in content
    # A hand-edited status shows everything rather than an error.
    content = employee_client.get(LIST + "?status=bogus").content.decode()
    assert "Planned idea" in content and "New idea" in content


# The team answers in the admin


def test_a_communicator_sets_status_and_answer_and_the_answer_is_dated(client, communicator):
    suggestion = SuggestionFactory(title="Canteen menu")
    client.force_login(communicator)
    response = client.post(
        edit_url(suggestion),
        {"title": "Changed by the team", "status": "planned", "answer": "Next month."},
    )
    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.answer) == ("planned", "Next month.")
    # The employee's words stay theirs: the title is read-only in the admin.
    assert suggestion.title == "Canteen menu"
    assert suggestion.answered_at is not None


def test_an_unchanged_answer_keeps_its_date(communicator):
    suggestion = SuggestionFactory(status=SuggestionStatus.DONE, answer="Done.")
    answered_at = suggestion.answered_at
    suggestion.save()
    suggestion.refresh_from_db()
    assert suggestion.answered_at == answered_at


@pytest.mark.parametrize("who", ["employee", "reader", "owner_of_a_community"])
def test_only_the_team_changes_a_suggestion(client, request, who, make_community):
    if who == "owner_of_a_community":
        person = request.getfixturevalue("owner")
        make_community(title="Cyclists", lead=person)
    else:
        person = request.getfixturevalue(who)
    suggestion = SuggestionFactory(title="Canteen menu")
    client.force_login(person)
    response = client.post(edit_url(suggestion), {"status": "done", "answer": "Sneaky."})
    assert response.status_code in (302, 403)
    assert client.get(reverse("insights_suggestion_modeladmin_index")).status_code in (302, 403)
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.answer) == ("new", "")


def test_suggestions_are_made_on_the_front_end_and_only_an_administrator_deletes_one(
    client, communicator, superuser
):
    suggestion = SuggestionFactory()
    delete = reverse("insights_suggestion_modeladmin_delete", args=[suggestion.pk])
    client.force_login(communicator)
    response = client.get(reverse("insights_suggestion_modeladmin_create"))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert client.post(delete).status_code == 302
    assert Suggestion.objects.filter(pk=suggestion.pk).exists()

    client.force_login(superuser)
    assert client.get(reverse("insights_suggestion_modeladmin_create")).status_code == 302
    assert client.post(delete).status_code == 302
    assert not Suggestion.objects.filter(pk=suggestion.pk).exists()
