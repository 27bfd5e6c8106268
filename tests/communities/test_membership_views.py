"""Managing membership from the front end, through the test client: each permission
boundary is crossed with a crafted post, and the members page's cost stays fixed."""

import json
import re

import pytest

from django.test import Client
from django.urls import reverse

from communities import membership, services
from communities.factories import MembershipFactory
from communities.models import (
    CommunityPage,
    Invitation,
    JoinRequest,
    Membership,
    MembershipEvent,
    MembershipPolicy,
)
from intranet.factories import UserFactory
from notifications.models import Notification
from people.models import Profile
from tests.query_counts import assert_cost_does_not_grow


@pytest.fixture
def closed(make_community, owner):
    return make_community(
        title="Inner circle", lead=owner, membership_policy=MembershipPolicy.INVITATION
    )


@pytest.fixture
def other_team_lead(make_community):
    lead = UserFactory(username="otto")
    make_community(title="Elsewhere", lead=lead)
    return lead


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def rows():
    return (
        Membership.objects.count(),
        JoinRequest.objects.filter(status="pending").count(),
        Invitation.objects.count(),
        MembershipEvent.objects.count(),
        CommunityPage.objects.get(title="Inner circle").team_members.count(),
        Notification.objects.count(),
    )


def team_posts(community, target, join_request):
    """Every action of the team, as a crafted post would make it."""
    person = str(target.pk)
    return [
        ("communities:add-member", {"person": person}),
        ("communities:invite", {"person": person, "message": "Come"}),
        ("communities:remove-member", {"person": person, "reason": "Because"}),
        ("communities:promote-member", {"person": person, "discipline": "it", "role": "lead"}),
        (
            "communities:answer-request",
            {"join_request": str(join_request.pk), "decision": "approve"},
        ),
    ]


@pytest.mark.parametrize("who", ["employee", "other community's team"])
def test_crafted_team_posts_from_outside_the_team_are_refused(
    closed, employee, other_team_lead, who
):
    target = UserFactory()
    MembershipFactory(user=target, community=closed)
    join_request = membership.ask_to_join(UserFactory(), closed)
    client = client_for(employee if who == "employee" else other_team_lead)
    before = rows()
    for url_name, data in team_posts(closed, target, join_request):
        response = client.post(reverse(url_name, args=[closed.pk]), data)
        assert response.status_code == 403, url_name
    people = client.get(reverse("communities:find-people", args=[closed.pk]), {"q": "an"})
    assert people.status_code == 403
    page = client.get(reverse("communities:members", args=[closed.pk]))
    assert page.context["add_member_form"] is None
    assert "Requests to join" not in page.content.decode()
    assert rows() == before


def test_the_team_actions_are_posts_only(owner, closed):
    client = client_for(owner)
    for url_name in ("add-member", "invite", "remove-member", "promote-member", "answer-request"):
        response = client.get(reverse(f"communities:{url_name}", args=[closed.pk]))
        assert response.status_code == 405


def test_the_people_chooser_finds_active_people_by_name_email_or_department(owner, closed):
    nadia = UserFactory(first_name="Nadia", last_name="Okafor", email="n.okafor@example.com")
    Profile.objects.filter(user=nadia).update(department="Facilities")
    UserFactory(first_name="Nadine", last_name="Gone", is_active=False)
    url = reverse("communities:find-people", args=[closed.pk])
    client = client_for(owner)

    def found(query):
        response = client.get(url, {"q": query})
        assert response.status_code == 200
        return [person["name"] for person in json.loads(response.content)["people"]]

    assert found("nad") == ["Nadia Okafor"]
    assert found("okafor@") == ["Nadia Okafor"]
    assert found("facilities nadia") == ["Nadia Okafor"]
    assert found("n") == []  # too short to say much
    assert found("x" * 5000) == []
    detail = json.loads(client.get(url, {"q": "nadia"}).content)["people"][0]["detail"]
    assert detail == "n.okafor@example.com · Facilities"


def test_the_people_chooser_answers_a_few_people_at_most(owner, closed):
    UserFactory.create_batch(15, first_name="Alex")
    client = client_for(owner)
    response = client.get(reverse("communities:find-people", args=[closed.pk]), {"q": "alex"})
    assert len(json.loads(response.content)["people"]) == 10


