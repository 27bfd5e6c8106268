"""Unsubscribe links: one person, the kinds of one email, for a month.

The link in an email is its own credential (no sign-in), so it must not be
a master key: it stops what that email was about, for the person it went to,
and it expires. Anything else, a link changed by hand, signed for something
else, too old or from before links expired, gets a clear page and changes
nothing.
"""

import time
from datetime import timedelta
from unittest import mock

import pytest

from django.core import mail, signing

from intranet.factories import UserFactory
from notifications import services
from notifications.factories import NotificationFactory
from notifications.models import DEFAULT_FREQUENCIES, EmailPreference, NotificationKind

pytestmark = pytest.mark.django_db

EXPIRED = "This link has expired"
BROKEN = "This link does not work"


@pytest.fixture
def alice():
    return UserFactory(username="alice")


@pytest.fixture
def bob():
    return UserFactory(username="bob")


def emailed_link(recipient, kind) -> str:
    """Send `recipient` an email about one `kind` of event; the unsubscribe link in it."""
    NotificationFactory(recipient=recipient, kind=kind, email="immediately")
    services.send_pending_emails(delay=timedelta(0))
    body = mail.outbox[-1].body
    return body.split("Stop these emails: ")[1].split()[0].removeprefix("http://testserver")


def link(token) -> str:
    return f"/notifications/unsubscribe/{token}/"


def made_days_ago(days, user, kinds) -> str:
    """A token signed `days` ago: the clock is turned back only while it is signed."""
    with mock.patch("django.core.signing.time.time", return_value=time.time() - days * 86400):
        return services.unsubscribe_token(user, kinds)


def assert_refused(client, url, message):
    """Opening and posting the link both say `message`, offer the preferences, change nothing."""
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 400
        html = response.content.decode()
        assert message in html
        assert 'href="/notifications/preferences/"' in html
    assert not EmailPreference.objects.exists()


def test_a_link_stops_its_emails_kind_for_its_person_and_nothing_else(client, alice, bob):
    url = emailed_link(alice, NotificationKind.REPLY)
    # Bob is signed in, and opens Alice's link: it is still Alice's link.
    client.force_login(bob)
    asked = client.get(url)
    assert asked.status_code == 200
    assert "Replies to my comments" in asked.content.decode()
    assert not EmailPreference.objects.exists()

    response = client.post(url)
    assert response.status_code == 200
    assert "You will get no more of these emails" in response.content.decode()
    assert services.preferences_of(alice) == {
        **DEFAULT_FREQUENCIES,
        NotificationKind.REPLY: "off",
    }
    assert not EmailPreference.objects.filter(user=bob).exists()


def test_an_email_about_several_kinds_stops_those_kinds(client, alice):
    NotificationFactory(recipient=alice, kind=NotificationKind.MENTION, email="immediately")
    url = emailed_link(alice, NotificationKind.SUGGESTION)
    client.post(url)
    assert services.preferences_of(alice) == {
        **DEFAULT_FREQUENCIES,
        NotificationKind.MENTION: "off",
        NotificationKind.SUGGESTION: "off",
    }


def test_a_link_a_day_short_of_a_month_still_works(client, alice):
    response = client.post(link(made_days_ago(30, alice, ["reply"])))
    assert response.status_code == 200
    assert services.preferences_of(alice)[NotificationKind.REPLY] == "off"


def test_a_link_older_than_a_month_has_expired(client, alice):
    assert_refused(client, link(made_days_ago(32, alice, ["reply"])), EXPIRED)


def test_a_link_from_before_links_expired_has_expired(client, alice):
    # The old links named only the person, and stopped every email for ever.
    old = signing.dumps(alice.pk, salt=services.UNSUBSCRIBE_SALT)
    assert_refused(client, link(old), EXPIRED)


def test_a_link_changed_to_name_another_person_does_not_work(client, alice, bob):
    alices = services.unsubscribe_token(alice, ["reply"])
    bobs = services.unsubscribe_token(bob, ["reply"])
    # Bob's payload under Alice's timestamp and signature, and the reverse.
    bob_payload, _rest = bobs.split(":", 1)
    _payload, alice_rest = alices.split(":", 1)
    assert_refused(client, link(f"{bob_payload}:{alice_rest}"), BROKEN)
    last = alices[-1]
    for token in (alices[:-1] + ("A" if last != "A" else "B"), alices[:-5], "1", "x" * 40):
        assert_refused(client, link(token), BROKEN)


def test_a_link_changed_to_name_other_kinds_does_not_work(client, alice):
    reply_link = services.unsubscribe_token(alice, ["reply"])
    every_kind = services.unsubscribe_token(alice, NotificationKind.values)
    every_payload, _rest = every_kind.split(":", 1)
    _payload, reply_rest = reply_link.split(":", 1)
    assert_refused(client, link(f"{every_payload}:{reply_rest}"), BROKEN)


def test_a_token_signed_for_something_else_does_not_work(client, alice):
    payload = {"person": alice.pk, "kinds": ["reply"]}
    assert_refused(client, link(signing.dumps(payload, salt="another.purpose")), BROKEN)
    assert_refused(client, link(signing.dumps(payload)), BROKEN)


def test_a_signed_link_for_no_known_kind_does_not_work(client, alice):
    for kinds in ([], ["everything"], "reply"):
        token = signing.dumps({"person": alice.pk, "kinds": kinds}, salt=services.UNSUBSCRIBE_SALT)
        assert_refused(client, link(token), BROKEN)


def test_a_link_for_someone_since_deleted_does_not_work(client, alice):
    token = services.unsubscribe_token(alice, ["reply"])
    alice.delete()
    assert_refused(client, link(token), BROKEN)
