"""No address in a request sends anyone off the intranet after signing in."""

import pytest

from intranet.factories import UserFactory

OFF_SITE = [
    "https://evil.example.com/",
    "//evil.example.com/",
    "/\\evil.example.com/",
    "javascript:alert(1)",
    "https:evil.example.com",
]


@pytest.mark.django_db
@pytest.mark.parametrize("target", OFF_SITE)
def test_signing_in_never_follows_next_off_site(client, target):
    UserFactory(username="erin", password="changeme")
    response = client.post(
        "/login/?next=" + target, {"username": "erin", "password": "changeme", "next": target}
    )
    assert response.status_code == 302
    assert response["Location"] == "/"


@pytest.mark.django_db
def test_signing_in_follows_next_on_site(client):
    UserFactory(username="erin", password="changeme")
    response = client.post(
        "/login/", {"username": "erin", "password": "changeme", "next": "/people/"}
    )
    assert response["Location"] == "/people/"
