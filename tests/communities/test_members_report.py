"""The members report: who belongs where, on screen and in its CSV export, for administrators."""

import csv
import io

import pytest

from django.test import Client
from django.urls import reverse

from communities.factories import MembershipFactory
from communities.models import Visibility
from intranet.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("communities_members_report")


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def belonging(make_community, owner):
    secret = make_community(title="Project Aurora", lead=owner, visibility=Visibility.SECRET)
    MembershipFactory(
        user=UserFactory(username="tomas", email="tomas@example.com"), community=secret
    )
    return secret


def test_an_administrator_sees_every_member_and_team_place_and_exports_them(belonging):
    admin = signed_in(UserFactory(username="root", is_superuser=True))
    page = admin.get(URL)
    assert page.status_code == 200
    assert "Project Aurora" in page.text
    assert "tomas@example.com" in page.text
    export = admin.get(URL, {"export": "csv"})
    rows = list(csv.DictReader(io.StringIO(b"".join(export.streaming_content).decode())))
    assert [
        (row["Community"], row["Username"], row["Role"], row["Visibility"]) for row in rows
    ] == [
        ("Project Aurora", "olivia", "lead", "secret"),
        ("Project Aurora", "tomas", "member", "secret"),
    ]


def test_nobody_else_reads_it(belonging, owner):
    # A community's lead has the admin, but not everyone's memberships.
    assert signed_in(owner).get(URL).status_code in (302, 403)
    assert signed_in(owner).get(URL, {"export": "csv"}).status_code in (302, 403)
