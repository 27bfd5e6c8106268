"""The demo communities `seed_demo` builds."""

from io import StringIO

from django.contrib.auth.models import Group
from django.core.management import call_command

from communities.models import (
    CommunityPage,
    CommunityTeamMember,
    DiscussionPage,
    Membership,
    TeamRole,
)
from home.models import HomePage


def test_the_demo_has_nested_communities_with_teams_members_and_discussions(seeded):
    home = HomePage.objects.get()
    top_level = CommunityPage.objects.child_of(home).live()
    assert top_level.count() >= 5
    # Two levels of sub-communities below a top-level one.
    assert CommunityPage.objects.filter(depth=home.depth + 3).exists()

    assert set(CommunityTeamMember.objects.values_list("discipline", flat=True)) >= {
        "hr",
        "communications",
        "it",
        "business",
    }
    assert CommunityTeamMember.objects.filter(user__username="olivia", role=TeamRole.LEAD).exists()
    assert Membership.objects.count() >= 30
    assert DiscussionPage.objects.live().count() >= 15
    # Every community's team has its group, and olivia is in hers.
    assert Group.objects.filter(name__startswith="Community team:").count() == (
        CommunityPage.objects.count()
    )
    assert Group.objects.filter(
        name__startswith="Community team: Customers and Sales", user__username="olivia"
    ).exists()


def test_seeding_twice_changes_nothing(seeded):
    counts = (
        CommunityPage.objects.count(),
        Membership.objects.count(),
        DiscussionPage.objects.count(),
    )
    output = StringIO()
    call_command("seed_demo", stdout=output)
    assert "Communities: 0 created, 0 memberships and 0 discussions added" in output.getvalue()
    assert counts == (
        CommunityPage.objects.count(),
        Membership.objects.count(),
        DiscussionPage.objects.count(),
    )
