"""One small intranet, built once per module, for the attack suite.

Building a page tree with teams and permissions costs far more than any one
request against it, and the permission matrix asks hundreds of questions of
the same tree. So the tree is built once, inside a transaction that stays open
for the whole module; each test runs in a savepoint inside it (pytest-django's
`db` fixture) and is rolled back, and the module's transaction is rolled back
at the end, as Django's `TestCase.setUpTestData` does.
"""

from dataclasses import dataclass, field

import pytest
import wagtail_factories

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.test import override_settings

from wagtail.models import Collection

from communities.factories import (
    CommunityPageFactory,
    CommunityTeamMemberFactory,
    DiscussionPageFactory,
    MembershipFactory,
)
from communities.models import Invitation, JoinRequest, MembershipPolicy, TeamRole
from conversation.factories import CommentFactory, FlagFactory
from guides.factories import GuideIndexPageFactory, GuidePageFactory
from guides.models import GuideIndexPage
from home.models import HomePage
from intranet.factories import UserFactory
from intranet.roles import COMMUNICATORS, INSIGHTS_READERS, SHARED_COLLECTION
from people.models import Discipline


def publish(page):
    """Publish the page's current state as the admin does, firing `page_published`."""
    page.save_revision().publish()
    return page


def community(parent, title, lead=None, **fields):
    page = CommunityPageFactory(parent=parent, title=title, **fields)
    if lead is not None:
        CommunityTeamMemberFactory(
            page=page, user=lead, discipline=Discipline.HR, role=TeamRole.LEAD
        )
    return publish(page)


@dataclass
class World:
    """Who and what the attacks aim at; every object is re-read by `pk` in a test."""

    users: dict
    pages: dict
    comments: dict
    documents: dict
    images: dict
    # Waiting to be answered: sam asked to join "By invitation", and erin is invited to it.
    join_requests: dict = field(default_factory=dict)


def build_world() -> World:
    admin = UserFactory(username="admin", is_superuser=True, is_staff=True)
    erin = UserFactory(username="erin", first_name="Erin")
    sam = UserFactory(username="sam", first_name="Sam")
    olivia = UserFactory(username="olivia", first_name="Olivia")
    fred = UserFactory(username="fred", first_name="Fred")
    carl = UserFactory(username="carl", first_name="Carl")
    carl.groups.add(Group.objects.get(name=COMMUNICATORS))
    dana = UserFactory(username="dana", first_name="Dana")
    dana.groups.add(Group.objects.get(name=INSIGHTS_READERS))

    home = HomePage.objects.get()
    # parent ⊃ {a ⊃ a_child, b}; olivia leads a, fred led it once.
    parent = community(home, "Parent", lead=UserFactory(username="parent_lead"))
    a = community(parent, "A", lead=fred)
    a.team_members.all().delete()
    CommunityTeamMemberFactory(page=a, user=olivia, discipline=Discipline.HR, role=TeamRole.LEAD)
    publish(a)
    a_child = community(a, "A child")
    b = community(parent, "B", lead=UserFactory(username="b_lead"))
    invitation = community(
        home,
        "By invitation",
        lead=UserFactory(username="invitation_lead"),
        membership_policy=MembershipPolicy.INVITATION,
    )
    # Erin belongs to A child, so she can start discussions there.
    MembershipFactory(user=erin, community=a_child)
    join_requests = {"sam": JoinRequest.objects.create(user=sam, community=invitation)}
    Invitation.objects.create(user=erin, community=invitation, invited_by=admin)
    guide_index = GuideIndexPage.objects.child_of(home).get()

    def discussion(where, title):
        return publish(DiscussionPageFactory(parent=where, title=title, author=erin))

    pages = {
        "home": home,
        "parent": parent,
        "A": a,
        "A child": a_child,
        "B": b,
        "invitation": invitation,
        "discussion in parent": discussion(parent, "In the parent"),
        "discussion in A": discussion(a, "In A"),
        "discussion in A child": discussion(a_child, "In A child"),
        "discussion in B": discussion(b, "In B"),
        "guide": publish(GuidePageFactory(parent=guide_index, title="A guide")),
    }
    for name in ("A", "B"):
        index = GuideIndexPageFactory(parent=pages[name], title=f"Guides of {name}")
        pages[f"guide in {name}"] = publish(
            GuidePageFactory(parent=publish(index), title=f"Guide in {name}")
        )
    comments = {}
    for name, page in pages.items():
        if name.startswith("discussion") or name == "guide":
            comment = CommentFactory(page=page, user=erin, comment=f"Erin on {page.title}")
            FlagFactory(comment=comment, user=sam)
            comments[f"comment on {name}"] = comment

    collections = {
        "A": a.team_access.collection,
        "B": b.team_access.collection,
        "Shared": Collection.objects.get(depth=2, name=SHARED_COLLECTION),
    }
    documents = {
        f"document in {name}": wagtail_factories.DocumentFactory(
            collection=collection, title=f"Document in {name}"
        )
        for name, collection in collections.items()
    }
    images = {
        f"image in {name}": wagtail_factories.ImageFactory(
            collection=collection, title=f"Image in {name}"
        )
        for name, collection in collections.items()
    }
    return World(
        users={
            "erin": erin,
            "sam": sam,
            "olivia": olivia,
            "fred": fred,
            "carl": carl,
            "dana": dana,
            "admin": admin,
        },
        pages=pages,
        comments=comments,
        documents=documents,
        images=images,
        join_requests=join_requests,
    )


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    # Files on disk, as in production: Wagtail serves a document from its
    # path, which the test settings' in-memory storage only pretends to have.
    storages = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path_factory.mktemp("media"))},
        },
    }
    with (
        override_settings(STORAGES=storages),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        yield build_world()
        transaction.set_rollback(True)
