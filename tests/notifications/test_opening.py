"""Opening a notification reads it; the bell's drop-down lists the newest few."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from intranet.factories import UserFactory
from notifications.factories import NotificationFactory
from notifications.models import Notification


def test_opening_a_notification_marks_it_read_and_leads_to_it(employee_client, employee):
    reply = NotificationFactory(recipient=employee, link="/people/?q=walking")
    other = NotificationFactory(recipient=employee)
    # The centre's links open it through the view that reads it.
    page = employee_client.get("/notifications/").content.decode()
    assert f'href="/notifications/{reply.pk}/"' in page
    response = employee_client.get(f"/notifications/{reply.pk}/")
    assert response.status_code == 302
    assert response["Location"] == "/people/?q=walking"
    reply.refresh_from_db()
    other.refresh_from_db()
    assert reply.read_at is not None and other.read_at is None
    assert 'aria-label="Notifications, 1 unread"' in employee_client.get("/").content.decode()
    # Opened again, read already: it still leads there, and stays read when it was.
    read_at = reply.read_at
    assert employee_client.get(f"/notifications/{reply.pk}/")["Location"] == "/people/?q=walking"
    reply.refresh_from_db()
    assert reply.read_at == read_at


def test_a_group_of_events_opens_on_the_groups_link(employee_client, employee):
    grouped = NotificationFactory(
        recipient=employee, count=3, link="/one/", group_link="/communities/#conversation"
    )
    response = employee_client.get(f"/notifications/{grouped.pk}/")
    assert response["Location"] == "/communities/#conversation"


def test_nobody_opens_or_marks_someone_elses_notification(employee_client):
    theirs = NotificationFactory(link="/communities/")
    assert employee_client.get(f"/notifications/{theirs.pk}/").status_code == 404
    assert employee_client.get("/notifications/999999/").status_code == 404
    # Nor through the drop-down: it lists one's own only.
    assert theirs.describe() not in employee_client.get("/notifications/latest/").content.decode()
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_opening_is_a_plain_get(employee_client, employee):
    mine = NotificationFactory(recipient=employee)
    assert employee_client.post(f"/notifications/{mine.pk}/").status_code == 405
    assert employee_client.post("/notifications/latest/").status_code == 405
    mine.refresh_from_db()
    assert mine.read_at is None


def test_a_link_that_leads_off_the_intranet_is_not_followed(employee_client, employee):
    for link in ("https://elsewhere.example/", "//elsewhere.example/x", "javascript:alert(1)"):
        notification = NotificationFactory(recipient=employee, link=link)
        response = employee_client.get(f"/notifications/{notification.pk}/", follow=True)
        assert response.redirect_chain == [("/notifications/", 302)], link
        assert "That notification’s link leads outside the intranet." in response.content.decode()


def test_the_drop_down_lists_the_newest_five_with_a_way_to_each(employee_client, employee):
    older = NotificationFactory.create_batch(
        3, recipient=employee, updated_at="2026-01-01T00:00Z", read_at="2026-01-02T00:00Z"
    )
    newer = NotificationFactory.create_batch(4, recipient=employee)
    html = employee_client.get("/notifications/latest/").content.decode()
    shown = [n for n in (*newer, *older) if f'href="/notifications/{n.pk}/"' in html]
    assert len(shown) == 5
    assert set(newer) <= set(shown)
    assert html.count("<strong>Unread</strong>") == 4
    # Looking at them reads nothing.
    assert Notification.objects.filter(recipient=employee, read_at__isnull=True).count() == 4


def test_the_drop_down_says_when_there_is_nothing(employee_client):
    assert "Nothing yet." in employee_client.get("/notifications/latest/").content.decode()


def test_the_drop_down_costs_the_same_for_two_notifications_or_forty(client, db):
    small, large = UserFactory(), UserFactory()
    NotificationFactory.create_batch(2, recipient=small)
    NotificationFactory.create_batch(40, recipient=large)
    costs = []
    for viewer in (small, large):
        client.force_login(viewer)
        client.get("/notifications/latest/")
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/notifications/latest/").status_code == 200
        costs.append(len(queries))
    assert costs[0] == costs[1] <= 8, costs


def test_every_page_offers_the_drop_down_and_a_link_to_the_centre_without_script(
    employee_client, employee
):
    NotificationFactory(recipient=employee, title="Lunch plans")
    header = employee_client.get("/people/").content.decode()
    # The bell stays a link to the centre; the script finds where to fetch the newest.
    assert 'class="bell" href="/notifications/"' in header
    assert 'data-latest-url="/notifications/latest/"' in header
    assert '<script src="/static/notifications/bell.js" defer></script>' in header
    assert '<a class="bell-menu__all" href="/notifications/">See all notifications</a>' in header
    # Nothing of the notifications themselves is read for the header.
    assert "Lunch plans" not in header
