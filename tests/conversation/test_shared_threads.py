"""A conversation's threads are rendered once for every reader, and each sees what is their own."""

import re

from django.test import Client
from django.urls import reverse

from wagtail.models import PageViewRestriction

from communities.factories import MembershipFactory
from conversation import queries, services, threads
from conversation.factories import CommentFactory
from conversation.models import Comment, CommentReaction
from intranet.factories import UserFactory
from intranet.holes import Holes
from tests.helpers import page_and_queries_naming


def reader(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def card(html, comment):
    """The comment's own card, up to the next comment."""
    start = html.index(f'id="comment-{comment.pk}"')
    end = html.find('<li class="comment"', start)
    return html[start : end if end != -1 else len(html)]


def comment_queries(client, url):
    # The text of each comment shown, read only to render the threads.
    return page_and_queries_naming(client, url, '"django_comments"."comment"')


def test_a_second_reader_is_served_the_kept_threads_with_their_own_parts(
    discussion, employee, stranger
):
    mine = CommentFactory(page=discussion, user=employee, comment="Mine")
    theirs = CommentFactory(page=discussion, user=stranger, comment="Theirs")
    services.react_to_comment(employee, theirs, "insightful")
    services.react_to_comment(stranger, mine, "celebrate")

    html, reads = comment_queries(reader(employee), discussion.url)
    assert reads, "the first view renders the threads"
    own = card(html, mine)
    assert f'href="{reverse("conversation:edit", args=[mine.pk])}"' in own
    assert reverse("conversation:flag", args=[mine.pk]) not in own
    assert 'value="insightful" aria-pressed="true"' in card(html, theirs)
    assert 'value="celebrate" aria-pressed="false"' in own

    html, reads = comment_queries(reader(stranger), discussion.url)
    assert reads == [], "the second reader gets the kept threads"
    assert reverse("conversation:edit", args=[mine.pk]) not in card(html, mine)
    assert f'href="{reverse("conversation:flag", args=[mine.pk])}"' in card(html, mine)
    assert f'href="{reverse("conversation:edit", args=[theirs.pk])}"' in card(html, theirs)
    assert 'value="celebrate" aria-pressed="true"' in card(html, mine)
    assert 'value="insightful" aria-pressed="false"' in card(html, theirs)
    assert "[[" not in html


def test_each_form_in_the_kept_threads_carries_the_readers_own_token(discussion, employee):
    mine = CommentFactory(page=discussion, user=employee)
    reader(UserFactory()).get(discussion.url)
    browser = reader(employee)
    html = browser.get(discussion.url).content.decode()
    delete = reverse("conversation:delete", args=[mine.pk])
    form = html[html.index(f'action="{delete}"') :]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    react = reverse("conversation:react", args=[mine.pk])
    form = html[html.index(f'action="{react}"') :].split("</form>", 1)[0]
    reaction_token = re.search(r'name="csrfmiddlewaretoken" value="([^"]*)"', form).group(1)
    kind = re.search(r'name="kind" value="([^"]+)"', form).group(1)
    answer = browser.post(react, {"csrfmiddlewaretoken": reaction_token, "kind": kind})
    assert answer.status_code == 302
    assert CommentReaction.objects.filter(comment=mine, user=employee, kind=kind).exists()

    assert browser.post(delete, {"csrfmiddlewaretoken": token}).status_code == 302
    assert Comment.objects.get(pk=mine.pk).is_removed


def test_what_changes_the_threads_is_seen_on_the_next_view(discussion, employee, stranger, owner):
    comment = CommentFactory(page=discussion, user=stranger, comment="First words")
    client = reader(employee)
    assert "First words" in client.get(discussion.url).content.decode()

    CommentFactory(page=discussion, user=stranger, comment="A new comment")
    assert "A new comment" in client.get(discussion.url).content.decode()

    services.edit_comment(stranger, comment, "Second thoughts")
    assert "Second thoughts" in client.get(discussion.url).content.decode()

    services.react_to_comment(owner, comment, "support")
    assert 'value="support" aria-pressed="false">Support <span class="reaction__count">1' in (
        card(client.get(discussion.url).content.decode(), comment)
    )

    stranger.profile.display_name = "Sam Renamed"
    stranger.profile.save()
    assert "Sam Renamed" in client.get(discussion.url).content.decode()

    services.hide_comment(owner, comment)
    assert "Second thoughts" not in client.get(discussion.url).content.decode()


def test_a_locked_conversation_offers_no_edit_even_on_kept_threads(discussion, employee, owner):
    mine = CommentFactory(page=discussion, user=employee)
    client = reader(employee)
    edit = reverse("conversation:edit", args=[mine.pk])
    assert edit in client.get(discussion.url).content.decode()
    services.set_locked(owner, discussion, True)
    discussion.refresh_from_db()
    html = client.get(discussion.url).content.decode()
    assert edit not in html
    assert "Reply" not in card(html, mine)


def test_a_comment_that_quotes_a_hole_is_shown_as_written(discussion, employee):
    written = f"{Holes('0123456789abcdef').mark('csrf')} and [[x:actions:1]]"
    CommentFactory(page=discussion, user=employee, comment=written)
    html = reader(employee).get(discussion.url).content.decode()
    assert written in html


def test_each_rendering_draws_its_own_nonce(discussion, employee, monkeypatch):
    # What keeps a comment from quoting a live hole: nobody can know the nonce.
    drawn = []

    class Recorded(Holes):
        def __init__(self, nonce=None):
            super().__init__(nonce)
            drawn.append(self)

    monkeypatch.setattr(threads, "Holes", Recorded)
    CommentFactory(page=discussion, user=employee)
    pages, nodes, count = queries._shown_threads(discussion, "oldest", 1, is_moderator=False)
    conversation = {"order": "oldest", "closed_reason": "", "is_moderator": False}
    for _ in "ab":
        threads.render(discussion, conversation, pages, nodes, count)
    first, second = drawn
    assert first.nonce != second.nonce
    # A mark of another rendering is text, not a hole.
    assert first.cut(second.mark("csrf")).holes == ()


def test_a_page_number_past_the_last_is_shown_but_not_kept(discussion, employee):
    CommentFactory(page=discussion, user=employee, comment="Only thread")
    client = reader(employee)
    for _ in range(2):
        html, reads = comment_queries(client, f"{discussion.url}?comments=999")
        assert "Only thread" in html
        assert reads, "rendered each time, never kept under 999"
    assert comment_queries(client, f"{discussion.url}?comments=1")[1]
    assert comment_queries(client, f"{discussion.url}?comments=1")[1] == []


def test_moving_a_discussion_leaves_the_lists_and_pages_that_showed_it(
    discussion, employee, owner, make_community
):
    private = make_community(title="Private corner", lead=owner)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    CommentFactory(page=discussion, user=employee, comment="Words on the move")
    person = reverse("people:person", args=[employee.username])
    community = discussion.get_parent()
    MembershipFactory(user=employee, community=community)
    client = reader(employee)
    assert "Words on the move" in client.get(person).content.decode()
    assert discussion.title in client.get(community.url).content.decode()
    assert discussion.title in client.get("/").content.decode()

    discussion.move(private, pos="last-child")
    assert "Words on the move" not in client.get(person).content.decode()
    assert discussion.title not in client.get(community.url).content.decode()
    # The home feed: kept per person, stale only by the move itself.
    assert discussion.title not in client.get("/").content.decode()


def test_locking_a_discussion_is_said_in_its_communitys_kept_list(discussion, employee, owner):
    community = discussion.get_parent()
    client = reader(employee)
    assert "Locked" not in client.get(community.url).content.decode()
    services.set_locked(owner, discussion, True)
    assert "Locked" in client.get(community.url).content.decode()


def test_moderators_get_threads_of_their_own(discussion, employee, owner):
    comment = CommentFactory(page=discussion, user=employee, comment="Hidden words")
    services.hide_comment(owner, comment)
    reader(UserFactory()).get(discussion.url)
    html = reader(owner).get(discussion.url).content.decode()
    assert "Hidden words" in html
    assert reverse("conversation:moderate", args=[comment.pk]) in html
    assert "Hidden words" not in reader(employee).get(discussion.url).content.decode()


def page_reactions(html):
    """The form of reactions to the page itself, with who reacted."""
    start = html.index('aria-label="Reactions to this page"')
    return html[start : html.index("</div>", start)]


def test_who_reacted_to_the_page_is_shown_with_each_readers_own(discussion, employee, stranger):
    services.react_to_page(stranger, discussion, "celebrate")
    reader(employee).get(discussion.url)

    html = reader(stranger).get(discussion.url).content.decode()
    assert 'value="celebrate" aria-pressed="true"' in page_reactions(html)
    assert "Celebrate: Sam" in page_reactions(html)
    html = reader(employee).get(discussion.url).content.decode()
    assert 'value="celebrate" aria-pressed="false"' in page_reactions(html)


def test_a_reaction_to_the_page_and_a_new_name_are_seen_on_the_next_view(
    discussion, employee, stranger
):
    services.react_to_page(stranger, discussion, "celebrate")
    client = reader(employee)
    client.get(discussion.url)

    services.react_to_page(employee, discussion, "insightful")
    html = client.get(discussion.url).content.decode()
    assert 'value="insightful" aria-pressed="true"' in page_reactions(html)

    services.react_to_page(stranger, discussion, "celebrate")
    html = client.get(discussion.url).content.decode()
    assert "Celebrate:" not in page_reactions(html)

    services.react_to_page(stranger, discussion, "insightful")
    client.get(discussion.url)
    stranger.first_name = "Samira"
    stranger.save()
    assert "Samira" in page_reactions(client.get(discussion.url).content.decode())


def test_the_kept_author_of_a_discussion_follows_their_name(discussion, employee):
    client = reader(employee)
    client.get(discussion.url)
    profile = discussion.author.profile
    profile.display_name = "Dana Scully"
    profile.save()
    html = client.get(discussion.url).content.decode()
    started = html[html.index("Started by") : html.index(" on ", html.index("Started by"))]
    assert "Dana Scully" in started
