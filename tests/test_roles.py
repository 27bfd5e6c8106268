"""The role groups exist, new accounts are employees, and admin access follows the roles."""

import pytest
import wagtail_factories

from django.contrib.auth.models import Group

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.permissions import policy_registry

from communities.factories import CommunityPageFactory
from communities.services import sync_team_permissions
from intranet.factories import UserFactory
from intranet.roles import COMMUNICATORS, EMPLOYEES, INSIGHTS_READERS, SHARED_COLLECTION

pytestmark = pytest.mark.django_db


def test_the_role_groups_exist_and_the_starter_groups_are_gone():
    names = set(Group.objects.values_list("name", flat=True))
    assert {EMPLOYEES, COMMUNICATORS, INSIGHTS_READERS} <= names
    # Wagtail's starter groups could edit every page; rights come from teams here.
    assert not names & {"Editors", "Moderators"}


def test_every_new_account_joins_employees():
    user = UserFactory()
    assert list(user.groups.values_list("name", flat=True)) == [EMPLOYEES]


def test_employees_have_no_admin_access_and_the_other_roles_do():
    def can_access_admin(group_name):
        user = UserFactory()
        user.groups.add(Group.objects.get(name=group_name))
        return user.has_perm("wagtailadmin.access_admin")

    assert can_access_admin(EMPLOYEES) is False
    assert can_access_admin(COMMUNICATORS) is True
    assert can_access_admin(INSIGHTS_READERS) is True


def test_the_header_links_to_the_admin_exactly_for_those_with_admin_access(client):
    from django.contrib.auth.models import Permission

    from intranet.roles import can_open_admin

    people = {name: UserFactory() for name in (EMPLOYEES, COMMUNICATORS, INSIGHTS_READERS)}
    for name, user in people.items():
        user.groups.add(Group.objects.get(name=name))
    people["own permission"] = UserFactory()
    people["own permission"].user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    people["superuser"] = UserFactory(is_superuser=True)
    for name, user in people.items():
        assert can_open_admin(user) is user.has_perm("wagtailadmin.access_admin"), name
        client.force_login(user)
        html = client.get("/").content.decode()
        assert ("Wagtail admin" in html) is can_open_admin(user), name
    assert [name for name, user in people.items() if not can_open_admin(user)] == [EMPLOYEES]


def test_the_admin_link_follows_groups_and_permissions_at_once(client):
    from django.contrib.auth.models import Permission

    access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    employee, communicators = UserFactory(), Group.objects.get(name=COMMUNICATORS)
    client.force_login(employee)

    def links_to_the_admin():
        return "Wagtail admin" in client.get("/").content.decode()

    assert not links_to_the_admin()
    employee.groups.add(communicators)
    assert links_to_the_admin()
    employee.groups.remove(communicators)
    assert not links_to_the_admin()
    employee.user_permissions.add(access)
    assert links_to_the_admin()
    employee.user_permissions.clear()
    assert not links_to_the_admin()
    employee.groups.add(communicators)
    assert links_to_the_admin()
    communicators.permissions.remove(access)
    assert not links_to_the_admin()


def test_communicators_may_add_images_and_documents_but_employees_may_not():
    image_policy = policy_registry.get_by_type(get_image_model())
    communicator = UserFactory()
    communicator.groups.add(Group.objects.get(name=COMMUNICATORS))
    employee = UserFactory()
    assert image_policy.user_has_permission(communicator, "add")
    assert not image_policy.user_has_permission(employee, "add")


def test_communicators_rights_stop_at_the_shared_collection(db):
    """Collection rights pass down; a community's collection is not below "Shared"."""
    document_policy = policy_registry.get_by_type(get_document_model())
    community = CommunityPageFactory()
    sync_team_permissions(community)
    communicator = UserFactory()
    communicator.groups.add(Group.objects.get(name=COMMUNICATORS))
    collections = document_policy.collections_user_has_permission_for(communicator, "change")
    assert [collection.name for collection in collections] == [SHARED_COLLECTION]
    assert not document_policy.user_has_permission_for_instance(
        communicator,
        "change",
        wagtail_factories.DocumentFactory(collection=community.team_access.collection),
    )


def test_a_communicator_opens_the_wagtail_admin(client):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=COMMUNICATORS))
    client.force_login(user)
    assert client.get("/admin/").status_code == 200


def test_an_employee_is_refused_every_admin_address(client):
    client.force_login(UserFactory())
    for url in ("/admin/", "/admin/pages/", "/admin/insights/", "/admin/reports/"):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "permission" in response.content.decode().lower(), url
