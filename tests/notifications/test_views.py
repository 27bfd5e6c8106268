"""The bell, the list, marking read, following and email preferences, over HTTP."""

import re

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from intranet.factories import UserFactory
from notifications.factories import NotificationFactory
from notifications.models import EmailPreference, Notification, PageFollow, PersonFollow


def test_the_bell_names_the_unread_count_on_every_page(employee_client, employee):
    NotificationFactory.create_batch(3, recipient=employee)
    NotificationFactory(recipient=employee, read_at="2026-01-01T00:00Z")
    NotificationFactory()  # someone else's
    for url in ("/", "/people/", "/communities/", "/notifications/"):
        page = employee_client.get(url).content.decode()
        assert 'aria-label="Notifications, 3 unread"' in page, url


def test_the_bell_costs_one_query(employee_client, employee):
    def cost():
        employee_client.get("/people/")
        with CaptureQueriesContext(connection) as queries:
            employee_client.get("/people/")
        return [q["sql"] for q in queries if "notifications_notification" in q["sql"]]

    assert len(cost()) == 1
    NotificationFactory.create_batch(12, recipient=employee)
    assert len(cost()) == 1


def test_marking_one_and_all_read(employee_client, employee):
    first, second, third = NotificationFactory.create_batch(3, recipient=employee)
    response = employee_client.post(f"/notifications/{first.pk}/read/", {"next": "/notifications/"})
    assert response.status_code == 302
    assert response["Location"] == "/notifications/"
    first.refresh_from_db()
    assert first.read_at is not None
    assert 'aria-label="Notifications, 2 unread"' in employee_client.get("/").content.decode()
    employee_client.post("/notifications/read-all/")
    assert not Notification.objects.filter(read_at__isnull=True).exists()
    assert second and third


def test_reading_is_a_post_and_only_for_ones_own(employee_client, employee):
    mine = NotificationFactory(recipient=employee)
    theirs = NotificationFactory()
    assert employee_client.get(f"/notifications/{mine.pk}/read/").status_code == 405
    assert employee_client.post(f"/notifications/{theirs.pk}/read/").status_code == 404
    # An address elsewhere is not followed after reading.
    response = employee_client.post(
        f"/notifications/{mine.pk}/read/", {"next": "https://elsewhere.example/"}
    )
    assert response["Location"] == "/notifications/"
    employee_client.post("/notifications/read-all/")
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_the_list_shows_ones_own_notifications_at_a_fixed_cost(client, employee):
    other = UserFactory()
    NotificationFactory(recipient=employee, title="Lunch plans", actor=other)
    NotificationFactory(title="Not for erin")
    client.force_login(employee)
    page = client.get("/notifications/").content.decode()
    assert f"{other.get_full_name()} commented on “Lunch plans”" in page
    assert "Not for erin" not in page

    small, large = UserFactory(), UserFactory()
    NotificationFactory.create_batch(2, recipient=small)
    NotificationFactory.create_batch(40, recipient=large)
    for viewer in (small, large):
        client.force_login(viewer)
        assert client.get("/notifications/").status_code == 200
    costs = []
    for viewer in (small, large):
        client.force_login(viewer)
        with CaptureQueriesContext(connection) as queries:
            client.get("/notifications/")
        costs.append(len(queries))
    assert costs[0] == costs[1] <= 12


def test_email_preferences_save_and_bad_input_changes_nothing(employee_client, employee):
    # Reached from the person's own settings.
    edit = employee_client.get(f"/people/{employee.username}/edit/").content.decode()
    assert 'href="/notifications/preferences/"' in edit
    page = employee_client.get("/notifications/preferences/").content.decode()
    # The defaults: replies at once, new discussions in the daily digest.
    assert re.search(r'<input[^>]*name="reply" value="immediately"[^>]*checked', page)
    assert re.search(r'<input[^>]*name="discussion" value="daily"[^>]*checked', page)
    assert not re.search(r'<input[^>]*name="reply" value="daily"[^>]*checked', page)
    data = {
        "reply": "weekly",
        "mention": "off",
        "comment": "daily",
        "discussion": "off",
        "suggestion": "daily",
        "invitation": "weekly",
        "join_request": "immediately",
        "membership": "off",
        "flag": "daily",
        "review": "immediately",
        "must_read": "weekly",
    }
    response = employee_client.post("/notifications/preferences/", data)
    assert response.status_code == 302
    assert dict(EmailPreference.objects.values_list("kind", "frequency")) == data
    response = employee_client.post("/notifications/preferences/", {**data, "reply": "hourly"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert dict(EmailPreference.objects.values_list("kind", "frequency")) == data


def test_follow_buttons_toggle_with_a_post(employee_client, employee, discussion):
    page = employee_client.get(discussion.url).content.decode()
    assert f'action="/notifications/follow/page/{discussion.pk}/"' in page
    assert 'aria-pressed="false"' in page
    assert employee_client.get(f"/notifications/follow/page/{discussion.pk}/").status_code == 405
    employee_client.post(f"/notifications/follow/page/{discussion.pk}/", {"next": discussion.url})
    assert PageFollow.objects.filter(user=employee, page=discussion).exists()
    assert 'aria-pressed="true"' in employee_client.get(discussion.url).content.decode()
    employee_client.post(f"/notifications/follow/page/{discussion.pk}/")
    assert not PageFollow.objects.exists()

    dana = discussion.author
    person_page = employee_client.get(f"/people/{dana.username}/").content.decode()
    assert f'action="/notifications/follow/person/{dana.username}/"' in person_page
    response = employee_client.post(f"/notifications/follow/person/{dana.username}/")
    assert response["Location"] == f"/people/{dana.username}/"
    assert PersonFollow.objects.filter(user=employee, person=dana).exists()
    # Nobody is offered to follow themselves, and a crafted post changes nothing.
    own_page = employee_client.get(f"/people/{employee.username}/").content.decode()
    assert "/notifications/follow/person/" not in own_page
    employee_client.post(f"/notifications/follow/person/{employee.username}/")
    assert not PersonFollow.objects.filter(person=employee).exists()


def test_following_a_community_page_is_refused(employee_client, discussion):
    community = discussion.get_parent()
    employee_client.post(f"/notifications/follow/page/{community.pk}/")
    assert not PageFollow.objects.exists()


@pytest.mark.django_db
def test_anonymous_visitors_can_neither_follow_nor_read(client, discussion):
    notification = NotificationFactory()
    for url in (
        f"/notifications/follow/page/{discussion.pk}/",
        f"/notifications/{notification.pk}/read/",
        "/notifications/read-all/",
        "/notifications/preferences/",
    ):
        response = client.post(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/login/")
    assert not PageFollow.objects.exists()
    assert Notification.objects.filter(read_at__isnull=True).count() == 1
