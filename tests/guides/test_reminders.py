"""“Remind those who haven't”: one reminder to the readers still to acknowledge a must-read,
in the notification centre and by email as each prefers, and no flood from repeated clicks."""

import datetime

import pytest

from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from guides.factories import AcknowledgementFactory
from guides.models import AcknowledgementReminder
from intranet.factories import UserFactory
from notifications import services as notification_services
from notifications.models import EmailFrequency, EmailPreference, Notification, NotificationKind

pytestmark = pytest.mark.django_db

REMIND = "Remind those who haven't"


@pytest.fixture
def must_read(make_guide, communicator):
    return make_guide(title="Using the intranet responsibly", must_read=True)


def remind_url(guide):
    return reverse("guides:remind", args=[guide.pk])


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def test_the_reminder_reaches_those_still_to_acknowledge_once(
    client, communicator, employee, must_read
):
    done = UserFactory(username="dora")
    AcknowledgementFactory(user=done, guide=must_read)
    quiet = UserFactory(username="quinn")
    EmailPreference.objects.create(
        user=quiet, kind=NotificationKind.MUST_READ, frequency=EmailFrequency.OFF
    )
    client.force_login(communicator)
    page = client.get(reverse("guides:acknowledgements", args=[must_read.pk])).content.decode()
    assert REMIND in page

    response = client.post(remind_url(must_read), follow=True)
    reminded = set(
        Notification.objects.filter(kind=NotificationKind.MUST_READ).values_list(
            "recipient__username", flat=True
        )
    )
    # Everyone the guide asks but Dora, who has acknowledged it, and Carl, who sent it.
    assert reminded == {"erin", "quinn"}
    assert AcknowledgementReminder.objects.get().recipient_count == 2
    assert "A reminder is on its way to 2 people." in messages_of(response)
    notification = Notification.objects.get(recipient=employee)
    assert notification.describe() == (
        f"{communicator.get_full_name()} reminds you to read and acknowledge "
        "“Using the intranet responsibly”"
    )
    assert notification.url == must_read.url

    # Emails follow each person's preference: Erin's at once, none for Quinn.
    notification_services.send_pending_emails(delay=datetime.timedelta(0))
    assert [message.to for message in mail.outbox] == [[employee.email]]
    assert must_read.url in mail.outbox[0].body


def test_a_second_click_soon_after_reminds_nobody_and_says_why(
    client, communicator, employee, must_read
):
    client.force_login(communicator)
    client.post(remind_url(must_read), follow=True)
    counts = list(Notification.objects.values_list("pk", "count"))
    response = client.post(remind_url(must_read), follow=True)
    [text] = messages_of(response)
    assert text.startswith("A reminder already went out on ")
    assert "the next can be sent from" in text
    assert list(Notification.objects.values_list("pk", "count")) == counts
    assert AcknowledgementReminder.objects.count() == 1
    # The page says so before anyone clicks again.
    assert "A reminder went to" in response.content.decode()


def test_a_day_later_the_next_reminder_may_go(client, communicator, employee, must_read):
    client.force_login(communicator)
    client.post(remind_url(must_read))
    AcknowledgementReminder.objects.update(sent_at=timezone.now() - datetime.timedelta(hours=25))
    client.post(remind_url(must_read))
    assert AcknowledgementReminder.objects.count() == 2
    # Still unread, the second reminder counts up on the same line.
    assert Notification.objects.get(recipient=employee).count == 2


def test_nobody_to_remind_changes_nothing(client, communicator, employee, must_read):
    AcknowledgementFactory(user=employee, guide=must_read)
    for person in type(employee).objects.exclude(pk__in=[employee.pk, communicator.pk]):
        AcknowledgementFactory(user=person, guide=must_read)
    AcknowledgementFactory(user=communicator, guide=must_read)
    client.force_login(communicator)
    response = client.post(remind_url(must_read), follow=True)
    assert messages_of(response) == ["Everyone has acknowledged this guide: nobody to remind."]
    assert not AcknowledgementReminder.objects.exists()
    assert REMIND not in response.content.decode()


def test_a_guide_that_is_not_a_must_read_has_nobody_to_remind(client, communicator, make_guide):
    guide = make_guide(must_read=False)
    client.force_login(communicator)
    response = client.post(remind_url(guide), follow=True)
    assert "This guide does not ask for acknowledgement." in messages_of(response)
    assert not AcknowledgementReminder.objects.exists()


def test_an_employee_cannot_remind(employee_client, must_read):
    assert employee_client.post(remind_url(must_read)).status_code == 403
    assert not AcknowledgementReminder.objects.exists()
    assert not Notification.objects.exists()


def test_a_community_team_cannot_remind_the_readers_of_the_communicators_guide(
    client, make_community, owner, must_read
):
    make_community(lead=owner)
    client.force_login(owner)
    assert client.post(remind_url(must_read)).status_code == 403
    assert not AcknowledgementReminder.objects.exists()


def test_the_owner_reminds_with_a_post_and_a_csrf_token_only(communicator, must_read):
    client = Client(enforce_csrf_checks=True)
    client.force_login(communicator)
    assert client.get(remind_url(must_read)).status_code == 405
    assert client.post(remind_url(must_read)).status_code == 403
    assert not AcknowledgementReminder.objects.exists()


def test_an_unpublished_guide_is_not_found(client, communicator, must_read):
    must_read.unpublish()
    client.force_login(communicator)
    assert client.post(remind_url(must_read)).status_code == 404
    assert not AcknowledgementReminder.objects.exists()
