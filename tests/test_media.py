"""Uploads are served through the app, to signed-in people only, and never run as pages.

Who may open Wagtail's documents and images of a private collection is tested
in tests/attack/test_private_files.py.
"""

import pytest
import wagtail_factories

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage


@pytest.fixture
def uploads():
    names = [
        default_storage.save("people/photos/team.png", ContentFile(b"\x89PNG\r\n\x1a\nfake")),
        default_storage.save("people/photos/page.html", ContentFile(b"<script>alert(1)</script>")),
        default_storage.save("people/photos/logo.svg", ContentFile(b"<svg onload='alert(1)'/>")),
    ]
    yield names
    for name in names:
        default_storage.delete(name)


@pytest.mark.django_db
def test_an_anonymous_visitor_gets_the_login_page_not_the_file(client, uploads):
    response = client.get("/media/" + uploads[0])
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_a_signed_in_employee_sees_an_image_inline(employee_client, uploads):
    response = employee_client.get("/media/" + uploads[0])
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert not response.get("Content-Disposition", "").startswith("attachment")
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")


@pytest.mark.parametrize("index", [1, 2])
def test_html_and_svg_uploads_are_only_downloaded(employee_client, uploads, index):
    response = employee_client.get("/media/" + uploads[index])
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_wagtail_image_is_seen_inline_and_so_is_its_rendition(employee_client):
    image = wagtail_factories.ImageFactory()
    for url in (image.file.url, image.get_rendition("fill-20x20").url):
        response = employee_client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"].startswith("image/")
        assert not response.get("Content-Disposition", "").startswith("attachment")


@pytest.mark.parametrize(
    "path",
    [
        # Wagtail's documents are sent by its own view, which checks their collection.
        "documents/report.pdf",
        # An image file no Wagtail image owns any more.
        "original_images/orphan.png",
        "images/orphan.fill-20x20.png",
    ],
)
def test_wagtail_files_are_not_sent_from_media_without_an_owner(employee_client, path):
    name = default_storage.save(path, ContentFile(b"\x89PNG\r\n\x1a\nfake"))
    try:
        assert employee_client.get("/media/" + name).status_code == 404
    finally:
        default_storage.delete(name)


@pytest.mark.parametrize("path", ["people/photos/", "people/photos", "people"])
def test_a_folder_is_not_found(employee_client, uploads, path):
    assert employee_client.get("/media/" + path).status_code == 404


ESCAPING_PATHS = [
    "missing.png",
    "../intranet/settings/base.py",
    "..%2F..%2Fetc%2Fpasswd",
    # A NUL byte, which the file system and PostgreSQL refuse to look up.
    "x%00",
    "people/x%00y.png",
    "original_images/x%00.png",
]


@pytest.mark.parametrize("path", ESCAPING_PATHS)
def test_missing_or_escaping_paths_are_not_found(employee_client, path):
    assert employee_client.get("/media/" + path).status_code == 404


@pytest.mark.parametrize("path", ESCAPING_PATHS)
def test_the_production_file_storage_refuses_escaping_paths_too(
    employee_client, settings, tmp_path, path
):
    (tmp_path / "media").mkdir()
    (tmp_path / "secret.txt").write_text("not for the web")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }
    assert employee_client.get("/media/../secret.txt").status_code == 404
    assert employee_client.get("/media/" + path).status_code == 404


def test_media_cannot_be_written_to(employee_client, uploads):
    assert employee_client.post("/media/" + uploads[0]).status_code == 405
