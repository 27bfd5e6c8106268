"""Two communities behind Wagtail view restrictions, added to the attack suite's world.

Both sit in the world's "parent" community, which everyone reads. "Board" lets
in a group (its members, and its team's group); "Vault" asks for
a password. Each holds a sub-community, a discussion with a comment, and a
guide. Mia is in the board's group and a member of both; Otto is just another
employee; Bea leads the board. Mia gives the vault's password through
Wagtail's own form (`give_the_password`), so her session passes it.
"""

from dataclasses import dataclass

import pytest

from django.contrib.auth.models import Group
from django.db import transaction
from django.test import Client
from django.urls import reverse

from wagtail.models import PageViewRestriction

from communities.factories import DiscussionPageFactory, MembershipFactory
from conversation.factories import CommentFactory
from guides.factories import GuideIndexPageFactory, GuidePageFactory
from intranet.factories import UserFactory
from tests.attack.conftest import community, publish

PASSWORD = "open sesame"


@dataclass
class Restricted:
    users: dict
    pages: dict
    comments: dict
    restrictions: dict


def build_restricted(world) -> Restricted:
    mia = UserFactory(username="mia", first_name="Mia")
    otto = UserFactory(username="otto", first_name="Otto")
    bea = UserFactory(username="bea", first_name="Bea")
    board_group = Group.objects.create(name="Board")
    mia.groups.add(board_group)
    parent = world.pages["parent"]
    pages, comments, restrictions = {}, {}, {}
    for name, lead in (("Board", bea), ("Vault", UserFactory(username="vault_lead"))):
        place = community(parent, name, lead=lead)
        pages[name] = place
        pages[f"{name} sub"] = community(place, f"{name} sub")
        discussion = publish(
            DiscussionPageFactory(parent=place, title=f"Secret plans of {name}", author=mia)
        )
        pages[f"discussion in {name}"] = discussion
        comments[f"comment in {name}"] = CommentFactory(
            page=discussion, user=mia, comment=f"Mia on {name}"
        )
        index = publish(GuideIndexPageFactory(parent=place, title=f"Guides of {name}"))
        pages[f"guide in {name}"] = publish(
            GuidePageFactory(parent=index, title=f"Guide of {name}")
        )
        MembershipFactory(user=mia, community=place)
    board = PageViewRestriction.objects.create(
        page=pages["Board"], restriction_type=PageViewRestriction.GROUPS
    )
    board.groups.add(board_group, pages["Board"].team_access.group)
    restrictions["Board"] = board
    restrictions["Vault"] = PageViewRestriction.objects.create(
        page=pages["Vault"], restriction_type=PageViewRestriction.PASSWORD, password=PASSWORD
    )
    return Restricted(
        users={"mia": mia, "otto": otto, "bea": bea},
        pages=pages,
        comments=comments,
        restrictions=restrictions,
    )


@pytest.fixture(scope="module")
def restricted(world, django_db_blocker):
    """Built once a module on top of its world, in a transaction rolled back at the end."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_restricted(world)
        transaction.set_rollback(True)


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def give_the_password(client, restricted: Restricted) -> None:
    """Give the vault's password through Wagtail's form, as a reader does."""
    vault = restricted.pages["Vault"]
    url = reverse(
        "wagtailcore_authenticate_with_password",
        args=[restricted.restrictions["Vault"].pk, vault.pk],
    )
    response = client.post(url, {"password": PASSWORD, "return_url": vault.url})
    assert response.status_code == 302, response.status_code
