"""Emails about replies, mentions and followed pages: batched, never about oneself."""

from datetime import timedelta

from django.core import mail
from django.utils import timezone

from conversation import services
from conversation.models import EmailOptOut, Notification
from intranet.factories import UserFactory


def send_now():
    return services.send_pending_notifications(delay=timedelta(0))


def test_reply_mention_and_follow_each_notify_but_never_the_author(discussion, employee):
    dana = discussion.author
    mentioned = UserFactory(username="mei")
    first = services.post_comment(employee, discussion, "Question for @mei")
    services.post_comment(employee, discussion, "Me again", parent=first)
    reasons = dict(Notification.objects.values_list("recipient__username", "reason"))
    # dana started the discussion; erin wrote both comments so hears of neither.
    assert reasons == {"dana": "following", "mei": "mention"}

    replier = UserFactory(username="kofi")
    services.post_comment(replier, discussion, "An answer", parent=first)
    assert Notification.objects.get(recipient=employee).reason == "reply"
    assert not Notification.objects.filter(recipient=replier).exists()
    assert mentioned and dana


def test_several_events_arrive_as_one_email_after_the_delay(discussion, employee):
    for text in ("One", "Two", "Three"):
        services.post_comment(UserFactory(), discussion, text)
    # Not yet: the first event is younger than the delay.
    assert services.send_pending_notifications(delay=timedelta(minutes=10)) == 0
    assert mail.outbox == []
    later = timezone.now() + timedelta(minutes=11)
    assert services.send_pending_notifications(now=later, delay=timedelta(minutes=10)) >= 1
    to_dana = [email for email in mail.outbox if email.to == [discussion.author.email]]
    assert len(to_dana) == 1
    assert "3 new comments" in to_dana[0].subject
    assert "/conversation/unsubscribe/" in to_dana[0].body
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
    assert "Stop comment emails?" in asked.content.decode()
    assert not EmailOptOut.objects.filter(user=dana).exists()
    # The button, or a mail client's one-click POST, unsubscribes.
    response = client.post(link, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert EmailOptOut.objects.filter(user=dana).exists()
    services.post_comment(employee, discussion, "Hello again")
    assert not Notification.objects.filter(recipient=dana, sent_at__isnull=True).exists()


def test_comments_hidden_before_sending_are_not_emailed(discussion, owner, employee):
    comment = services.post_comment(employee, discussion, "Oops")
    services.hide_comment(owner, comment)
    assert send_now() == 0
    assert mail.outbox == []
    assert not Notification.objects.filter(sent_at__isnull=True).exists()
