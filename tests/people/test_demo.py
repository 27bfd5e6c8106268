"""The demo people `seed_demo` builds."""

from io import StringIO

from django.core.management import call_command
from django.db.models import Count

from communities.models import Membership
from people.demo import COLLEAGUES, DEMO_PROFILES, demo_colleagues
from people.models import Profile, ProfileExpertise


def test_the_demo_has_at_least_fifty_people_across_the_organisation(seeded):
    people = Profile.objects.filter(user__is_active=True)
    assert people.count() >= 50
    assert people.exclude(job_title="").count() == len(DEMO_PROFILES) + COLLEAGUES
    assert people.values("department").distinct().count() >= 6
    assert people.values("location").distinct().count() >= 5
    assert ProfileExpertise.objects.values("tag").distinct().count() >= 20
    erin = Profile.objects.get(user__username="erin")
    assert (erin.job_title, erin.location) == ("Payroll specialist", "Stockholm")
    # Colleagues belong to communities, so suggestions and the community filter work.
    assert (
        Profile.objects.filter(user__username__in=[c.username for c in demo_colleagues()])
        .annotate(communities=Count("user__memberships"))
        .filter(communities=2)
        .count()
        == COLLEAGUES
    )


def test_the_colleagues_are_the_same_on_every_run():
    assert demo_colleagues() == demo_colleagues()
    assert len({colleague.username for colleague in demo_colleagues()}) == COLLEAGUES


def snapshot():
    return (
        list(Profile.objects.order_by("pk").values()),
        list(ProfileExpertise.objects.order_by("pk").values()),
        list(Membership.objects.order_by("pk").values("user", "community")),
    )


def test_seeding_twice_changes_nothing_and_keeps_edited_profiles(seeded):
    erin = Profile.objects.get(user__username="erin")
    erin.job_title = "Head of payroll"
    erin.save()
    before = snapshot()
    output = StringIO()
    call_command("seed_demo", stdout=output)
    assert "People: 0 profiles filled in, 0 colleagues created." in output.getvalue()
    assert snapshot() == before
