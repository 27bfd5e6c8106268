"""What people do is recorded as cheap raw events, by hooks and signals."""

from datetime import timedelta

import pytest

from django.core import serializers
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from communities import services as community_services
from communities.models import Membership
from conversation import services as conversation_services
from guides import services as guide_services
from insights.models import Event, EventKind, PageView
from insights.services import CountedToday, counts_as_view, record_search
from intranet.factories import UserFactory

pytestmark = pytest.mark.django_db


def kinds():
    return list(Event.objects.order_by("pk").values_list("kind", "user_id", "page_id"))


def test_a_page_view_counts_once_per_person_page_and_day(client, make_community, owner):
    community = make_community(lead=owner)
    reader, other = UserFactory(), UserFactory()
    client.force_login(reader)
    for _ in range(3):
        assert client.get(community.url).status_code == 200
    client.force_login(other)
    client.get(community.url)
    assert sorted(PageView.objects.values_list("user_id", "page_id", "day")) == sorted(
        [
            (reader.pk, community.pk, timezone.localdate()),
            (other.pk, community.pk, timezone.localdate()),
        ]
    )


def pageview_writes(client, url) -> list[str]:
    """The page view's SQL in serving `url`, with the commit each request has outside the suite."""
    with (
        CaptureQueriesContext(connection) as queries,
        TestCase.captureOnCommitCallbacks(execute=True),
    ):
        assert client.get(url).status_code == 200
    return [q["sql"] for q in queries if "insights_pageview" in q["sql"]]


def test_recording_a_view_costs_one_write_and_no_read(client, make_community, owner):
    community = make_community(lead=owner)
    client.force_login(UserFactory())
    writes = pageview_writes(client, community.url)
    assert len(writes) == 1
    assert writes[0].upper().startswith("INSERT")


def test_going_back_to_a_page_the_same_day_writes_nothing(client, make_community, owner):
    community = make_community(lead=owner)
    reader = UserFactory()
    client.force_login(reader)
    pageview_writes(client, community.url)
    assert pageview_writes(client, community.url) == []
    # Another page is another view, and someone else's view is theirs to count.
    other_page = make_community(title="Runners", lead=owner)
    assert len(pageview_writes(client, other_page.url)) == 1
    client.force_login(UserFactory())
    assert len(pageview_writes(client, community.url)) == 1
    assert PageView.objects.filter(page=community).count() == 2
    assert PageView.objects.filter(user=reader).count() == 2


def test_a_process_forgets_views_past_its_bound_and_counts_them_again():
    counted = CountedToday(bound=2)
    today = timezone.localdate()
    counted.add(today, 1, 10)
    counted.add(today, 1, 11)
    assert counted.seen(today, 1, 10)
    counted.add(today, 2, 10)
    assert not counted.seen(today, 1, 10)
    assert counted.seen(today, 2, 10)
    assert not counted.seen(today + timedelta(days=1), 2, 10)


def test_the_next_day_a_view_counts_again(client, make_community, owner, monkeypatch):
    community = make_community(lead=owner)
    client.force_login(UserFactory())
    pageview_writes(client, community.url)
    tomorrow = timezone.localdate() + timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)
    assert len(pageview_writes(client, community.url)) == 1
    assert sorted(PageView.objects.values_list("day", flat=True))[-1] == tomorrow


def test_bots_previews_other_methods_and_refused_pages_are_not_views(client, make_community, owner):
    community = make_community(lead=owner)
    client.force_login(UserFactory())
    client.get(community.url, headers={"user-agent": "Slackbot-LinkExpanding 1.0"})
    client.head(community.url)
    client.get(community.url + "does-not-exist/")
    assert not PageView.objects.exists()


def test_previews_and_the_admin_are_not_views(rf):
    person = UserFactory()

    def request(path="/a-page/", **attributes):
        made = rf.get(path)
        made.user = person
        for name, value in attributes.items():
            setattr(made, name, value)
        return made

    assert counts_as_view(request())
    assert not counts_as_view(request(is_preview=True))
    assert not counts_as_view(request("/admin/pages/3/"))


def test_joining_leaving_discussing_commenting_and_reacting_are_events(
    make_community, owner, start
):
    community = make_community(lead=owner)
    member = UserFactory()
    community_services.add_member(owner, member, community)
    discussion = start(member, community)
    # An edit published later is not a second discussion.
    community_services.edit_discussion(
        member, discussion, "A better title", "Does anyone know how this works here?"
    )
    comment = conversation_services.post_comment(owner, discussion, "Yes: ask the team.")
    conversation_services.react_to_comment(member, comment, "like")
    conversation_services.react_to_page(owner, discussion, "like")
    community_services.leave_community(member, community)
    assert kinds() == [
        (EventKind.JOIN, member.pk, community.pk),
        (EventKind.DISCUSSION, member.pk, discussion.pk),
        (EventKind.COMMENT, owner.pk, discussion.pk),
        (EventKind.REACTION, member.pk, discussion.pk),
        (EventKind.REACTION, owner.pk, discussion.pk),
        (EventKind.LEAVE, member.pk, community.pk),
    ]
    assert set(Event.objects.values_list("day", flat=True)) == {timezone.localdate()}


def test_deleting_a_person_or_a_community_is_nobody_leaving(make_community, owner):
    community = make_community(lead=owner)
    member = UserFactory()
    community_services.add_member(owner, member, community)
    member.delete()
    other = UserFactory()
    community_services.add_member(owner, other, community)
    community.delete()
    assert not Event.objects.filter(kind=EventKind.LEAVE).exists()


def test_completing_and_acknowledging_a_guide_are_events(make_guide):
    guide = make_guide(must_read=True)
    person = UserFactory()
    guide_services.complete_guide(person, guide)
    guide_services.acknowledge(person, guide)
    assert kinds() == [
        (EventKind.COMPLETION, person.pk, guide.pk),
        (EventKind.ACKNOWLEDGEMENT, person.pk, guide.pk),
    ]


def test_record_search_counts_a_search_and_its_results():
    person = UserFactory()
    event = record_search(person, "holiday policy", 3)
    assert (event.kind, event.user_id, event.results, event.page_id) == (
        EventKind.SEARCH,
        person.pk,
        3,
        None,
    )
    assert record_search(person, "   ", 0) is None
    assert Event.objects.count() == 1
    assert Event.objects.get().day == timezone.localdate()


def test_loading_a_backup_records_nothing(make_community, owner):
    community = make_community(lead=owner)
    member = UserFactory()
    membership = community_services.add_member(owner, member, community)
    assert membership
    data = serializers.serialize("json", Membership.objects.all())
    Membership.objects.all().delete()
    Event.objects.all().delete()
    for restored in serializers.deserialize("json", data):
        restored.save()
    assert Membership.objects.count() == 1
    assert not Event.objects.exists()
