"""Where guides may live, what their blocks offer, and what is computed from the body."""

import datetime

import pytest

from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse

from wagtail.blocks import StreamValue
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from communities.models import CommunityPage
from guides import blocks
from guides.models import GuideIndexPage, GuidePage, LearningPathPage, reading_minutes
from home.models import HomePage
from intranet.ownership import ContentOwnership
from tests.guides.conftest import EVERY_BLOCK

pytestmark = pytest.mark.django_db


class TestTree(WagtailPageTestCase):
    def test_guide_indexes_live_under_home_and_communities(self):
        self.assertAllowedParentPageTypes(GuideIndexPage, {HomePage, CommunityPage})
        self.assertCanCreateAt(CommunityPage, GuideIndexPage)

    def test_guides_and_paths_live_only_in_a_guide_index(self):
        self.assertAllowedParentPageTypes(GuidePage, {GuideIndexPage})
        self.assertAllowedParentPageTypes(LearningPathPage, {GuideIndexPage})
        self.assertCanNotCreateAt(HomePage, GuidePage)
        self.assertCanNotCreateAt(CommunityPage, GuidePage)
        self.assertAllowedSubpageTypes(GuidePage, set())


def test_communities_and_guides_share_ownership_and_review_dates():
    assert issubclass(CommunityPage, ContentOwnership)
    assert issubclass(GuidePage, ContentOwnership)
    columns = {
        column.name
        for column in connection.introspection.get_table_description(
            connection.cursor(), CommunityPage._meta.db_table
        )
    }
    assert {"content_owner_id", "last_reviewed", "review_by"} <= columns


@pytest.mark.parametrize("name", list(blocks.GuideBodyBlock.base_blocks))
def test_every_block_explains_itself_in_the_picker(name):
    block = blocks.GuideBodyBlock().child_blocks[name]
    assert block.meta.icon
    assert block.meta.template
    assert block.meta.description
    assert hasattr(block.meta, "preview_value")


def test_reading_time_is_computed_from_the_body_on_save(make_guide):
    words = " ".join(["word"] * 450)
    guide = make_guide(body__0__paragraph__value=f"<p>{words}</p>")
    assert guide.reading_minutes == 3  # 450 words at 200 a minute, rounded up
    assert make_guide(body__0__heading__text="Short").reading_minutes == 1


def test_reading_time_counts_text_inside_steps_and_questions():
    step = {"title": "t", "text": "<p>" + "w " * 300 + "</p>"}
    question = {"question": "q", "answer": "<p>" + "w " * 200 + "</p>"}
    body = StreamValue(
        blocks.GuideBodyBlock(),
        [
            {"type": "steps", "value": {"steps": [step]}},
            {"type": "questions", "value": {"questions": [question]}},
        ],
        is_lazy=True,
    )
    assert reading_minutes(body) == 3


def test_every_block_renders_on_the_guide(employee_client, make_guide):
    guide = make_guide(**EVERY_BLOCK)
    html = employee_client.get(guide.url).content.decode()
    for text in (
        "Before you start",
        "Open the intranet and sign in.",
        "Find the search box",
        "callout--tip",
        "callout--warning",
        "Who can see my profile?",
    ):
        assert text in html


def test_a_video_that_cannot_be_embedded_is_a_plain_link(employee_client, make_guide):
    # No provider knows this address, and this machine has no network: either
    # way the embed cannot be fetched, and the reader still gets the link.
    guide = make_guide(
        body__0__video__url="https://videos.example.com/watch/intranet-tour",
        body__0__video__title="A tour of the intranet",
        body__1__video__url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        body__1__video__title="Welcome from the team",
    )
    html = employee_client.get(guide.url).content.decode()
    assert 'href="https://videos.example.com/watch/intranet-tour"' in html
    assert "Watch the video: A tour of the intranet" in html
    assert "Watch the video: Welcome from the team" in html
    assert "<iframe" not in html


def test_a_related_page_that_is_unpublished_is_not_linked(employee_client, make_guide):
    hidden = make_guide(title="Withdrawn guide")
    shown = make_guide(title="Current guide")
    hidden.unpublish()
    guide = make_guide(
        body__0__related_pages__pages__0__page=hidden,
        body__0__related_pages__pages__1__page=shown,
    )
    html = employee_client.get(guide.url).content.decode()
    assert "Current guide" in html
    assert "Withdrawn guide" not in html


def test_a_review_date_before_the_last_review_is_refused_with_a_clear_message(make_guide):
    guide = make_guide()
    guide.last_reviewed = datetime.date(2026, 3, 1)
    guide.review_by = datetime.date(2026, 2, 1)
    with pytest.raises(ValidationError) as refusal:
        guide.full_clean()
    assert refusal.value.message_dict["review_by"] == [
        "The next review must come after the last one."
    ]


def test_the_editor_shows_the_review_date_error_and_saves_nothing(admin_client, make_community):
    community = make_community(title="Wellbeing")
    data = nested_form_data(
        {
            "title": "Wellbeing",
            "slug": community.slug,
            "purpose": community.purpose,
            "body": streamfield([]),
            "visibility": "open",
            "membership_policy": "open",
            "team_members": inline_formset([]),
            "comments": inline_formset([]),
            "last_reviewed": "2026-03-01",
            "review_by": "2026-02-01",
        }
    )
    response = admin_client.post(reverse("wagtailadmin_pages:edit", args=[community.pk]), data)
    assert response.status_code == 200
    assert "The next review must come after the last one." in response.content.decode()
    community.refresh_from_db()
    assert community.review_by is None
    assert community.get_latest_revision().content.get("review_by") is None


def test_guides_paths_and_indexes_preview_as_editors_see_them(
    rf, employee_client, guides_index, make_guide, make_path
):
    guide = make_guide(title="Joining a community", **EVERY_BLOCK)
    path = make_path([guide], title="Welcome")
    # The preview renders the latest revision, whose inlines and tags live in
    # memory rather than in the database.
    # The dummy request carries the original's cookies, so the session signs it in.
    session = employee_client.cookies["sessionid"].value
    for page in (guides_index, guide, path):
        request = rf.get("/", HTTP_COOKIE=f"sessionid={session}")
        response = page.get_latest_revision_as_object().make_preview_request(request)
        assert response.status_code == 200, page
        assert page.title in response.content.decode()
