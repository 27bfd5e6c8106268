"""The section around a conversation's threads: each reader sees their own reactions, token and
form key, and a moderator the lock."""

import re

import pytest

from django.test import Client
from django.urls import reverse

from conversation import services
from conversation.models import Comment

pytestmark = pytest.mark.django_db


def reader(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def visit(client, url) -> str:
    """The page's conversation section."""
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    start = html.index('<section id="conversation"')
    return html[start : html.index("</section>", start)]


def top_form(html) -> dict[str, str]:
    """The fields of the form for a new comment, as the reader's browser would post them."""
    form = html[html.index('class="comment-form"') :].split("</form>", 1)[0]
    return dict(re.findall(r'name="(csrfmiddlewaretoken|key|order)" value="([^"]*)"', form))


def test_two_readers_each_see_their_own_reactions_and_post_with_their_own_form(
    discussion, employee, stranger
):
    services.react_to_page(stranger, discussion, "celebrate")
    mine = visit(reader(employee), discussion.url)
    browser = reader(stranger)
    theirs = visit(browser, discussion.url)
    for html in (mine, theirs):
        assert "0 comments" in html
        assert "Oldest first" not in html
    assert 'value="celebrate" aria-pressed="false"' in mine
    assert 'value="celebrate" aria-pressed="true"' in theirs
    assert top_form(mine)["key"] != top_form(theirs)["key"]

    posted = browser.post(
        reverse("conversation:post", args=[discussion.pk]), {**top_form(theirs), "body": "Hello"}
    )
    assert posted.status_code == 302
    assert Comment.objects.get(object_pk=str(discussion.pk)).comment == "Hello"
    theirs = visit(browser, discussion.url)
    # The first comment brings the links that order them.
    assert "1 comment" in theirs
    assert "Oldest first" in theirs


def test_a_moderator_has_the_lock_and_others_do_not(discussion, employee, owner):
    visit(reader(employee), discussion.url)
    assert "Lock the conversation" in visit(reader(owner), discussion.url)
    assert "Lock the conversation" not in visit(reader(employee), discussion.url)
