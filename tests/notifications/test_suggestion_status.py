"""The author of a suggestion hears when the team gives it a new status."""

import re

from django.core import mail
from django.urls import reverse

from insights.factories import SuggestionFactory
from intranet.factories import UserFactory
from notifications import services
from notifications.models import Notification, NotificationKind
from tests.guides.conftest import communicator  # noqa: F401


def edit_url(suggestion):
    return reverse("insights_suggestion_modeladmin_edit", args=[suggestion.pk])


def test_the_author_is_told_when_a_communicator_changes_the_status_in_the_admin(
    client,
    communicator,  # noqa: F811 (the fixture, imported above)
):
    erin = UserFactory(username="erin")
    voter = UserFactory()
    suggestion = SuggestionFactory(author=erin, title="Fewer emails")
    client.force_login(communicator)

    # Answering without moving the status tells nobody.
    response = client.post(edit_url(suggestion), {"status": "new", "answer": "Looking into it."})
    assert response.status_code == 302
    assert not Notification.objects.exists()

    response = client.post(
        edit_url(suggestion), {"status": "planned", "answer": "Weekly digests next month."}
    )
    assert response.status_code == 302
    notification = Notification.objects.get()
    assert (notification.recipient, notification.kind, notification.group_key) == (
        erin,
        NotificationKind.SUGGESTION,
        f"suggestion:{suggestion.pk}",
    )
    assert notification.actor == communicator
    assert notification.describe() == (
        f"{communicator.get_full_name()} answered your suggestion: “Fewer emails” is now Planned"
    )
    assert notification.link == reverse("insights:suggestions") + "?status=planned"
    assert voter.notifications.count() == communicator.notifications.count() == 0

    # Erin reads it in her list, and the link shows her suggestion with its answer.
    client.force_login(erin)
    listing = client.get(reverse("notifications:list")).content.decode()
    assert "answered your suggestion: “Fewer emails” is now Planned" in listing
    target = client.get(notification.link).content.decode()
    assert "Fewer emails" in target and "Weekly digests next month." in target


def test_a_communicator_changing_their_own_suggestion_is_not_told(
    client,
    communicator,  # noqa: F811 (the fixture, imported above)
):
    suggestion = SuggestionFactory(author=communicator)
    client.force_login(communicator)
    response = client.post(edit_url(suggestion), {"status": "declined", "answer": "Not now."})
    assert response.status_code == 302
    assert not Notification.objects.exists()


def test_status_changes_reach_the_digest_the_author_chose(
    client,
    communicator,  # noqa: F811 (the fixture, imported above)
):
    erin = UserFactory(username="erin", email="erin@example.com")
    services.set_preferences(erin, {NotificationKind.SUGGESTION: "daily"})
    suggestion = SuggestionFactory(author=erin, title="A cycling community")
    client.force_login(communicator)
    client.post(edit_url(suggestion), {"status": "under_review", "answer": ""})
    client.post(edit_url(suggestion), {"status": "done", "answer": "It is open."})
    # Nothing goes at once; the daily digest carries both changes as one line.
    assert services.send_pending_emails(delay=None) == 0
    assert services.send_digests("daily") == 1
    (email,) = mail.outbox
    assert email.to == ["erin@example.com"]
    assert "2 changes to your suggestion “A cycling community”" in email.body
    assert "Read it: http://testserver/feedback/suggestions/\n" in email.body


def test_the_preferences_page_offers_the_new_kind(employee_client, employee):
    page = employee_client.get(reverse("notifications:preferences")).content.decode()
    assert "The team&#x27;s answers to my suggestions" in page
    assert re.search(r'<input[^>]*name="suggestion" value="immediately"[^>]*checked', page)
    response = employee_client.post(
        reverse("notifications:preferences"),
        {
            "reply": "off",
            "mention": "off",
            "comment": "off",
            "discussion": "off",
            "suggestion": "weekly",
            "invitation": "off",
            "join_request": "off",
            "membership": "off",
            "flag": "off",
            "review": "off",
            "must_read": "off",
        },
    )
    assert response.status_code == 302
    assert services.preferences_of(employee)[NotificationKind.SUGGESTION] == "weekly"
