"""The first-run tour: for new joiners, until they close it; closing is a POST."""

import pytest

from home.models import TourDismissal


def test_a_new_joiner_gets_the_tour_until_they_close_it(employee_client, employee):
    page = employee_client.get("/").content.decode()
    assert '<dialog class="tour" id="tour" aria-labelledby="tour-title"' in page
    assert '<script src="/static/home/tour.js" defer></script>' in page
    assert "<script>" not in page  # no inline script under the CSP
    assert employee_client.get("/tour/dismiss/").status_code == 405
    response = employee_client.post("/tour/dismiss/", headers={"Accept": "application/json"})
    assert response.json() == {"dismissed": True}
    # Twice (two tabs) is harmless.
    assert employee_client.post("/tour/dismiss/").status_code == 302
    assert TourDismissal.objects.filter(user=employee).count() == 1
    page = employee_client.get("/").content.decode()
    assert 'id="tour"' not in page and "tour.js" not in page


def test_someone_who_joined_long_ago_gets_no_tour(client, old_hand):
    client.force_login(old_hand)
    assert 'id="tour"' not in client.get("/").content.decode()


@pytest.mark.django_db
def test_an_anonymous_visitor_cannot_dismiss_anything(client):
    response = client.post("/tour/dismiss/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")
    assert not TourDismissal.objects.exists()
