"""'Was this page helpful?' on guides and communities: one answer per person, changeable."""

import re
import threading

import pytest

from django.db import connection
from django.test import Client
from django.urls import reverse

from communities.factories import DiscussionPageFactory, MembershipFactory
from communities.models import Visibility
from insights import services
from insights.models import HELPFUL_COMMENT_MAX_LENGTH, FeedbackKind, HelpfulVote, InboxEntry
from intranet.factories import UserFactory

XSS = '<script>alert("x")</script>'


def answer(client, page, helpful="yes", comment="", **extra):
    return client.post(
        reverse("insights:helpful", args=[page.pk]),
        {"helpful": helpful, "comment": comment},
        **extra,
    )


def messages_of(response):
    """What this response added to the messages (earlier ones wait in the cookie)."""
    return [str(m) for m in response.wsgi_request._messages._queued_messages]


@pytest.mark.parametrize("page_fixture", ["guide", "community"])
def test_guides_and_communities_ask_whether_they_helped(employee_client, request, page_fixture):
    page = request.getfixturevalue(page_fixture)
    response = employee_client.get(page.url)
    content = response.content.decode()
    assert "Was this page helpful?" in content
    assert reverse("insights:helpful", args=[page.pk]) in content
    assert 'name="csrfmiddlewaretoken"' in content
    # Progressive enhancement from a static file, never an inline script.
    assert "insights/feedback.js" in content
    assert "<script>" not in content


def test_a_closed_community_asks_nobody(make_community, owner, employee):
    """Its answers would reach the insights readers, who may not read it; so there is no box,
    for its members as for the others at its front door."""
    closed = make_community(title="Leadership", lead=owner, visibility=Visibility.CLOSED)
    MembershipFactory(user=employee, community=closed)
    for who in (employee, owner, UserFactory()):
        reader = Client()
        reader.force_login(who)
        response = reader.get(closed.url)
        assert response.status_code == 200
        assert "Leadership" in response.text
        assert "Was this page helpful?" not in response.text


def test_the_box_shows_each_persons_own_comment_back_as_text(
    employee_client, employee, guide, client
):
    empty = employee_client.get(guide.url).content.decode()
    assert '<label for="helpful-comment">Anything to add? (optional)</label>' in empty
    assert f'maxlength="{HELPFUL_COMMENT_MAX_LENGTH}">\n</textarea>' in empty

    answer(employee_client, guide, "no", XSS)
    mine = employee_client.get(guide.url).content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</textarea>" in mine
    assert "You answered “No”" in mine

    client.force_login(UserFactory(username="fred"))
    theirs = client.get(guide.url).content.decode()
    assert "alert" not in theirs
    assert "You answered" not in theirs


def test_two_readers_each_see_their_own_answer_and_post_with_their_own_token(
    employee_client, guide, community
):
    def box_on(client, page) -> str:
        html = client.get(page.url).content.decode()
        start = html.index('id="helpful"')
        return html[start : html.index("</section>", start)]

    box = box_on(employee_client, guide)
    assert f'action="{reverse("insights:helpful", args=[guide.pk])}"' in box
    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory(username="fred"))
    box = box_on(client, community)
    assert f'action="{reverse("insights:helpful", args=[community.pk])}"' in box

    answer(employee_client, guide, "no", "Unclear")
    # The form posts with the token rendered for this reader.
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', box).group(1)
    posted = client.post(
        reverse("insights:helpful", args=[guide.pk]),
        {"helpful": "yes", "comment": "Short & sweet", "csrfmiddlewaretoken": token},
    )
    assert posted.status_code == 302
    mine, theirs = box_on(employee_client, guide), box_on(client, guide)
    assert "You answered “No”" in mine
    assert "Unclear</textarea>" in mine
    assert 'value="no" aria-pressed="true"' in mine
    assert "You answered “Yes”" in theirs
    assert "Short &amp; sweet</textarea>" in theirs
    assert 'value="yes" aria-pressed="true"' in theirs


def test_an_answer_is_recorded_and_can_be_changed_without_a_second_row(
    employee_client, employee, guide
):
    response = answer(employee_client, guide, "no", "The leave form link is broken.")
    assert response.status_code == 302
    assert response["Location"] == guide.url + "#helpful"
    assert messages_of(response) == ["Thank you: your answer “No” is recorded."]
    vote = HelpfulVote.objects.get(user=employee, page=guide)
    assert (vote.helpful, vote.comment) == (False, "The leave form link is broken.")

    response = answer(employee_client, guide, "yes")
    assert messages_of(response) == ["Your answer is changed to “Yes”."]
    vote = HelpfulVote.objects.get(user=employee, page=guide)
    assert (vote.helpful, vote.comment) == (True, "")
    assert HelpfulVote.objects.count() == 1
    # The page shows the answer back, so the person knows what they said.
    assert "You answered “Yes”" in employee_client.get(guide.url).content.decode()


