"""The feedback inbox: who reads it, what they see, its filters and its privacy."""

import pytest

from django.urls import reverse

from communities.models import CommunityPage, Visibility
from guides.factories import GuideIndexPageFactory
from insights import privacy, services
from insights.factories import SuggestionFactory, SuggestionVoteFactory
from insights.models import FeedbackKind, InboxEntry, SuggestionStatus
from intranet.factories import UserFactory
from tests.query_counts import assert_cost_does_not_grow

INBOX = reverse("insights_inboxentry_modeladmin_index")


def vote(page, helpful=True, comment="", username=None) -> None:
    user = UserFactory(**({"username": username} if username else {}))
    services.answer_helpful(user, page, helpful, comment)


@pytest.fixture
def feedback(make_community, make_guide, owner):
    """Votes inside olivia's community and outside it, and a suggestion."""
    cyclists = make_community(title="Cyclists", lead=owner)
    index = GuideIndexPageFactory(parent=cyclists, title="Cyclists guides")
    in_community = make_guide(parent=index, title="Safe routes")
    elsewhere = make_guide(title="Booking leave")
    vote(cyclists, True, "Community comment", username="zebedee")
    vote(in_community, False, "Routes comment")
    vote(elsewhere, False, "Leave comment")
    SuggestionFactory(title="Canteen menu", status=SuggestionStatus.PLANNED)
    return {"community": cyclists, "in_community": in_community, "elsewhere": elsewhere}


def inbox(client, user, query=""):
    client.force_login(user)
    response = client.get(INBOX + query)
    return response, response.content.decode()


@pytest.mark.parametrize("who", ["communicator", "reader", "superuser"])
def test_the_team_and_the_readers_see_every_piece_of_feedback(client, request, who, feedback):
    response, content = inbox(client, request.getfixturevalue(who))
    assert response.status_code == 200
    for text in ("Community comment", "Routes comment", "Leave comment", "Canteen menu"):
        assert text in content


def test_a_community_owner_sees_only_the_votes_on_their_own_pages(client, owner, feedback):
    response, content = inbox(client, owner)
    assert response.status_code == 200
    assert "Community comment" in content
    assert "Routes comment" in content
    assert "Leave comment" not in content
    assert "Canteen menu" not in content
    # Not even as a choice in the page filter.
    assert "Booking leave" not in content
    assert "Safe routes" in content


def test_an_employee_gets_nothing_in_the_admin(client, employee, feedback):
    response, content = inbox(client, employee)
    assert response.status_code == 403
    assert "Leave comment" not in content


def test_a_person_who_left_a_team_loses_the_inbox(client, owner, feedback):
    feedback["community"].team_members.all().delete()
    assert not services.can_read_inbox(owner)
    assert services.inbox_filter(owner) is not None
    assert not InboxEntry.objects.filter(services.inbox_filter(owner)).exists()


def test_comments_are_shown_escaped_and_voters_are_not_named(client, communicator, guide):
    vote(guide, False, '<script>alert("x")</script>', username="zebedee")
    _response, content = inbox(client, communicator)
    assert '<script>alert("x")</script>' not in content
    assert "&lt;script&gt;" in content
    assert "zebedee" not in content


def test_page_totals_below_five_show_as_less_than_five(client, reader, guide):
    for _number in range(5):
        vote(guide, True)
    vote(guide, False, "Too long")
    _response, content = inbox(client, reader)
    assert "Yes: 5 · No: &lt; 5" in content
    assert privacy.masked(4) == "< 5"
    assert privacy.masked(0) == "< 5"
    assert privacy.masked(5) == 5


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("?kind=suggestion", {"Canteen menu"}, {"Leave comment", "Routes comment"}),
        ("?kind=helpful", {"Leave comment", "Routes comment"}, {"Canteen menu"}),
        ("?status=planned", {"Canteen menu"}, {"Leave comment"}),
        ("?status=done", set(), {"Canteen menu", "Leave comment"}),
        ("?status=bogus", {"Canteen menu", "Leave comment"}, set()),
        ("?community=bogus", {"Canteen menu", "Leave comment"}, set()),
        ("?received_at__gte=2999-01-01", set(), {"Canteen menu", "Leave comment"}),
        ("?received_at__gte=2000-01-01", {"Canteen menu", "Leave comment"}, set()),
    ],
)
def test_the_inbox_filters(client, communicator, feedback, query, shown, hidden):
    response, content = inbox(client, communicator, query)
    assert response.status_code == 200
    assert {text for text in shown | hidden if text in content} == shown


def test_the_inbox_filters_by_community_and_by_page(client, communicator, feedback):
    _response, content = inbox(client, communicator, f"?community={feedback['community'].pk}")
    assert "Community comment" in content and "Routes comment" in content
    assert "Leave comment" not in content
    _response, content = inbox(client, communicator, f"?page={feedback['elsewhere'].pk}")
    assert "Leave comment" in content
    assert "Routes comment" not in content


def test_rows_lead_to_where_feedback_is_acted_on(client, communicator, reader, feedback):
    suggestion_edit = reverse(
        "insights_suggestion_modeladmin_edit",
        args=[InboxEntry.objects.get(kind=FeedbackKind.SUGGESTION).suggestion_id],
    )
    _response, content = inbox(client, communicator)
    assert suggestion_edit in content
    assert feedback["elsewhere"].url in content
    # Readers read; answering is the Communicators' job.
    _response, content = inbox(client, reader)
    assert suggestion_edit not in content


def test_the_inbox_is_read_only(client, superuser, feedback):
    client.force_login(superuser)
    entry = InboxEntry.objects.first()
    assert client.get(reverse("insights_inboxentry_modeladmin_create")).status_code == 302
    delete = reverse("insights_inboxentry_modeladmin_delete", args=[entry.pk])
    assert client.post(delete).status_code == 302
    assert InboxEntry.objects.filter(pk=entry.pk).exists()


def build(make_guide, size):
    guides = [make_guide(title=f"Guide {size}-{number}") for number in range(3)]
    for number in range(size):
        vote(guides[number % 3], number % 2 == 0, f"Comment {size}-{number}")
    for suggestion in SuggestionFactory.create_batch(size):
        SuggestionVoteFactory.create_batch(2, suggestion=suggestion)
    return (guides[0],)


def test_the_inbox_costs_the_same_at_5_and_at_40(client, communicator, make_guide):
    client.force_login(communicator)
    small, large = (build(make_guide, size) for size in (5, 40))
    pages = {
        "inbox": lambda guide: INBOX,
        "inbox for one page": lambda guide: f"{INBOX}?page={guide.pk}&kind=helpful",
    }
    assert_cost_does_not_grow(client, pages, small, large, 30)


def test_the_community_filter_names_no_secret_community_to_those_outside(
    client, make_community, owner, communicator, feedback
):
    make_community(title="Project Aurora", lead=owner, visibility=Visibility.SECRET)
    _response, content = inbox(client, communicator)
    assert "Cyclists" in content
    assert "Project Aurora" not in content
    _response, content = inbox(client, owner)
    assert "Project Aurora" in content
    # Its id in the address answers as a missing one: the whole list.
    secret = CommunityPage.objects.get(title="Project Aurora")
    _response, by_secret = inbox(client, communicator, f"?community={secret.pk}")
    _response, by_missing = inbox(client, communicator, "?community=999999")
    assert "Leave comment" in by_secret and "Leave comment" in by_missing
