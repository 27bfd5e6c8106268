"""The verdict of a guide's review reaches its author in the notification centre, and
the review emails link to the intranet's real address, port included."""

import pytest

from django.core import mail
from django.test import override_settings
from django.urls import reverse

from wagtail.models import WorkflowState

from guides.models import GuidePage
from notifications.models import EmailFrequency, Notification, NotificationKind
from tests.guides.test_workflow import add_guide_url, guide_form

pytestmark = pytest.mark.django_db

BASE_URL = "http://intranet.example.com:8000"


def submit_and_decide(client, author, reviewer, index, action, comment=""):
    client.force_login(author)
    client.post(add_guide_url(index), guide_form(**{"action-submit": "submit"}))
    guide = GuidePage.objects.get(title="Booking a meeting room")
    state = WorkflowState.objects.get(object_id=str(guide.pk))
    client.force_login(reviewer)
    client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[guide.pk, action, state.current_task_state.pk],
        ),
        {"comment": comment},
    )
    guide.refresh_from_db()
    return guide


def test_an_approval_reaches_the_author_in_the_notification_centre(
    client, communicator, second_communicator, guides_index
):
    guide = submit_and_decide(client, communicator, second_communicator, guides_index, "approve")
    assert guide.live
    notification = Notification.objects.get(recipient=communicator)
    assert notification.kind == NotificationKind.REVIEW
    verdict = f"{second_communicator.get_full_name()} approved “Booking a meeting room”"
    assert notification.describe() == verdict
    assert notification.url == guide.url
    # Wagtail's workflow emails the verdict already: the intranet does not say it twice.
    assert notification.email == EmailFrequency.OFF
    # The reviewer hears nothing of their own verdict.
    assert not Notification.objects.filter(recipient=second_communicator).exists()
    client.force_login(communicator)
    html = client.get(reverse("notifications:list")).content.decode()
    assert verdict in html


def test_a_request_for_changes_reaches_the_author_with_the_reviewers_words(
    client, communicator, second_communicator, guides_index
):
    guide = submit_and_decide(
        client, communicator, second_communicator, guides_index, "reject", "Add the floor plan."
    )
    assert not guide.live
    notification = Notification.objects.get(recipient=communicator)
    assert notification.describe() == (
        f"{second_communicator.get_full_name()} asked for changes to “Booking a meeting room”: "
        "Add the floor plan."
    )
    assert notification.url == reverse("wagtailadmin_pages:edit", args=[guide.pk])


@override_settings(WAGTAILADMIN_BASE_URL=BASE_URL, WAGTAILADMIN_NOTIFICATION_USE_HTML=True)
def test_the_review_emails_link_to_the_intranets_address_with_its_port(
    client, communicator, second_communicator, guides_index
):
    guide = submit_and_decide(client, communicator, second_communicator, guides_index, "approve")
    [approved] = [message for message in mail.outbox if message.to == [communicator.email]]
    assert f"{BASE_URL}{guide.url}" in approved.body
    [(html, _type)] = approved.alternatives
    assert f'href="{BASE_URL}{guide.url}"' in html
    assert "http://localhost/" not in approved.body

    mail.outbox.clear()
    GuidePage.objects.all().delete()
    guide = submit_and_decide(
        client, communicator, second_communicator, guides_index, "reject", "Too long."
    )
    [rejected] = [message for message in mail.outbox if message.to == [communicator.email]]
    assert f"{BASE_URL}/admin/pages/{guide.pk}/edit/" in rejected.body