def test_a_changed_answer_comes_back_to_the_top_of_the_inbox(employee, guide):
    first, is_new = services.answer_helpful(employee, guide, False)
    assert is_new
    received = InboxEntry.objects.get(helpful_vote=first).received_at
    assert services.answer_helpful(employee, guide, True, "Found it")[1] is False
    entry = InboxEntry.objects.get()
    assert entry.kind == FeedbackKind.HELPFUL
    assert entry.page_id == guide.pk
    assert entry.received_at > received


def test_the_browser_script_gets_json(employee_client, guide):
    response = answer(employee_client, guide, "yes", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert response.json() == {
        "message": "Thank you: your answer “Yes” is recorded.",
        "helpful": True,
    }

    response = answer(employee_client, guide, "maybe", HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert (
        "Choose “Yes” or “No”" in response.json()["message"]
        or "valid choice" in (response.json()["message"])
    )


def test_a_comment_is_plain_text_and_shown_escaped(employee_client, employee, guide):
    answer(employee_client, guide, "no", XSS)
    assert HelpfulVote.objects.get().comment == XSS
    content = employee_client.get(guide.url).content.decode()
    assert XSS not in content
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in content


@pytest.mark.parametrize(
    ("helpful", "comment", "expected"),
    [
        ("", "", "Choose “Yes” or “No”."),
        ("perhaps", "", "Select a valid choice."),
        ("yes", "x" * (HELPFUL_COMMENT_MAX_LENGTH + 1), "at most 1000 characters"),
    ],
)
def test_bad_answers_are_refused_with_a_message_and_change_nothing(
    employee_client, guide, helpful, comment, expected
):
    response = answer(employee_client, guide, helpful, comment)
    assert response.status_code == 302
    assert any(expected in text for text in messages_of(response)), messages_of(response)
    assert not HelpfulVote.objects.exists()
    assert not InboxEntry.objects.exists()


def test_an_unknown_page_is_refused_with_a_message(employee_client):
    response = employee_client.post(reverse("insights:helpful", args=[999999]), {"helpful": "yes"})
    assert response.status_code == 302
    assert messages_of(response) == ["That page does not exist, so your answer was not recorded."]
    assert not HelpfulVote.objects.exists()


def test_pages_that_do_not_ask_refuse_an_answer(employee_client, home, community):
    discussion = publish_discussion(community)
    for page in (home, discussion):
        response = answer(employee_client, page)
        assert messages_of(response) == ["This page does not ask whether it was helpful."]
    assert not HelpfulVote.objects.exists()


def publish_discussion(community):
    discussion = DiscussionPageFactory(parent=community)
    discussion.save_revision().publish()
    return discussion


def test_an_unpublished_guide_refuses_an_answer(employee_client, guide):
    guide.unpublish()
    response = answer(employee_client, guide)
    assert messages_of(response) == ["This page does not ask whether it was helpful."]
    assert not HelpfulVote.objects.exists()


def test_only_a_post_answers(employee_client, guide):
    assert employee_client.get(reverse("insights:helpful", args=[guide.pk])).status_code == 405


def test_a_post_without_the_csrf_token_is_refused(employee, guide):
    client = Client(enforce_csrf_checks=True)
    client.force_login(employee)
    assert answer(client, guide).status_code == 403
    assert not HelpfulVote.objects.exists()


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    # The suite's in-memory SQLite shares one cache between threads and
    # fails on table locks instead of waiting; a real SQLite file queues
    # writers (IMMEDIATE transactions), so the race is PostgreSQL's.
    reason="threads need a database with row locks",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_answers_at_once_make_one_row_and_no_error(employee, make_guide):
    guide = make_guide(title="Double click")
    barrier = threading.Barrier(4)
    statuses = []

    def submit(helpful):
        client = Client()
        client.force_login(employee)
        barrier.wait()
        try:
            statuses.append(answer(client, guide, helpful).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(h,)) for h in ("yes", "no", "yes", "no")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [302, 302, 302, 302]
    assert HelpfulVote.objects.filter(user=employee, page=guide).count() == 1
    assert InboxEntry.objects.count() == 1
