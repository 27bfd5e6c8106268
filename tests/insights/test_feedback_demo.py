"""The demo's feedback: helpful answers with comments, suggestions across statuses, votes."""

from io import StringIO

from django.core.management import call_command

from insights import services
from insights.models import HelpfulVote, InboxEntry, Suggestion, SuggestionStatus, SuggestionVote


def listening_snapshot():
    return (
        list(HelpfulVote.objects.order_by("pk").values_list("pk", "helpful", "comment")),
        list(
            Suggestion.objects.order_by("pk").values_list("pk", "status", "answer", "answered_at")
        ),
        list(SuggestionVote.objects.order_by("pk").values_list("pk", "user_id", "suggestion_id")),
        list(InboxEntry.objects.order_by("pk").values_list("pk", "received_at")),
    )


def test_the_demo_has_feedback_and_seeding_twice_changes_nothing(seeded):
    assert Suggestion.objects.count() == 8
    assert set(Suggestion.objects.values_list("status", flat=True)) == set(SuggestionStatus.values)
    assert SuggestionVote.objects.count() >= 15
    assert HelpfulVote.objects.exclude(comment="").count() >= 5
    assert HelpfulVote.objects.filter(helpful=False).exists()
    assert InboxEntry.objects.count() == HelpfulVote.objects.count() + Suggestion.objects.count()
    assert services.latest_you_said_we_did() is not None

    before = listening_snapshot()
    call_command("seed_demo", stdout=StringIO())
    assert listening_snapshot() == before
