"""A guide's heading and body are rendered once for every reader, until it is published again."""

import pytest

from intranet.factories import UserFactory
from tests.communities.conftest import publish
from tests.guides.conftest import EVERY_BLOCK

pytestmark = pytest.mark.django_db

HEADING = "guides/includes/guide_heading.html"
BODY = "guides/includes/guide_body.html"


def visit(client, url) -> tuple[str, set[str]]:
    """The page, and the templates rendered to make it."""
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), {template.name for template in response.templates}


def test_every_reader_is_shown_the_guide_rendered_for_the_first(
    employee_client, client, make_guide
):
    guide = make_guide(title="Joining a community", summary="How to join", **EVERY_BLOCK)
    first, rendered = visit(employee_client, guide.url)
    assert {HEADING, BODY} <= rendered
    assert "Find the search box" in first

    client.force_login(UserFactory())
    second, rendered = visit(client, guide.url)
    assert not {HEADING, BODY} & rendered
    for shown in ("How to join", "Find the search box", "Who can see my profile?"):
        assert second.count(shown) == first.count(shown) == 1


def test_a_guide_published_again_is_shown_as_published(employee_client, make_guide):
    guide = make_guide(summary="How to join")
    visit(employee_client, guide.url)

    guide.summary = "How to join, and how to leave"
    publish(guide)
    html, rendered = visit(employee_client, guide.url)
    assert {HEADING, BODY} <= rendered
    assert "How to join, and how to leave" in html


def test_a_preview_shows_the_draft_rather_than_the_kept_guide(rf, employee_client, make_guide):
    guide = make_guide(summary="What was published")
    visit(employee_client, guide.url)

    guide.summary = "What is being written"
    guide.save_revision()
    # The dummy request carries the original's cookies, so the session signs it in.
    session = employee_client.cookies["sessionid"].value
    request = rf.get("/", HTTP_COOKIE=f"sessionid={session}")
    preview = guide.get_latest_revision_as_object().make_preview_request(request)
    assert "What is being written" in preview.content.decode()
    assert "What was published" in visit(employee_client, guide.url)[0]
