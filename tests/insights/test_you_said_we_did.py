"""'You said, we did': planned and done suggestions with the team's answer."""

import datetime

from django.urls import reverse
from django.utils import timezone

from insights import services
from insights.factories import SuggestionFactory, SuggestionVoteFactory
from insights.models import Suggestion, SuggestionStatus

PAGE = reverse("insights:you-said-we-did")


def answered(title, status, answer="We did it.", days_ago=0):
    suggestion = SuggestionFactory(title=title, status=status, answer=answer)
    when = timezone.now() - datetime.timedelta(days=days_ago)
    Suggestion.objects.filter(pk=suggestion.pk).update(answered_at=when)
    return suggestion


def test_only_planned_and_done_suggestions_with_an_answer_are_listed(employee_client):
    answered("Canteen menu", SuggestionStatus.PLANNED, "Next month.")
    answered("Printable guides", SuggestionStatus.DONE, "Done: print away.")
    answered("Dark theme", SuggestionStatus.DECLINED, "Not now.")
    answered("Cyclists", SuggestionStatus.UNDER_REVIEW, "Looking into it.")
    answered("Unanswered plan", SuggestionStatus.PLANNED, "")
    SuggestionFactory(title="Brand new")
    content = employee_client.get(PAGE).content.decode()
    for shown in ("Canteen menu", "Next month.", "Printable guides", "Done: print away."):
        assert shown in content
    for hidden in ("Dark theme", "Cyclists", "Unanswered plan", "Brand new"):
        assert hidden not in content


def test_the_latest_answer_comes_first_and_is_offered_to_the_home_page(employee_client):
    assert services.latest_you_said_we_did() is None
    older = answered("Older", SuggestionStatus.DONE, days_ago=10)
    newer = answered("Newer", SuggestionStatus.PLANNED, days_ago=1)
    answered("Declined newest", SuggestionStatus.DECLINED, days_ago=0)
    SuggestionVoteFactory.create_batch(3, suggestion=newer)
    latest = services.latest_you_said_we_did()
    assert latest == newer
    assert latest.vote_count == 3
    content = employee_client.get(PAGE).content.decode()
    assert content.index("Newer") < content.index("Older")
    assert older.title in content


def test_answering_dates_the_answer_so_it_rises_to_the_top(db):
    first = SuggestionFactory(title="First")
    second = SuggestionFactory(title="Second")
    second.status, second.answer = SuggestionStatus.PLANNED, "Soon."
    second.save()
    first.status, first.answer = SuggestionStatus.DONE, "Done."
    first.save()
    assert services.latest_you_said_we_did() == first


def test_the_answer_is_plain_text(employee_client):
    answered("Idea", SuggestionStatus.DONE, '<img src=x onerror="alert(1)">')
    content = employee_client.get(PAGE).content.decode()
    assert "<img src=x" not in content
    assert "&lt;img src=x" in content


def test_the_page_is_in_the_primary_navigation(employee_client):
    content = employee_client.get(PAGE).content.decode()
    assert f'href="{PAGE}" aria-current="page">You said, we did</a>' in content
    assert f'href="{PAGE}"' in employee_client.get("/").content.decode()
