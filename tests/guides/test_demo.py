"""The demo guides `seed_demo` builds."""

import datetime
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from communities.models import CommunityPage
from guides.models import AudienceCode, GuideIndexPage, GuidePage, LearningPathPage
from guides.reviews import pages_for_review
from home.models import HomePage


def test_the_demo_explains_why_the_intranet_exists(seeded):
    purpose = GuidePage.objects.live().get(title="Why we have this intranet")
    text = " ".join(
        str(chunk)
        for block in purpose.body
        for chunk in block.block.get_searchable_content(block.value)
    )
    for word in ("Listen", "Cultivate", "Listen again"):
        assert word in text
    assert purpose.must_read


def test_the_demo_has_an_onboarding_path_and_a_guide_for_community_owners(seeded):
    path = LearningPathPage.objects.live().get(title="Welcome to the intranet")
    titles = [step.guide.title for step in path.steps.order_by("sort_order")]
    assert len(titles) >= 4
    assert titles[0] == "Why we have this intranet"
    assert {"Joining a community", "Commenting and starting a discussion", "Finding people"} <= (
        set(titles)
    )
    owners_guide = GuidePage.objects.get(title="Cultivating your community")
    assert [a.code for a in owners_guide.audiences.all()] == [AudienceCode.COMMUNITY_OWNERS]


def test_the_demo_has_enough_guides_some_due_for_review_and_one_in_a_community(seeded):
    assert GuidePage.objects.live().count() >= 10
    index = GuideIndexPage.objects.child_of(HomePage.objects.get()).get()
    assert index.get_workflow().name == "Communications review"
    due = [page.title for page in pages_for_review(timezone.localdate())]
    assert len(due) >= 3
    overdue = GuidePage.objects.filter(review_by__lt=timezone.localdate())
    assert overdue.count() >= 2
    assert GuidePage.objects.filter(review_by__gt=timezone.localdate() + datetime.timedelta(60))
    champions = CommunityPage.objects.get(title="Intranet champions")
    assert GuidePage.objects.descendant_of(champions).live().exists()


def test_seeding_twice_adds_no_guide(seeded):
    counts = (GuidePage.objects.count(), LearningPathPage.objects.count())
    output = StringIO()
    call_command("seed_demo", stdout=output)
    assert (GuidePage.objects.count(), LearningPathPage.objects.count()) == counts
    assert "Guides: 0 guides and 0 learning paths created." in output.getvalue()
