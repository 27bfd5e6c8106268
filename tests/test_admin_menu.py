"""The admin renders for everyone who may open it, with a menu of their own that follows their
rights at once, however those rights changed."""

import json
import re

import pytest

from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

from communities.factories import CommunityPageFactory
from communities.models import CommunityTeamMember
from intranet.roles import COMMUNICATORS, INSIGHTS_READERS
from tests.communities.conftest import home, make_community, owner, publish  # noqa: F401
from tests.guides.conftest import communicator  # noqa: F401
from tests.insights.conftest import reader, superuser  # noqa: F401

PROPS = re.compile(r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>')


def menu_of(client, url=None) -> dict:
    response = client.get(url or reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return json.loads(PROPS.search(response.text).group(1))


def names_in(menu: dict) -> set[str]:
    """The names of the menu's items, at any depth: each is packed with its name and label."""
    names = set()

    def walk(value):
        if isinstance(value, dict):
            if isinstance(value.get("name"), str) and "label" in value:
                names.add(value["name"])
            values = value.values()
        else:
            values = value if isinstance(value, list) else ()
        for item in values:
            walk(item)

    walk(menu)
    return names


@pytest.fixture
def team_lead(make_community, owner):  # noqa: F811 (fixtures imported above)
    make_community(title="Cyclists", lead=owner)
    return owner


@pytest.fixture(params=["superuser", "communicator", "reader", "team lead"])
def person(request, db):
    return request.getfixturevalue(request.param.replace(" ", "_"))


def test_the_dashboard_renders_for_everyone_who_may_open_the_admin(client, person):
    client.force_login(person)
    menu = menu_of(client)
    assert menu_of(client, reverse("wagtailadmin_account")) == menu
    # Every one of them sees an area of the admin.
    assert names_in(menu) & {"explorer", "insights", "conversation"}


def page_permission(user, home_page):
    return GroupPagePermission(
        group=Group.objects.get(name=INSIGHTS_READERS),
        page=home_page,
        permission=Permission.objects.get(codename="change_page"),
    )


def collection_permission(user, home_page):
    return GroupCollectionPermission(
        group=Group.objects.get(name=INSIGHTS_READERS),
        collection=Collection.get_first_root_node(),
        permission=Permission.objects.get(codename="add_image"),
    )


def own_permission(user, home_page):
    return type(user).user_permissions.through(
        user=user, permission=Permission.objects.get(codename="change_user")
    )


def group(user, home_page):
    return type(user).groups.through(user=user, group=Group.objects.get(name=COMMUNICATORS))


def team(user, home_page):
    return CommunityTeamMember(page=CommunityPageFactory(parent=home_page), user=user)


@pytest.mark.parametrize(
    ("given", "item"),
    [
        (page_permission, "explorer"),
        (collection_permission, "images"),
        (own_permission, "users"),
        (group, "explorer"),
        (team, "conversation"),
    ],
)
def test_rights_given_without_any_signal_show_in_the_next_menu(
    client,
    reader,  # noqa: F811 (the fixtures, imported above)
    home,  # noqa: F811
    given,
    item,
):
    client.force_login(reader)
    assert item not in names_in(menu_of(client))

    # bulk_create sends no signal, as a change made in the database directly would not.
    row = given(reader, home)
    type(row).objects.bulk_create([row])
    assert item in names_in(menu_of(client))


def test_rights_taken_away_leave_the_next_menu(client, team_lead):
    client.force_login(team_lead)
    assert "explorer" in names_in(menu_of(client))

    GroupPagePermission.objects.filter(group__user=team_lead).delete()
    assert "explorer" not in names_in(menu_of(client))


def test_a_new_name_shows_in_the_next_menu(client, reader):  # noqa: F811
    client.force_login(reader)
    assert "Dana" in json.dumps(menu_of(client))

    type(reader).objects.filter(pk=reader.pk).update(first_name="Danielle")
    assert "Danielle" in json.dumps(menu_of(client))


def test_each_person_has_a_menu_of_their_own(client, reader, team_lead):  # noqa: F811
    client.force_login(team_lead)
    assert "explorer" in names_in(menu_of(client))
    client.force_login(reader)
    menu = menu_of(client)
    assert "explorer" not in names_in(menu)
    assert "Dana" in json.dumps(menu)


def explorer_start(menu: dict) -> int:
    """The page the menu's page explorer opens on."""
    main = next(m for m in menu["modules"] if m["_type"] == "wagtail.sidebar.MainMenuModule")
    explorer = next(
        item for item in main["_args"][0] if item["_type"].endswith("PageExplorerMenuItem")
    )
    return explorer["_args"][1]


def test_a_right_moved_to_another_page_moves_where_the_explorer_starts(
    client,
    team_lead,
    make_community,  # noqa: F811 (the fixture, imported above)
):
    client.force_login(team_lead)
    cyclists = team_lead.community_teams.get().page_id
    assert explorer_start(menu_of(client)) == cyclists

    runners = make_community(title="Runners")
    GroupPagePermission.objects.filter(group__user=team_lead).update(page=runners)
    assert explorer_start(menu_of(client)) == runners.pk
