"""Email subjects show titles and names as written: a subject is plain text, not HTML."""

from datetime import timedelta

import pytest

from django.core import mail
from django.test import override_settings

from intranet.factories import UserFactory
from notifications import services
from notifications.factories import NotificationFactory
from notifications.models import DESCRIPTIONS, EmailFrequency, NotificationKind
from tests.guides.conftest import guides_index, make_guide  # noqa: F401
from tests.guides.test_reviews import days, run

pytestmark = pytest.mark.django_db

TITLE = "Leave & holidays: what's new"


def sent_subjects():
    return [message.subject for message in mail.outbox]


@pytest.mark.parametrize("kind", NotificationKind.values)
def test_a_notification_email_names_the_title_as_written(kind):
    actor = UserFactory(first_name="Siobhán", last_name="O'Neil")
    NotificationFactory(kind=kind, title=TITLE, actor=actor, email=EmailFrequency.IMMEDIATELY)
    assert services.send_pending_emails(delay=timedelta(0)) == 1
    one, _several = DESCRIPTIONS[kind]
    assert sent_subjects() == [str(one % {"actor": "Siobhán O'Neil", "title": TITLE})]


def test_several_events_in_one_email_name_the_title_as_written():
    NotificationFactory(
        kind=NotificationKind.COMMENT,
        group_title=TITLE,
        count=3,
        email=EmailFrequency.IMMEDIATELY,
    )
    services.send_pending_emails(delay=timedelta(0))
    assert sent_subjects() == [f"3 new comments on “{TITLE}”"]


def test_review_reminders_name_the_title_as_written(make_guide):  # noqa: F811
    owner = UserFactory(username="owen")
    guide = make_guide(title=TITLE, content_owner=owner)
    guide.review_by = days(0)
    guide.save_revision().publish()
    for day in (-10, 2, 20):
        run(days(day))
    assert sent_subjects() == [
        f"Review due soon: {TITLE}",
        f"Review overdue: {TITLE}",
        f"Escalated: nobody has reviewed {TITLE}",
    ]


@override_settings(WAGTAIL_SITE_NAME="Ann's Tools & Co")
def test_the_password_reset_email_names_the_site_as_written(client):
    UserFactory(email="erin@example.com")
    client.post("/password-reset/", {"email": "erin@example.com"})
    assert sent_subjects() == ["Choose a new password for Ann's Tools & Co"]
