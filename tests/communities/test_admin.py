"""The communities' back office: listings, and the warnings about weak teams."""

import pytest

from django.urls import reverse

from communities import membership, services
from communities.factories import CommunityTeamMemberFactory, MembershipFactory
from communities.models import TeamRole
from intranet.factories import UserFactory
from people.models import Discipline

MEMBERSHIPS = "/admin/communities/membership/"
TEAM_MEMBERS = "/admin/communities/communityteammember/"


@pytest.fixture
def two_communities(make_community, owner):
    a = make_community(title="Alpha", lead=owner)
    b = make_community(title="Beta")
    MembershipFactory(community=a, user=UserFactory(username="zoe", first_name="Zoe"))
    MembershipFactory(community=b, user=UserFactory(username="yann", first_name="Yann"))
    CommunityTeamMemberFactory(page=b, user=UserFactory(username="ivan"), discipline=Discipline.IT)
    return a, b


def listed(response):
    return [str(row) for row in response.context["object_list"]]


def test_memberships_are_filtered_by_community_and_searched_by_person(
    admin_client, two_communities
):
    a, _b = two_communities
    assert len(listed(admin_client.get(MEMBERSHIPS))) == 2
    assert listed(admin_client.get(MEMBERSHIPS, {"community": a.pk})) == ["zoe in Alpha"]
    assert listed(admin_client.get(MEMBERSHIPS, {"q": "yann"})) == ["yann in Beta"]


def test_team_members_are_filtered_by_discipline_and_searched_by_person(
    admin_client, two_communities
):
    a, _b = two_communities
    response = admin_client.get(TEAM_MEMBERS, {"discipline__exact": Discipline.IT})
    assert [member.user.username for member in response.context["object_list"]] == ["ivan"]
    response = admin_client.get(TEAM_MEMBERS, {"community": a.pk})
    assert [member.user.username for member in response.context["object_list"]] == ["olivia"]
    response = admin_client.get(TEAM_MEMBERS, {"q": "olivia"})
    assert [member.user.username for member in response.context["object_list"]] == ["olivia"]


def test_the_team_listing_is_read_only_because_the_page_is_the_source_of_truth(
    admin_client, two_communities
):
    assert admin_client.get(TEAM_MEMBERS + "create/").status_code in (302, 403)


def test_the_page_editor_warns_about_a_team_without_lead_or_second_discipline(
    admin_client, make_community, owner
):
    lonely = make_community(title="Lonely")
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[lonely.pk]))
    messages = [str(message) for message in response.context["messages"]]
    assert any("Lonely has no lead" in message for message in messages)
    assert any("covers no discipline yet" in message for message in messages)

    healthy = make_community(title="Healthy", lead=owner)
    CommunityTeamMemberFactory(
        page=healthy, user=UserFactory(), discipline=Discipline.IT, role=TeamRole.FACILITATOR
    )
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[healthy.pk]))
    assert [str(message) for message in response.context["messages"]] == []


MEMBERSHIP_LOG = "/admin/communities/membershipevent/"


def test_a_superuser_reads_the_membership_log_and_cannot_change_it(
    admin_client, client, make_community, owner
):
    alpha = make_community(title="Alpha", lead=owner)
    zoe = UserFactory(username="zoe", first_name="Zoe")
    services.add_member(owner, zoe, alpha)
    membership.remove_member(owner, zoe, alpha, "Moved to the Lyon office")

    response = admin_client.get(MEMBERSHIP_LOG)
    assert response.status_code == 200
    events = response.context["object_list"]
    assert [(event.person.username, event.action) for event in events] == [
        ("zoe", "removed"),
        ("zoe", "added"),
    ]
    assert "Moved to the Lyon office" in response.content.decode()
    assert listed(admin_client.get(MEMBERSHIP_LOG, {"action__exact": "added"}))[0].endswith(
        "zoe added"
    )
    assert admin_client.get(MEMBERSHIP_LOG + "create/").status_code in (302, 403)
    event = events[0]
    assert admin_client.get(f"{MEMBERSHIP_LOG}edit/{event.pk}/").status_code in (302, 403)
    assert admin_client.get(f"{MEMBERSHIP_LOG}delete/{event.pk}/").status_code in (302, 403)

    # A team lead edits the page, not the log.
    client.force_login(owner)
    assert client.get(MEMBERSHIP_LOG).status_code in (302, 403)
