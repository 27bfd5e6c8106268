"""The guide editor's live preview renders in its panel: the admin may frame a preview, a
new guide's before its first save included, and nothing else."""

import pytest

from django.urls import reverse

from tests.guides.test_workflow import guide_form

pytestmark = pytest.mark.django_db


def frame_ancestors(response) -> str:
    directives = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )
    return directives["frame-ancestors"]


def test_a_new_guide_previews_in_the_editors_panel(client, communicator, guides_index):
    client.force_login(communicator)
    url = reverse(
        "wagtailadmin_pages:preview_on_add", args=["guides", "guidepage", guides_index.pk]
    )
    # With its conversation open, as guides start.
    assert client.post(url, guide_form(comments_enabled="on")).json()["is_valid"]
    preview = client.get(url, {"in_preview_panel": "true", "mode": ""})
    assert preview.status_code == 200
    assert "Open the room calendar." in preview.content.decode()
    assert frame_ancestors(preview) == "'self'"
    assert preview["X-Frame-Options"] == "SAMEORIGIN"
    # The editor around it, like the rest of the admin, refuses any frame.
    editor = client.get(
        reverse("wagtailadmin_pages:add", args=["guides", "guidepage", guides_index.pk])
    )
    assert frame_ancestors(editor) == "'none'"
    assert editor["X-Frame-Options"] == "DENY"


def test_an_edited_guide_previews_and_its_page_refuses_frames(
    client, communicator, employee, make_guide
):
    guide = make_guide(title="Booking a meeting room")
    client.force_login(communicator)
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[guide.pk])
    assert client.post(url, guide_form(title="Booking a room")).json()["is_valid"]
    preview = client.get(url, {"in_preview_panel": "true", "mode": ""})
    assert "Booking a room" in preview.content.decode()
    assert frame_ancestors(preview) == "'self'"
    client.force_login(employee)
    page = client.get(guide.url)
    assert frame_ancestors(page) == "'none'"
    assert page["X-Frame-Options"] == "DENY"