def test_without_script_the_team_finds_and_picks_a_person(owner, closed):
    nadia = UserFactory(first_name="Nadia", last_name="Okafor")
    client = client_for(owner)
    url = reverse("communities:members", args=[closed.pk])
    page = client.get(url, {"find": "okafor"}).content.decode()
    assert f'name="person" value="{nadia.pk}"' in page
    assert "Nadia Okafor" in page
    response = client.post(
        reverse("communities:add-member", args=[closed.pk]), {"person": nadia.pk}, follow=True
    )
    assert messages_of(response) == ["Nadia Okafor is now a member."]
    response = client.post(
        reverse("communities:add-member", args=[closed.pk]), {"person": nadia.pk}, follow=True
    )
    assert messages_of(response) == ["Nadia Okafor was already a member."]
    nobody = client.get(url, {"find": "zzzz"}).content.decode()
    assert "Nobody matches “zzzz”" in nobody


def test_bad_choices_get_a_clear_message_and_change_nothing(owner, closed):
    gone = UserFactory(first_name="Gus", last_name="Gone", is_active=False)
    client = client_for(owner)
    url = reverse("communities:add-member", args=[closed.pk])
    before = rows()
    for data, message in [
        ({}, "Choose a person from the list first."),
        ({"person": "abc"}, "Choose a person from the list first."),
        ({"person": "999999"}, "Nobody matches that choice: find the person again."),
        ({"person": str(gone.pk)}, "Gus Gone has left the organisation."),
    ]:
        assert messages_of(client.post(url, data, follow=True)) == [message]
    assert rows() == before


def test_a_non_member_asks_to_join_and_the_team_approves_from_the_members_page(
    employee, owner, closed
):
    employee_client = client_for(employee)
    page = employee_client.get(closed.url).content.decode()
    assert "Ask to join" in page
    assert reverse("communities:join", args=[closed.pk]) not in page
    employee_client.post(
        reverse("communities:ask-to-join", args=[closed.pk]), {"message": "I'd like to help."}
    )
    assert "You asked to join" in employee_client.get(closed.url).content.decode()
    response = employee_client.post(
        reverse("communities:ask-to-join", args=[closed.pk]), follow=True
    )
    assert messages_of(response)[0].startswith("You have already asked to join Inner circle")

    team = client_for(owner)
    notification = Notification.objects.get(recipient=owner)
    members = team.get(notification.link)
    assert members.status_code == 200
    assert "I&#x27;d like to help." in members.content.decode()
    request = members.context["join_requests"].get()
    response = team.post(
        reverse("communities:answer-request", args=[closed.pk]),
        {"join_request": request.pk, "decision": "approve"},
        follow=True,
    )
    assert response.redirect_chain[-1][0].endswith("#requests")
    assert messages_of(response) == [f"{employee.get_full_name()} is now a member."]
    assert Membership.objects.filter(user=employee, community=closed).exists()
    again = team.post(
        reverse("communities:answer-request", args=[closed.pk]),
        {"join_request": request.pk, "decision": "decline"},
        follow=True,
    )
    assert messages_of(again) == [f"{employee.get_full_name()}'s request was answered already."]
    assert "Leave this community" in employee_client.get(closed.url).content.decode()


def test_an_invitee_accepts_from_the_community_page(employee, owner, closed):
    team = client_for(owner)
    response = team.post(
        reverse("communities:invite", args=[closed.pk]),
        {"person": employee.pk, "message": "Join us on Tuesdays."},
        follow=True,
    )
    assert messages_of(response) == [f"{employee.get_full_name()} is invited."]
    again = team.post(
        reverse("communities:invite", args=[closed.pk]), {"person": employee.pk}, follow=True
    )
    assert messages_of(again) == [f"{employee.get_full_name()} is already invited."]

    employee_client = client_for(employee)
    page = employee_client.get(Notification.objects.get(recipient=employee).link, follow=True)
    assert "Join us on Tuesdays." in page.content.decode()
    response = employee_client.post(
        reverse("communities:answer-invitation", args=[closed.pk]),
        {"decision": "accept"},
        follow=True,
    )
    assert messages_of(response) == ["Welcome to Inner circle."]
    assert Membership.objects.filter(user=employee, community=closed).exists()


def test_the_team_removes_and_promotes_from_the_members_page(employee, owner, closed):
    services.add_member(owner, employee, closed)
    team = client_for(owner)
    response = team.post(
        reverse("communities:promote-member", args=[closed.pk]),
        {"person": employee.pk, "discipline": "it", "role": "facilitator"},
        follow=True,
    )
    assert messages_of(response) == [
        f"{employee.get_full_name()} is on the team as Facilitator, and the page is published."
    ]
    assert closed.team_members.filter(user=employee).exists()
    response = team.post(
        reverse("communities:remove-member", args=[closed.pk]),
        {"person": employee.pk, "reason": "No longer here"},
        follow=True,
    )
    assert messages_of(response) == [
        f"{employee.get_full_name()} is on the team: change the team in the page editor first."
    ]
    other = UserFactory()
    services.add_member(owner, other, closed)
    response = team.post(
        reverse("communities:remove-member", args=[closed.pk]), {"person": other.pk}, follow=True
    )
    assert messages_of(response) == ["This field is required."]
    assert Membership.objects.filter(user=other).exists()
    team.post(
        reverse("communities:remove-member", args=[closed.pk]),
        {"person": other.pk, "reason": "Moved on"},
    )
    assert not Membership.objects.filter(user=other).exists()


