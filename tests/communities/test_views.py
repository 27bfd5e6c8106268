"""The community pages and their forms, through the test client."""

import pytest

from django.test import Client
from django.urls import reverse

from communities import services
from communities.factories import DiscussionPageFactory, MembershipFactory
from communities.models import DiscussionPage, Membership, MembershipPolicy
from intranet.factories import UserFactory


@pytest.fixture
def community(make_community, owner):
    return make_community(title="Open house", lead=owner, purpose="Where we share tips.")


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def test_the_index_lists_top_level_communities_and_mine(
    employee_client, employee, make_community, community
):
    make_community(parent=community, title="Nested")
    other = make_community(title="Other")
    services.join_community(employee, other)

    response = employee_client.get(reverse("communities:index"))
    assert response.status_code == 200
    assert [c.title for c in response.context["top_level_communities"]] == ["Open house", "Other"]
    assert [c.title for c in response.context["my_communities"]] == ["Other"]


def test_the_community_page_shows_what_the_issue_asks_for(
    employee_client, make_community, community, owner
):
    child = make_community(
        parent=community,
        title="Child",
        body__0__heading__text="How we work",
        body__1__paragraph__value="<p>We meet on <b>Thursdays</b>.</p>",
    )
    MembershipFactory.create_batch(3, community=child)
    MembershipFactory(community=community)
    DiscussionPageFactory(parent=community, title="First question")

    response = employee_client.get(child.url)
    content = response.content.decode()
    assert response.status_code == 200
    assert [page.title for page in response.context["breadcrumb"]] == ["Open house"]
    assert "<h2>How we work</h2>" in content
    assert "We meet on <b>Thursdays</b>." in content

    response = employee_client.get(community.url)
    content = response.content.decode()
    assert "Where we share tips." in content
    assert "Who cultivates this community" in content
    assert "Olivia" in content
    assert "1 member" in content
    assert [(c.title, c.member_count) for c in response.context["sub_communities"]] == [
        ("Child", 3)
    ]
    assert "First question" in content
    assert reverse("communities:join", args=[community.pk]) in content


def test_join_and_leave_are_idempotent_and_say_so(employee_client, employee, community):
    join = reverse("communities:join", args=[community.pk])
    leave = reverse("communities:leave", args=[community.pk])

    response = employee_client.post(join, follow=True)
    assert messages_of(response) == ["Welcome to Open house."]
    response = employee_client.post(join, follow=True)
    assert messages_of(response) == ["You are already a member of Open house."]
    assert Membership.objects.filter(user=employee).count() == 1
    assert "Leave this community" in response.content.decode()

    response = employee_client.post(leave, follow=True)
    assert messages_of(response) == ["You have left Open house."]
    response = employee_client.post(leave, follow=True)
    assert messages_of(response) == ["You were not a member of Open house."]
    assert not Membership.objects.exists()


def test_join_and_leave_only_answer_post(employee_client, community):
    assert employee_client.get(reverse("communities:join", args=[community.pk])).status_code == 405
    assert employee_client.get(reverse("communities:leave", args=[community.pk])).status_code == 405


def test_join_without_a_csrf_token_is_refused(employee, community):
    client = Client(enforce_csrf_checks=True)
    client.force_login(employee)
    response = client.post(reverse("communities:join", args=[community.pk]))
    assert response.status_code == 403
    assert not Membership.objects.exists()


def test_an_invitation_only_community_refuses_a_join_with_a_message(
    employee_client, make_community, owner
):
    community = make_community(
        title="Inner circle", lead=owner, membership_policy=MembershipPolicy.INVITATION
    )
    join = reverse("communities:join", args=[community.pk])
    assert join not in employee_client.get(community.url).content.decode()
    response = employee_client.post(join, follow=True)
    assert messages_of(response) == [
        "Inner circle is by invitation: ask to join on its page, and its team will answer."
    ]
    assert not Membership.objects.exists()


def test_a_non_member_is_asked_to_join_before_starting_a_discussion(employee_client, community):
    url = reverse("communities:start-discussion", args=[community.pk])
    response = employee_client.get(url, follow=True)
    assert messages_of(response) == ["Join Open house to start a discussion."]


def test_a_crafted_post_into_a_community_one_is_not_in_is_refused(employee_client, community):
    response = employee_client.post(
        reverse("communities:start-discussion", args=[community.pk]),
        {"title": "Sneaky", "body": "Posted without joining."},
    )
    assert response.status_code == 302
    assert not DiscussionPage.objects.exists()


def test_a_crafted_add_member_from_outside_the_team_is_refused(employee_client, community):
    response = employee_client.post(
        reverse("communities:add-member", args=[community.pk]),
        {"person": UserFactory(username="friend").pk},
    )
    assert response.status_code == 403
    assert not Membership.objects.exists()


