"""A guide index offers "Write a guide", a guide "Edit": to those Wagtail lets, no one else."""

import pytest

from django.urls import reverse

from guides.factories import GuideIndexPageFactory
from intranet.factories import UserFactory

pytestmark = pytest.mark.django_db

WRITE = "Write a guide"


def add_url(index):
    return reverse("wagtailadmin_pages:add", args=["guides", "guidepage", index.pk])


def test_a_communicator_is_offered_to_write_a_guide_where_he_may(
    client, communicator, guides_index
):
    client.force_login(communicator)
    html = client.get(guides_index.url).content.decode()
    assert WRITE in html
    assert f'href="{add_url(guides_index)}"' in html
    # The link leads to Wagtail's form, which lets him in.
    assert client.get(add_url(guides_index)).status_code == 200


def test_an_employee_is_not_offered_to_write_a_guide_and_cannot(employee_client, guides_index):
    assert WRITE not in employee_client.get(guides_index.url).content.decode()
    assert employee_client.get(add_url(guides_index)).status_code == 403


def test_a_community_team_writes_in_its_own_index_only(client, make_community, owner, guides_index):
    community = make_community(lead=owner)
    own_index = GuideIndexPageFactory(parent=community, title="Team guides")
    own_index.save_revision().publish()
    client.force_login(owner)
    assert WRITE in client.get(own_index.url).content.decode()
    assert WRITE not in client.get(guides_index.url).content.decode()


def test_edit_shows_for_whoever_may_edit_the_guide(client, communicator, employee, make_guide):
    guide = make_guide(title="Booking leave")
    edit_url = reverse("wagtailadmin_pages:edit", args=[guide.pk])
    client.force_login(communicator)
    assert f'href="{edit_url}"' in client.get(guide.url).content.decode()
    assert client.get(edit_url).status_code == 200
    client.force_login(employee)
    assert f'href="{edit_url}"' not in client.get(guide.url).content.decode()
    assert client.get(edit_url).status_code == 403


def test_a_community_team_sees_no_edit_on_the_communicators_guides(
    client, make_community, owner, make_guide
):
    make_community(lead=owner)
    guide = make_guide()
    client.force_login(owner)
    assert (
        reverse("wagtailadmin_pages:edit", args=[guide.pk])
        not in client.get(guide.url).content.decode()
    )


def test_an_administrator_may_edit_any_guide(client, make_guide):
    guide = make_guide()
    client.force_login(UserFactory(is_superuser=True))
    assert (
        reverse("wagtailadmin_pages:edit", args=[guide.pk])
        in client.get(guide.url).content.decode()
    )
