"""Uploads in the Wagtail admin: only allowed types and sizes, and never served as a page.

The people photo has its own checks (tests/people/test_editing.py) and the
/media/ view its own (tests/test_media.py); these cover Wagtail's documents and
images, uploaded by an administrator, whose rights are not what refuses them.
"""

import os
from io import BytesIO

import pytest
from PIL import Image as PillowImage

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection

from people.factories import image_bytes, png_claiming

SCRIPTED_HTML = b"<html><body><script>alert(1)</script></body></html>"
SCRIPTED_SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'


@pytest.fixture
def admin_client(world, db, client):
    client.force_login(world.users["admin"])
    return client


def upload(client, url_name, name, content, content_type):
    before = (Document.objects.count(), Image.objects.count())
    response = client.post(
        reverse(url_name),
        {
            "title": name,
            "file": SimpleUploadedFile(name, content, content_type=content_type),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    changed = (Document.objects.count(), Image.objects.count()) != before
    return response, changed


def errors(response) -> str:
    return " ".join(str(error) for error in response.context["form"].errors.get("file", []))


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("page.html", SCRIPTED_HTML, "text/html"),
        ("page.htm", SCRIPTED_HTML, "text/html"),
        ("logo.svg", SCRIPTED_SVG, "image/svg+xml"),
        ("run.js", b"alert(1)", "text/javascript"),
    ],
)
def test_a_document_that_could_run_is_refused_with_a_clear_message(
    admin_client, name, content, content_type
):
    response, changed = upload(admin_client, "wagtaildocs:add", name, content, content_type)
    assert response.status_code == 200
    assert "is not allowed. Allowed extensions are: csv," in errors(response)
    assert not changed


def test_a_text_document_holding_html_is_only_ever_downloaded(admin_client):
    response, changed = upload(
        admin_client, "wagtaildocs:add", "notes.txt", SCRIPTED_HTML, "text/html"
    )
    assert changed, response.context and response.context["form"].errors
    document = Document.objects.latest("pk")
    served = admin_client.get(document.url)
    assert served.status_code == 200
    assert served["Content-Disposition"].startswith("attachment")
    assert served["X-Content-Type-Options"] == "nosniff"
    assert served["Content-Security-Policy"] == "default-src 'none'"
    assert served["Content-Type"].startswith("text/plain")


@pytest.mark.parametrize(
    ("name", "content", "content_type", "message"),
    [
        ("logo.svg", SCRIPTED_SVG, "image/svg+xml", "Not a supported image format"),
        ("page.html", SCRIPTED_HTML, "text/html", "Not a supported image format"),
        # HTML dressed as a PNG: the name passes, the content does not.
        ("photo.png", SCRIPTED_HTML, "image/png", "Not a valid"),
    ],
)
def test_an_image_that_is_not_a_raster_image_is_refused(
    admin_client, name, content, content_type, message
):
    response, changed = upload(admin_client, "wagtailimages:add", name, content, content_type)
    assert response.status_code == 200
    assert message in errors(response)
    assert not changed


def test_an_oversized_image_is_refused_with_its_size_and_the_limit(admin_client, settings):
    # Noise does not compress, so the PNG is as large as its pixels.
    side = 1900
    noise = PillowImage.frombytes("RGB", (side, side), os.urandom(side * side * 3))
    output = BytesIO()
    noise.save(output, format="PNG", compress_level=0)
    content = output.getvalue()
    assert len(content) > settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
    response, changed = upload(admin_client, "wagtailimages:add", "big.png", content, "image/png")
    assert response.status_code == 200
    message = errors(response)
    assert "This file is too big" in message
    assert "Maximum filesize 10.0\xa0MB" in message
    assert not changed


@pytest.mark.parametrize(
    ("width", "height", "count"), [(5001, 5000, "25005000"), (20_000, 20_000, "unknown number")]
)
def test_an_image_with_too_many_pixels_is_refused_from_its_header(
    admin_client, settings, width, height, count
):
    """The header claims the pixels; the file holds a 64×64 image's, so decoding it would fail."""
    # The same limit as people's photos (intranet.image_limits).
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 25_000_000
    content = png_claiming(width, height)
    response, changed = upload(admin_client, "wagtailimages:add", "big.png", content, "image/png")
    assert response.status_code == 200
    assert f"This file has too many pixels ({count}). Maximum pixels 25000000." in errors(response)
    assert not changed


def test_the_bulk_uploader_counts_the_pixels_from_the_header_too(admin_client):
    before = Image.objects.count()
    response = admin_client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": SimpleUploadedFile("big.png", png_claiming(5001, 5000), "image/png")},
    )
    assert response.status_code == 200
    assert not response.json()["success"]
    assert "This file has too many pixels (25005000)" in response.json()["error_message"]
    assert Image.objects.count() == before


def test_a_truncated_image_gets_a_form_error(admin_client):
    whole = image_bytes((900, 600), "JPEG")
    response, changed = upload(
        admin_client, "wagtailimages:add", "cut.jpg", whole[: len(whole) // 2], "image/jpeg"
    )
    assert response.status_code == 200
    assert "This image is damaged or incomplete" in errors(response)
    assert not changed


def test_an_image_within_the_limits_is_accepted(admin_client):
    response, changed = upload(
        admin_client, "wagtailimages:add", "team.png", image_bytes(), "image/png"
    )
    assert changed, response.context and response.context["form"].errors


def test_an_image_is_still_edited_without_a_new_file(admin_client):
    upload(admin_client, "wagtailimages:add", "team.png", image_bytes(), "image/png")
    image = Image.objects.latest("pk")
    response = admin_client.post(
        reverse("wagtailimages:edit", args=[image.pk]),
        {"title": "Renamed", "collection": image.collection_id, "tags": ""},
    )
    assert response.status_code == 302, response.context and response.context["form"].errors
    assert Image.objects.get(pk=image.pk).title == "Renamed"
