"""Completing, acknowledging, and who a guide is for."""

import datetime

import pytest

from django.core.exceptions import ValidationError
from django.utils import timezone

from communities.factories import CommunityTeamMemberFactory
from guides import services
from guides.factories import AcknowledgementFactory, GuideIndexPageFactory
from guides.models import Acknowledgement, AudienceCode, GuideCompletion, GuidePage
from intranet.factories import UserFactory
from tests.guides.conftest import publish

pytestmark = pytest.mark.django_db


def long_standing(**kwargs):
    return UserFactory(date_joined=timezone.now() - datetime.timedelta(days=400), **kwargs)


def test_completing_twice_records_once(employee, make_guide):
    guide = make_guide()
    assert services.complete_guide(employee, guide) is True
    assert services.complete_guide(employee, guide) is False
    assert GuideCompletion.objects.filter(user=employee, guide=guide).count() == 1


def test_an_unpublished_guide_cannot_be_completed_or_acknowledged(employee, make_guide):
    guide = make_guide(must_read=True)
    guide.unpublish()
    with pytest.raises(ValidationError, match="not published"):
        services.complete_guide(employee, guide)
    with pytest.raises(ValidationError, match="not published"):
        services.acknowledge(employee, guide)
    assert not GuideCompletion.objects.exists()
    assert not Acknowledgement.objects.exists()


def test_audiences_follow_tenure_teams_and_groups(communicator, make_community):
    veteran = long_standing(username="vera")
    newcomer = UserFactory(username="nell")
    owner = long_standing(username="otto")
    make_community(lead=owner)
    communicator.date_joined = timezone.now() - datetime.timedelta(days=400)
    communicator.save()
    assert services.audiences_of(veteran) == {AudienceCode.EVERYONE}
    assert services.audiences_of(newcomer) == {AudienceCode.EVERYONE, AudienceCode.NEW_JOINERS}
    assert services.audiences_of(owner) == {AudienceCode.EVERYONE, AudienceCode.COMMUNITY_OWNERS}
    assert services.audiences_of(communicator) == {
        AudienceCode.EVERYONE,
        AudienceCode.COMMUNICATORS,
    }


def test_a_must_read_asks_only_its_audience(make_guide):
    guide = make_guide(must_read=True, audiences=[AudienceCode.NEW_JOINERS])
    newcomer = UserFactory()
    veteran = long_standing()
    assert list(services.pending_must_reads(newcomer)) == [guide]
    assert list(services.pending_must_reads(veteran)) == []
    assert services.must_acknowledge(newcomer, guide)
    assert not services.must_acknowledge(veteran, guide)


def test_acknowledging_removes_the_must_read_and_is_idempotent(employee, make_guide):
    guide = make_guide(must_read=True)
    assert services.acknowledge(employee, guide) is True
    assert services.acknowledge(employee, guide) is False
    assert list(services.pending_must_reads(employee)) == []
    assert Acknowledgement.objects.filter(user=employee, guide=guide).count() == 1


def test_a_guide_that_is_not_a_must_read_refuses_acknowledgement(employee, make_guide):
    guide = make_guide(must_read=False)
    with pytest.raises(ValidationError, match="does not ask for acknowledgement"):
        services.acknowledge(employee, guide)
    assert not Acknowledgement.objects.exists()


def test_a_significant_revision_asks_everyone_again(employee, make_guide):
    guide = make_guide(must_read=True)
    services.acknowledge(employee, guide)

    guide.summary = "A small fix."
    publish(guide)
    assert Acknowledgement.objects.filter(guide=guide).count() == 1

    guide.summary = "The rules have changed."
    guide.significant_revision = True
    publish(guide)
    assert not Acknowledgement.objects.filter(guide=guide).exists()
    assert list(services.pending_must_reads(employee)) == [guide]
    # The flag belongs to that one publication.
    assert GuidePage.objects.get(pk=guide.pk).significant_revision is False


def test_the_report_lists_who_has_and_has_not_acknowledged(communicator, make_guide):
    guide = make_guide(must_read=True)
    reader = UserFactory(username="reader", first_name="Ann")
    other = UserFactory(username="other", first_name="Bob")
    AcknowledgementFactory(guide=guide, user=reader)
    done, pending = services.acknowledgement_report(communicator, guide)
    assert [ack.user for ack in done] == [reader]
    assert reader not in pending
    assert {other, communicator} <= set(pending)


def test_the_report_is_for_the_owner_and_the_team_only(employee, communicator, make_guide):
    owner = UserFactory(username="owen")
    guide = make_guide(must_read=True, content_owner=owner)
    assert services.can_see_acknowledgements(owner, guide)
    assert services.can_see_acknowledgements(communicator, guide)
    with pytest.raises(services.NotForYou):
        services.acknowledgement_report(employee, guide)


def test_a_community_guide_report_is_for_that_community_team(
    communicator, make_community, make_guide, owner
):
    community = make_community(lead=owner)
    index = GuideIndexPageFactory(parent=community)
    guide = make_guide(parent=index, must_read=True)
    other_lead = UserFactory()
    make_community(lead=other_lead)
    assert services.can_see_acknowledgements(owner, guide)
    assert not services.can_see_acknowledgements(other_lead, guide)
    # The Communicators look after the intranet's guides, not a community's.
    assert not services.can_see_acknowledgements(communicator, guide)
    CommunityTeamMemberFactory(page=community, user=communicator)
    assert services.can_see_acknowledgements(communicator, guide)