def test_the_last_lead_is_told_how_to_hand_over(owner, closed):
    services.add_member(owner, owner, closed)
    response = client_for(owner).post(reverse("communities:leave", args=[closed.pk]), follow=True)
    assert messages_of(response)[0].startswith("You are the only lead of Inner circle")
    assert Membership.objects.filter(user=owner, community=closed).exists()


def build(make_community, owner, size):
    community = make_community(
        title=f"Size {size}", lead=owner, membership_policy=MembershipPolicy.INVITATION
    )
    MembershipFactory.create_batch(size, community=community)
    for person in UserFactory.create_batch(size):
        membership.ask_to_join(person, community, "Hello")
    for person in UserFactory.create_batch(size // 2):
        membership.invite(owner, person, community)
    return (community,)


def test_the_members_page_costs_the_same_with_more_members_and_requests(make_community, owner):
    UserFactory.create_batch(20, first_name="Alex")
    small, large = (build(make_community, owner, size) for size in (4, 40))
    pages = {
        "members page for the team": lambda community: reverse(
            "communities:members", args=[community.pk]
        ),
        "members page finding people": lambda community: (
            reverse("communities:members", args=[community.pk]) + "?find=alex"
        ),
    }
    assert_cost_does_not_grow(client_for(owner), pages, small, large, max_queries=25)


@pytest.mark.parametrize("size", [3, 30])
def test_the_pages_with_requests_and_invitations_stay_within_budget(
    make_community, owner, employee, size, django_assert_max_num_queries
):
    (community,) = build(make_community, owner, size)
    membership.invite(owner, employee, community, "Come along")
    team, invitee = client_for(owner), client_for(employee)
    members = reverse("communities:members", args=[community.pk])
    team.get(members)
    invitee.get(community.url)
    with django_assert_max_num_queries(25):
        assert team.get(members).status_code == 200
    with django_assert_max_num_queries(30):
        assert "Accept the invitation" in invitee.get(community.url).content.decode()


def test_an_open_community_shows_its_team_no_empty_requests(make_community, owner):
    community = make_community(title="Open house", lead=owner)
    page = client_for(owner).get(reverse("communities:members", args=[community.pk]))
    assert "Requests to join" not in page.content.decode()
    assert "Add or invite someone" in page.content.decode()


def test_the_manage_form_shows_a_team_members_place_and_only_a_lead_changes_a_lead(
    employee, owner, closed
):
    services.add_member(owner, employee, closed)
    services.add_member(owner, owner, closed)
    lead = client_for(owner)
    lead.post(
        reverse("communities:promote-member", args=[closed.pk]),
        {"person": employee.pk, "discipline": "it", "role": "facilitator"},
    )
    # The facilitator sees the lead's place, and no form to change it.
    page = client_for(employee).get(reverse("communities:members", args=[closed.pk])).text
    assert "Lead · " in page
    assert f'id="role-{owner.pk}"' not in page
    assert "Put Olivia" not in page
    assert f"Manage {owner.get_full_name()}" not in page
    # A forged post changes nothing.
    forged = client_for(employee).post(
        reverse("communities:promote-member", args=[closed.pk]),
        {"person": owner.pk, "discipline": "hr", "role": "facilitator"},
    )
    assert forged.status_code == 403
    made_lead = client_for(employee).post(
        reverse("communities:promote-member", args=[closed.pk]),
        {"person": employee.pk, "discipline": "it", "role": "lead"},
    )
    assert made_lead.status_code == 403
    assert closed.team_members.get(user=owner).role == "lead"
    assert closed.team_members.get(user=employee).role == "facilitator"
    # The lead's form has the facilitator's place chosen, and says it changes it.
    page = lead.get(reverse("communities:members", args=[closed.pk])).text
    form = page.split(f'id="role-{employee.pk}"')[1].split("</select>")[0]
    assert '<option value="facilitator" selected>' in form
    discipline = page.split(f'id="discipline-{employee.pk}"')[1].split("</select>")[0]
    assert '<option value="it" selected>' in discipline
    assert re.search(r"Change Erin [^<]*'s place on the team", page)
