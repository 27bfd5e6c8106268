"""The provider's groups grant the mapped roles at each sign-in, and take them back."""

import pytest

from django.contrib.auth import get_user_model

from communities.factories import CommunityPageFactory, CommunityTeamMemberFactory
from communities.models import Membership
from home.models import HomePage
from intranet.roles import COMMUNICATORS, EMPLOYEES, INSIGHTS_READERS

pytestmark = pytest.mark.django_db
User = get_user_model()

MAPPED = {
    "communicators": frozenset({"intranet-comms"}),
    "insights_readers": frozenset({"intranet-insights"}),
    "administrators": frozenset({"intranet-admins"}),
}


def groups_of(user) -> set[str]:
    return set(user.groups.values_list("name", flat=True))


def sign_in_with_groups(client, sso, groups):
    sso.add_person(
        "priya", email="priya@example.com", claims={"email_verified": True, "groups": groups}
    )
    client.logout()
    sso.sign_in(client, "priya")
    return User.objects.get(username="priya")


def test_group_claims_grant_and_withdraw_the_mapped_roles(client, sso, settings):
    settings.SSO_ROLE_CLAIMS = MAPPED
    priya = sign_in_with_groups(client, sso, ["intranet-comms", "intranet-admins", "sales"])
    assert groups_of(priya) == {EMPLOYEES, COMMUNICATORS}
    assert priya.is_superuser

    priya = sign_in_with_groups(client, sso, ["intranet-insights"])
    assert groups_of(priya) == {EMPLOYEES, INSIGHTS_READERS}
    assert not priya.is_superuser

    priya = sign_in_with_groups(client, sso, [])
    assert groups_of(priya) == {EMPLOYEES}


def test_community_membership_and_teams_are_never_touched(client, sso, settings):
    settings.SSO_ROLE_CLAIMS = MAPPED
    priya = sign_in_with_groups(client, sso, ["intranet-comms"])
    community = CommunityPageFactory(parent=HomePage.objects.get(), title="Finance")
    Membership.objects.create(user=priya, community=community)
    # On its team: the community's own group, which its page keeps in step.
    CommunityTeamMemberFactory(page=community, user=priya)
    community.save_revision().publish()
    team_groups = groups_of(priya) - {EMPLOYEES, COMMUNICATORS}
    assert team_groups

    priya = sign_in_with_groups(client, sso, [])
    assert Membership.objects.filter(user=priya, community=community).exists()
    assert groups_of(priya) == {EMPLOYEES, *team_groups}


def test_a_role_left_unmapped_stays_the_administrators_to_give(client, sso, settings):
    settings.SSO_ROLE_CLAIMS = {**MAPPED, "insights_readers": frozenset(), "administrators": ()}
    priya = sign_in_with_groups(client, sso, ["intranet-comms"])
    priya.groups.add(priya.groups.model.objects.get(name=INSIGHTS_READERS))
    User.objects.filter(pk=priya.pk).update(is_superuser=True)

    priya = sign_in_with_groups(client, sso, [])
    assert groups_of(priya) == {EMPLOYEES, INSIGHTS_READERS}
    assert priya.is_superuser


def test_a_single_group_sent_as_text_counts(client, sso, settings):
    settings.SSO_ROLE_CLAIMS = MAPPED
    priya = sign_in_with_groups(client, sso, "intranet-comms")
    assert COMMUNICATORS in groups_of(priya)


def test_the_groups_claim_is_the_one_configured(client, sso, settings):
    settings.SSO_ROLE_CLAIMS = MAPPED
    settings.SSO_GROUPS_CLAIM = "roles"
    sso.add_person(
        "priya",
        email="priya@example.com",
        claims={"email_verified": True, "groups": ["intranet-admins"], "roles": ["intranet-comms"]},
    )
    sso.sign_in(client, "priya")
    priya = User.objects.get(username="priya")
    assert groups_of(priya) == {EMPLOYEES, COMMUNICATORS}
    assert not priya.is_superuser
