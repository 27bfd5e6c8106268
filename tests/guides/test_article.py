"""A guide's heading and body are the same for every reader, and shown as last published."""

import pytest

from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.models import PageViewRestriction

from intranet.factories import UserFactory
from tests.communities.conftest import publish
from tests.guides.conftest import EVERY_BLOCK

pytestmark = pytest.mark.django_db


def reader(**fields) -> Client:
    client = Client()
    client.force_login(UserFactory(**fields))
    return client


def article(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    return html[html.index('<article class="card">') : html.index("</article>")]


def test_two_readers_see_the_same_guide_with_their_own_progress(make_guide):
    guide = make_guide(title="Joining a community", summary="How to join", **EVERY_BLOCK)
    first = reader(first_name="Ada")
    first.post(reverse("guides:complete", args=[guide.pk]))
    first_html = article(first, guide.url)
    second_html = article(reader(first_name="Bea"), guide.url)

    for shown in ("How to join", "Find the search box", "Who can see my profile?"):
        assert second_html.count(shown) == first_html.count(shown) == 1
    assert "You have completed this guide." in first_html
    assert "You have completed this guide." not in second_html
    assert "Ada" not in second_html


def test_a_guide_published_again_is_shown_as_published(employee_client, make_guide):
    guide = make_guide(summary="How to join")
    article(employee_client, guide.url)

    guide.summary = "How to join, and how to leave"
    publish(guide)
    assert "How to join, and how to leave" in article(employee_client, guide.url)


def test_a_page_the_guide_links_to_moved_is_linked_where_it_now_is(employee_client, make_guide):
    other = make_guide(title="Leaving a community", slug="leaving")
    guide = make_guide(
        body__0__paragraph__value=f'<p>See <a linktype="page" id="{other.pk}">leaving</a>.</p>'
    )
    assert "/leaving/" in article(employee_client, guide.url)

    other.slug = "leaving-a-community"
    publish(other)
    assert "/leaving-a-community/" in article(employee_client, guide.url)


def test_a_preview_shows_the_draft_and_readers_still_the_published_guide(
    rf, employee_client, make_guide
):
    guide = make_guide(summary="What was published")
    article(employee_client, guide.url)

    guide.summary = "What is being written"
    guide.save_revision()
    # The dummy request carries the original's cookies, so the session signs it in.
    session = employee_client.cookies["sessionid"].value
    request = rf.get("/", HTTP_COOKIE=f"sessionid={session}")
    preview = guide.get_latest_revision_as_object().make_preview_request(request)
    assert "What is being written" in preview.content.decode()
    assert "What was published" in article(employee_client, guide.url)
    assert "What was published" in article(reader(), guide.url)


def test_a_document_renamed_is_shown_by_its_new_title(employee_client, make_guide):
    document = get_document_model().objects.create(
        title="Leave form", file=ContentFile(b"%PDF-1.4", name="leave.pdf")
    )
    guide = make_guide()
    guide.body = [("document", {"document": document, "label": ""})]
    publish(guide)
    assert "Leave form" in article(employee_client, guide.url)

    document.title = "Expenses form"
    document.save()
    assert "Expenses form" in article(employee_client, guide.url)


def test_read_next_leaves_out_a_page_behind_a_restriction(employee_client, make_guide):
    public, private = make_guide(title="Open to all"), make_guide(title="Board minutes")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="ledger"
    )
    guide = make_guide()
    guide.body = [("related_pages", {"pages": [public, private]})]
    publish(guide)
    shown = article(employee_client, guide.url)
    assert "Open to all" in shown
    assert "Board minutes" not in shown
