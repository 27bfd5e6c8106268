"""The admin picks people from a searchable list of names, not a select of usernames."""

import json

import pytest

from django.urls import reverse

from intranet.factories import UserFactory
from people.models import Profile
from tests.communities.conftest import home, make_community, owner  # noqa: F401

pytestmark = pytest.mark.django_db


def test_the_community_editor_picks_team_members_and_owners_with_the_people_chooser(
    admin_client,
    make_community,  # noqa: F811 (fixtures imported above)
    owner,  # noqa: F811
):
    community = make_community(title="Runners", lead=owner)
    UserFactory(username="zz_hidden_username")
    form = admin_client.get(reverse("wagtailadmin_pages:edit", args=[community.pk])).text
    # No select listing every account; the team member and the content owner choose.
    assert "zz_hidden_username" not in form
    assert reverse("people_chooser:choose") in form
    assert "Choose another person" in form or "Choose a person" in form
    # The chosen lead shows by name.
    assert "Olivia" in form


def test_the_chooser_finds_people_by_department_and_shows_their_names(admin_client):
    nadia = UserFactory(first_name="Nadia", last_name="Okafor", email="nadia@example.com")
    Profile.objects.filter(user=nadia).update(department="Facilities")
    UserFactory(first_name="Piotr", last_name="Nowak")
    UserFactory(first_name="Gone", last_name="Away", is_active=False)
    response = admin_client.get(reverse("people_chooser:choose_results"), {"q": "facil"})
    assert response.status_code == 200
    assert "Nadia Okafor" in response.text
    assert "nadia@example.com" in response.text
    assert "Piotr" not in response.text
    everyone = admin_client.get(reverse("people_chooser:choose_results")).text
    assert "Piotr Nowak" in everyone
    assert "Gone Away" not in everyone
    chosen = admin_client.get(reverse("people_chooser:chosen", args=[nadia.pk]))
    assert json.loads(chosen.text)["result"]["title"] == "Nadia Okafor"


def test_an_employee_cannot_open_the_chooser(client):
    client.force_login(UserFactory())
    assert client.get(reverse("people_chooser:choose")).status_code in (302, 403)
