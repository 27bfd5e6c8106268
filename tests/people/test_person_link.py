"""Wherever a person appears, their name links to their page with a small avatar."""

import re

import pytest

from django.core.files.base import ContentFile
from django.template import Context, Template
from django.urls import reverse

from communities.factories import (
    CommunityPageFactory,
    CommunityTeamMemberFactory,
    DiscussionPageFactory,
    MembershipFactory,
)
from intranet.factories import UserFactory
from people.factories import PersonFactory, image_bytes

pytestmark = pytest.mark.django_db


def render(user):
    return Template("{% load people_tags %}{% person_link user %}").render(Context({"user": user}))


def link_to(username, name):
    return re.compile(
        rf'<a class="person-link" href="/people/{username}/">.*?'
        rf'<span class="person-link__name">{name}</span></a>'
    )


def test_the_link_shows_the_display_name_and_an_initial():
    user = PersonFactory(username="ana", profile__display_name="Ana Silva")
    html = render(user)
    assert link_to("ana", "Ana Silva").search(html)
    assert '<span class="avatar avatar--small" aria-hidden="true">A</span>' in html


def test_the_avatar_is_the_photo_when_there_is_one():
    user = PersonFactory(username="ana")
    user.profile.photo.save("ana.png", ContentFile(image_bytes()))
    assert f'<img class="avatar avatar--small" src="{user.profile.photo.url}" alt=""' in render(
        user
    )


def test_a_deleted_author_is_a_former_colleague_without_a_link():
    assert render(None) == '<span class="person-link">a former colleague</span>'


def test_names_are_escaped():
    user = PersonFactory(username="x", profile__display_name="<script>alert(1)</script>")
    assert "<script>" not in render(user)


def test_team_members_and_authors_link_to_their_pages(employee_client, home):
    lead = PersonFactory(username="lena", profile__display_name="Lena Lead")
    member = PersonFactory(username="max", profile__display_name="Max Member")
    community = CommunityPageFactory(parent=home)
    CommunityTeamMemberFactory(page=community, user=lead)
    MembershipFactory(community=community, user=member)
    discussion = DiscussionPageFactory(parent=community, author=member)

    page = employee_client.get(community.url).content.decode()
    assert link_to("lena", "Lena Lead").search(page)  # the team
    assert len(link_to("max", "Max Member").findall(page)) == 2  # members preview, author

    members = employee_client.get(reverse("communities:members", args=[community.pk]))
    assert link_to("max", "Max Member").search(members.content.decode())

    assert link_to("max", "Max Member").search(employee_client.get(discussion.url).content.decode())


def test_members_are_found_by_their_display_name(employee_client, home):
    community = CommunityPageFactory(parent=home)
    MembershipFactory(
        community=community, user=PersonFactory(first_name="Robert", profile__display_name="Bob")
    )
    MembershipFactory(community=community, user=UserFactory(first_name="Alice"))
    response = employee_client.get(
        reverse("communities:members", args=[community.pk]), {"q": "bob"}
    )
    assert [m.user.profile.display_name for m in response.context["members"]] == ["Bob"]
