"""Emails follow each person's preferences: at once, daily or weekly digests, or never."""

from datetime import timedelta
from io import StringIO

import pytest

from django.core import mail
from django.core.management import CommandError, call_command

from conversation import services as conversation
from intranet.factories import UserFactory
from notifications import services
from notifications.factories import NotificationFactory
from notifications.models import Notification
from notifications.tasks import send_digests_task


def digest(frequency):
    out = StringIO()
    call_command("send_digests", frequency=frequency, stdout=out)
    return out.getvalue()


def test_each_kind_goes_out_as_the_person_chose(discussion, employee):
    dana = discussion.author
    services.set_preferences(dana, {"comment": "daily"})
    kofi = UserFactory(username="kofi")
    services.set_preferences(kofi, {"mention": "weekly"})
    mei = UserFactory(username="mei")
    services.set_preferences(mei, {"mention": "off"})
    conversation.post_comment(employee, discussion, "Over to @kofi and @mei")

    # Nothing at once: dana chose daily, kofi weekly, mei none.
    assert services.send_pending_emails(delay=timedelta(0)) == 0
    assert "Daily digests sent: 1." in digest("daily")
    assert [email.to for email in mail.outbox] == [[dana.email]]
    assert mail.outbox[0].subject == "Your daily digest from Intranet"
    assert f"commented on “{discussion.title}”" in mail.outbox[0].body
    assert "Daily digests sent: 0." in digest("daily")

    assert "Weekly digests sent: 1." in digest("weekly")
    assert mail.outbox[1].to == [kofi.email]
    assert "mentioned you" in mail.outbox[1].body
    # Every email can stop the emails in one click.
    for email in mail.outbox:
        assert email.extra_headers["List-Unsubscribe"].startswith(
            "<http://testserver/notifications/unsubscribe/"
        )
        assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert "/notifications/unsubscribe/" in email.body
    # mei is still told on the intranet.
    assert Notification.objects.filter(recipient=mei, kind="mention").exists()


def test_what_was_read_before_the_digest_is_not_emailed(db):
    person = UserFactory()
    read = NotificationFactory(recipient=person, email="daily")
    services.mark_read(person, read.pk)
    assert services.send_digests("daily") == 0
    assert mail.outbox == []


@pytest.mark.parametrize("bad", [["--frequency", "hourly"], []])
def test_the_digest_command_refuses_a_bad_frequency_and_sends_nothing(db, bad):
    NotificationFactory(email="daily")
    with pytest.raises(CommandError):
        call_command("send_digests", *bad, stdout=StringIO(), stderr=StringIO())
    assert mail.outbox == []
    assert Notification.objects.filter(emailed_at__isnull=True).count() == 1


def test_the_digest_is_a_scheduled_task_too(db):
    NotificationFactory.create_batch(2, email="weekly")
    NotificationFactory(email="daily")
    assert send_digests_task.enqueue("weekly").return_value == 2
    assert len(mail.outbox) == 2


def test_the_immediate_sender_refuses_a_negative_delay(db):
    with pytest.raises(CommandError, match="0 or more"):
        call_command("send_notifications", minutes=-1, stdout=StringIO())
    out = StringIO()
    call_command("send_notifications", minutes=0, stdout=out)
    assert "Notification emails sent: 0." in out.getvalue()