def test_the_team_adds_a_member_from_the_members_page(client, owner, community):
    newcomer = UserFactory(username="newcomer", first_name="New", last_name="Comer")
    client.force_login(owner)
    page = client.get(reverse("communities:members", args=[community.pk]))
    assert page.context["add_member_form"] is not None
    response = client.post(
        reverse("communities:add-member", args=[community.pk]),
        {"person": newcomer.pk},
        follow=True,
    )
    assert messages_of(response) == ["New Comer is now a member."]
    response = client.post(
        reverse("communities:add-member", args=[community.pk]), {"person": 999999}, follow=True
    )
    assert messages_of(response) == ["Nobody matches that choice: find the person again."]


def test_a_member_starts_a_discussion_and_lands_on_it(employee_client, employee, community):
    services.join_community(employee, community)
    url = reverse("communities:start-discussion", args=[community.pk])
    assert employee_client.get(url).status_code == 200

    response = employee_client.post(url, {"title": "Hi", "body": "short"})
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "title": ["Give the discussion a title of at least 3 characters."],
        "body": ["Write at least 10 characters so others can reply."],
    }

    response = employee_client.post(
        url, {"title": "Booking leave", "body": "How do I <b>book</b> leave?\n\nThanks!"}
    )
    discussion = DiscussionPage.objects.get()
    assert response.status_code == 302
    assert response["Location"] == discussion.url
    page = employee_client.get(discussion.url).content.decode()
    assert "<p>How do I <b>book</b> leave?</p>" in page
    assert 'Started by <a class="person-link" href="/people/erin/">' in page


def test_the_members_page_is_searchable_and_paginated(employee_client, community):
    MembershipFactory(community=community, user=UserFactory(first_name="Zelda", last_name="Q"))
    MembershipFactory.create_batch(35, community=community)

    response = employee_client.get(reverse("communities:members", args=[community.pk]))
    assert response.context["members"].paginator.count == 36
    assert len(response.context["members"]) == 30
    assert response.context["add_member_form"] is None

    response = employee_client.get(
        reverse("communities:members", args=[community.pk]), {"q": "zelda"}
    )
    assert [m.user.first_name for m in response.context["members"]] == ["Zelda"]


def test_a_discussion_body_edited_in_the_admin_is_sanitised_on_display(employee_client, community):
    discussion = DiscussionPageFactory(
        parent=community, body="Fine text <img src=x onerror=alert(1)> here"
    )
    content = employee_client.get(discussion.url).content.decode()
    assert "<img" not in content
    assert "Fine text &lt;img src=x onerror=alert(1)&gt; here" in content


def test_unknown_or_unpublished_communities_answer_404(employee_client, community):
    community.unpublish()
    assert employee_client.post(reverse("communities:join", args=[community.pk])).status_code == 404
    assert employee_client.get(reverse("communities:members", args=[999999])).status_code == 404


def test_the_author_edits_their_discussion_and_others_cannot(client, employee, owner, community):
    services.join_community(employee, community)
    discussion = services.start_discussion(
        employee, community, "Typo in ttle", "A body long enough."
    )
    url = reverse("communities:edit-discussion", args=[discussion.pk])

    stranger = UserFactory(username="stranger")
    client.force_login(stranger)
    assert url not in client.get(discussion.url).content.decode()
    assert client.post(url, {"title": "Hijacked", "body": "Not mine at all."}).status_code == 403

    client.force_login(employee)
    assert url in client.get(discussion.url).content.decode()
    response = client.post(url, {"title": "Typo in title", "body": "A better body."})
    assert response.status_code == 302
    discussion.refresh_from_db()
    assert (discussion.title, discussion.body) == ("Typo in title", "A better body.")
    assert not discussion.has_unpublished_changes

    # The team may edit it too, for moderation.
    client.force_login(owner)
    assert client.get(url).status_code == 200


def test_the_team_finds_its_ways_in_on_the_page_and_others_do_not(client, community, owner):
    member = UserFactory()
    MembershipFactory(user=member, community=community)
    client.force_login(owner)
    page = client.get(community.url).text
    tools = page.split('aria-label="Looking after this community"')[1].split("</nav>")[0]
    for label, address in (
        ("Edit this community", reverse("wagtailadmin_pages:edit", args=[community.pk])),
        ("Manage members", reverse("communities:members", args=[community.pk])),
        ("Insights", f"{reverse('insights_dashboard')}?community={community.pk}"),
        ("Moderation", reverse("conversation_flag_modeladmin_index")),
    ):
        assert f'href="{address}">{label}</a>' in tools, label
        # Each leads somewhere the team may go.
        assert client.get(address).status_code == 200, label
    client.force_login(member)
    assert "Looking after this community" not in client.get(community.url).text


def test_a_team_member_who_has_not_joined_is_offered_leave_not_join(client, community, owner):
    client.force_login(owner)
    page = client.get(community.url).text
    assert "Leave this community" in page
    assert "Join this community" not in page
