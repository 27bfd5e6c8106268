"""Role and team answers are kept for one request, and never outside one."""

import pytest

from django.contrib.auth.models import Group
from django.http import HttpResponse
from django.test import RequestFactory

from communities.factories import CommunityPageFactory, CommunityTeamMemberFactory
from communities.services import is_on_team
from intranet.factories import UserFactory
from intranet.request_memo import RequestMemoMiddleware, once_per_request
from intranet.roles import COMMUNICATORS, is_communicator

pytestmark = pytest.mark.django_db


def test_outside_a_request_every_call_asks_again():
    person = UserFactory()
    assert not is_communicator(person)
    person.groups.add(Group.objects.get(name=COMMUNICATORS))
    # A command or a task holding the same object sees the change at once.
    assert is_communicator(person)
    community = CommunityPageFactory()
    assert not is_on_team(person, community)
    CommunityTeamMemberFactory(page=community, user=person)
    assert is_on_team(person, community)


def test_within_a_request_a_question_is_asked_once(django_assert_num_queries):
    person = UserFactory()
    calls = []

    def view(request):
        for _ in range(3):
            once_per_request(("answer", person.pk), lambda: calls.append(1) or len(calls))
        with django_assert_num_queries(1):
            assert [is_communicator(person) for _ in range(3)] == [False] * 3
        return HttpResponse()

    RequestMemoMiddleware(view)(RequestFactory().get("/"))
    RequestMemoMiddleware(view)(RequestFactory().get("/"))
    # Once per request: the second request asked again.
    assert calls == [1, 1]
