"""How a team's rights follow its inline: sync, removal, moves and deletion.

Who may edit what is stated once, for every role, in
tests/attack/test_permission_matrix.py; these tests cover how the rights change.
"""

import pytest

from django.contrib.auth.models import Group
from django.urls import reverse

from communities import services
from communities.factories import DiscussionPageFactory
from communities.models import CommunityPage, TeamAccess
from intranet.factories import UserFactory
from tests.communities.conftest import publish


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def can_open_editor(client, user, page) -> bool:
    client.force_login(user)
    response = client.get(edit_url(page))
    if response.status_code == 200:
        return True
    # Wagtail answers a refusal with a redirect to the dashboard (or the login
    # page, without admin access); never to the editor itself.
    assert response.status_code in (302, 403), response.status_code
    return False


@pytest.fixture
def tree(make_community, owner):
    """parent ⊃ {a ⊃ a_child, sibling}; `owner` leads `a`, someone else leads `b`."""
    parent = make_community(title="Parent", lead=UserFactory(username="parent_lead"))
    a = make_community(parent=parent, title="A", lead=owner)
    a_child = make_community(parent=a, title="A child")
    sibling = make_community(parent=parent, title="Sibling")
    b = make_community(title="B", lead=UserFactory(username="b_lead"))
    return {"parent": parent, "a": a, "a_child": a_child, "sibling": sibling, "b": b}


def test_the_team_moderates_discussions_in_its_subtree(client, owner, tree):
    discussion = DiscussionPageFactory(parent=tree["a_child"])
    assert can_open_editor(client, owner, discussion)
    unpublish = reverse("wagtailadmin_pages:unpublish", args=[discussion.pk])
    assert client.post(unpublish).status_code == 302
    discussion.refresh_from_db()
    assert not discussion.live


def test_a_team_member_removed_in_the_admin_loses_rights_at_once(client, owner, tree, admin_user):
    """Saving a draft in the admin (not publishing) is enough to take rights away."""
    a = tree["a"]
    assert can_open_editor(client, owner, a)
    member = a.team_members.get()
    client.force_login(admin_user)
    data = {
        "title": a.title,
        "slug": a.slug,
        "purpose": a.purpose,
        "body-count": "0",
        "topics": "",
        "visibility": a.visibility,
        "membership_policy": a.membership_policy,
        "contact_channel": "",
        "team_members-TOTAL_FORMS": "1",
        "team_members-INITIAL_FORMS": "1",
        "team_members-MIN_NUM_FORMS": "0",
        "team_members-MAX_NUM_FORMS": "1000",
        "team_members-0-id": str(member.pk),
        "team_members-0-user": str(owner.pk),
        "team_members-0-discipline": member.discipline,
        "team_members-0-role": member.role,
        "team_members-0-ORDER": "1",
        "team_members-0-DELETE": "1",
    }
    response = client.post(edit_url(a), data)
    assert response.status_code == 302, response.context["form"].errors
    assert not can_open_editor(client, owner, a)


def test_moving_a_community_moves_the_rights(client, owner, tree):
    a_child, b = tree["a_child"], tree["b"]
    b_lead = b.team_members.get().user
    a_child.move(b, pos="last-child")
    a_child.refresh_from_db()
    assert not can_open_editor(client, owner, a_child)
    assert can_open_editor(client, b_lead, a_child)


def test_deleting_a_community_deletes_its_group_and_its_children_groups(tree):
    a = tree["a"]
    services.sync_team_permissions(tree["a_child"])
    group_ids = list(
        TeamAccess.objects.filter(community__in=[a, tree["a_child"]]).values_list(
            "group_id", flat=True
        )
    )
    assert len(group_ids) == 2
    a.delete()
    assert not Group.objects.filter(pk__in=group_ids).exists()
    assert not CommunityPage.objects.filter(title__in=["A", "A child"]).exists()


def test_sync_is_idempotent_and_grants_only_what_the_team_needs(tree, owner):
    a = tree["a"]
    group = services.sync_team_permissions(a)
    again = services.sync_team_permissions(a)
    assert group == again
    assert sorted(group.page_permissions.values_list("permission__codename", flat=True)) == [
        "add_page",
        "change_page",
        "publish_page",
    ]
    assert set(group.page_permissions.values_list("page_id", flat=True)) == {a.pk}
    assert sorted(group.collection_permissions.values_list("permission__codename", flat=True)) == [
        "add_document",
        "add_image",
        "change_document",
        "change_image",
        "choose_document",
        "choose_image",
    ]
    assert list(group.permissions.values_list("codename", flat=True)) == ["access_admin"]
    assert list(group.user_set.all()) == [owner]


def test_renaming_a_community_renames_its_group_and_collection(tree):
    a = tree["a"]
    a.title = "A renamed"
    publish(a)
    assert Group.objects.filter(name=f"Community team: A renamed (#{a.pk})").exists()
    assert a.team_access.collection.name == "Community: A renamed"
