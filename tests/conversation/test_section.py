"""The section around a conversation's threads is rendered once a page for every reader but
its moderators, and filled in with what is each reader's own."""

import re

import pytest

from django.test import Client
from django.urls import reverse

from conversation import section, services
from conversation.models import Comment

pytestmark = pytest.mark.django_db

TEMPLATE = "conversation/includes/section.html"


def reader(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def visit(client, url) -> tuple[str, bool]:
    """The page's conversation section, and whether the section's template was rendered."""
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    start = html.index('<section id="conversation"')
    return html[start : html.index("</section>", start)], any(
        template.name == TEMPLATE for template in response.templates
    )


def top_form(html) -> dict[str, str]:
    """The fields of the form for a new comment, as the reader's browser would post them."""
    form = html[html.index('class="comment-form"') :].split("</form>", 1)[0]
    return dict(re.findall(r'name="(csrfmiddlewaretoken|key|order)" value="([^"]*)"', form))


def test_a_second_reader_is_served_the_kept_section_with_their_own_parts(
    discussion, employee, stranger
):
    section._kept.cache_clear()
    services.react_to_page(stranger, discussion, "celebrate")
    mine, rendered = visit(reader(employee), discussion.url)
    assert rendered
    browser = reader(stranger)
    theirs, rendered = visit(browser, discussion.url)
    assert not rendered
    assert "[[" not in theirs
    for html in (mine, theirs):
        assert "0 comments" in html
        assert "Oldest first" not in html
    assert 'value="celebrate" aria-pressed="false"' in mine
    assert 'value="celebrate" aria-pressed="true"' in theirs
    assert top_form(mine)["key"] != top_form(theirs)["key"]

    # The kept form posts, with the reader's own token and a key of its own.
    posted = browser.post(
        reverse("conversation:post", args=[discussion.pk]), {**top_form(theirs), "body": "Hello"}
    )
    assert posted.status_code == 302
    assert Comment.objects.get(object_pk=str(discussion.pk)).comment == "Hello"
    theirs, rendered = visit(browser, discussion.url)
    # The first comment brings the links that order them: another section, rendered once.
    assert rendered
    assert "1 comment" in theirs
    assert "Oldest first" in theirs


def test_a_moderator_has_a_section_of_their_own_with_the_lock(discussion, employee, owner):
    visit(reader(employee), discussion.url)
    moderated, rendered = visit(reader(owner), discussion.url)
    assert rendered
    assert "Lock the conversation" in moderated
    assert "Lock the conversation" not in visit(reader(employee), discussion.url)[0]
