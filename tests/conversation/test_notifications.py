"""Emails about replies, mentions and followed pages: batched, never about oneself."""

from datetime import timedelta

from django.core import mail
from django.utils import timezone

from conversation import services
from intranet.factories import UserFactory
from notifications.models import EmailPreference, Notification
from notifications.services import send_pending_emails


def send_now():
    return send_pending_emails(delay=timedelta(0))


def test_reply_mention_and_follow_each_notify_but_never_the_author(discussion, employee):
    dana = discussion.author
    mentioned = UserFactory(username="mei")
    first = services.post_comment(employee, discussion, "Question for @mei")
    services.post_comment(employee, discussion, "Me again", parent=first)
    reasons = dict(Notification.objects.values_list("recipient__username", "kind"))
    # dana started the discussion; erin wrote both comments so hears of neither.
    assert reasons == {"dana": "comment", "mei": "mention"}

    replier = UserFactory(username="kofi")
    services.post_comment(replier, discussion, "An answer", parent=first)
    assert Notification.objects.get(recipient=employee).kind == "reply"
    assert not Notification.objects.filter(recipient=replier).exists()
    assert mentioned and dana


def test_several_events_arrive_as_one_email_after_the_delay(discussion, employee):
    for text in ("One", "Two", "Three"):
        services.post_comment(UserFactory(), discussion, text)
    # Not yet: the first event is younger than the delay.
    assert send_pending_emails(delay=timedelta(minutes=10)) == 0
    assert mail.outbox == []
    later = timezone.now() + timedelta(minutes=11)
    assert send_pending_emails(now=later, delay=timedelta(minutes=10)) >= 1
    to_dana = [email for email in mail.outbox if email.to == [discussion.author.email]]
    assert len(to_dana) == 1
    assert "3 new comments" in to_dana[0].subject
    assert "/notifications/unsubscribe/" in to_dana[0].body
    assert to_dana[0].extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # Sent once: running again sends nothing.
    assert send_now() == 0


def test_the_unsubscribe_link_stops_the_emails_without_signing_in(client, discussion, employee):
    dana = discussion.author
    services.post_comment(employee, discussion, "Hello")
    send_now()
    link = (
        mail.outbox[0]
        .body.split("Stop these emails: ")[1]
        .split()[0]
        .replace("http://testserver", "")
    )
    # Opening the link (as a mail scanner would) only asks.
    asked = client.get(link)
    assert asked.status_code == 200
    assert "Stop these emails from the intranet?" in asked.content.decode()
    assert not EmailPreference.objects.filter(user=dana).exists()
    # The button, or a mail client's one-click POST, unsubscribes.
    response = client.post(link, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert set(EmailPreference.objects.filter(user=dana).values_list("frequency", flat=True)) == {
        "off"
    }
    services.post_comment(UserFactory(), discussion, "Hello again")
    # Still told in the intranet, never by email.
    assert Notification.objects.filter(recipient=dana, read_at__isnull=True).exists()
    send_now()
    assert [email.to for email in mail.outbox].count([dana.email]) == 1


def test_comments_hidden_before_sending_are_not_emailed(discussion, owner, employee):
    comment = services.post_comment(employee, discussion, "Oops")
    services.hide_comment(owner, comment)
    assert send_now() == 0
    assert mail.outbox == []
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()
