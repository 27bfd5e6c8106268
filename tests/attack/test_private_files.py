"""A private community's files stay as private as its page.

Community B (tests/attack/conftest.py) is made private in Wagtail's admin, to
a group or behind a password; then a reader outside asks for its document and
image every way there is: the document's serve URL, its file under
/media/documents/, the image's original under /media/original_images/ and a
rendition under /media/images/. A reader let in gets them.
"""

import pytest

from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction

from communities.models import TeamAccess
from tests.attack.conftest import community

KINDS = ("document", "document file", "original image", "rendition")


@pytest.fixture
def readers(world, db):
    group = Group.objects.create(name="Readers of B")
    group.user_set.add(world.users["erin"])
    return group


def client_for(world, username) -> Client:
    client = Client()
    client.force_login(world.users[username])
    return client


def set_privacy(world, page_name, **data) -> None:
    """Set a page's privacy through Wagtail's admin, as an administrator does."""
    page = world.pages[page_name]
    response = client_for(world, "admin").post(
        reverse("wagtailadmin_pages:set_privacy", args=[page.pk]),
        {"password": "", **data},
    )
    assert response.status_code == 200, response.content


def urls(world, name="B") -> dict[str, str]:
    document = Document.objects.get(pk=world.documents[f"document in {name}"].pk)
    image = Image.objects.get(pk=world.images[f"image in {name}"].pk)
    return {
        "document": document.url,
        "document file": "/media/" + document.file.name,
        "original image": "/media/" + image.file.name,
        "rendition": image.get_rendition("fill-20x20").url,
    }


def opened(client, url) -> bool:
    response = client.get(url)
    assert response.status_code in (200, 302, 403, 404), (url, response.status_code)
    # Wagtail answers a document behind a password with its password form.
    return response.status_code == 200 and hasattr(response, "streaming_content")


@pytest.mark.parametrize("kind", KINDS)
def test_a_reader_outside_the_groups_gets_no_file_of_the_community(world, readers, kind):
    set_privacy(world, "B", restriction_type="groups", groups=[readers.pk])
    assert not opened(client_for(world, "sam"), urls(world)[kind])


def test_a_document_outside_the_groups_is_not_found_as_a_wrong_name_is(world, readers):
    set_privacy(world, "B", restriction_type="groups", groups=[readers.pk])
    sam = client_for(world, "sam")
    real = urls(world)["document"]
    wrong = real.rsplit("/", 1)[0] + "/not-its-name.pdf"
    assert sam.get(real).status_code == sam.get(wrong).status_code == 404


@pytest.mark.parametrize("username", ["erin", "admin"])
@pytest.mark.parametrize("kind", ["document", "original image", "rendition"])
def test_a_reader_in_the_groups_gets_them(world, readers, kind, username):
    set_privacy(world, "B", restriction_type="groups", groups=[readers.pk])
    assert opened(client_for(world, username), urls(world)[kind])


@pytest.mark.parametrize("username", ["erin", "admin"])
def test_a_document_is_never_sent_from_media_even_to_its_readers(world, readers, username):
    set_privacy(world, "B", restriction_type="groups", groups=[readers.pk])
    response = client_for(world, username).get(urls(world)["document file"])
    assert response.status_code == 404


@pytest.mark.parametrize("kind", ["document", "original image", "rendition"])
def test_a_community_behind_a_password_lets_its_files_out_once_it_is_given(world, db, kind):
    set_privacy(world, "B", restriction_type="password", password="s3cret-b")
    sam = client_for(world, "sam")
    url = urls(world)[kind]
    assert not opened(sam, url)
    restriction = CollectionViewRestriction.objects.get(
        collection=TeamAccess.objects.get(community=world.pages["B"]).collection
    )
    sam.post(
        reverse("wagtaildocs_authenticate_with_password", args=[restriction.pk]),
        {"password": "wrong", "return_url": url},
    )
    assert not opened(sam, url)
    sam.post(
        reverse("wagtaildocs_authenticate_with_password", args=[restriction.pk]),
        {"password": "s3cret-b", "return_url": url},
    )
    assert opened(sam, url)


@pytest.mark.parametrize("kind", ["document", "original image", "rendition"])
def test_the_password_given_on_the_community_page_lets_its_files_out(world, db, kind):
    set_privacy(world, "B", restriction_type="password", password="s3cret-b")
    page = world.pages["B"]
    sam = client_for(world, "sam")
    url = urls(world)[kind]
    assert not opened(sam, url)
    restriction = PageViewRestriction.objects.get(page=page)
    sam.post(
        reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk]),
        {"password": "s3cret-b", "return_url": page.url},
    )
    assert sam.get(page.url).status_code == 200
    assert opened(sam, url)
    # Another reader, who gave no password, still gets nothing.
    assert not opened(client_for(world, "erin"), url)


def test_the_collection_follows_when_the_restriction_changes_or_goes(world, readers):
    sam = client_for(world, "sam")
    set_privacy(world, "B", restriction_type="groups", groups=[readers.pk])
    assert not opened(sam, urls(world)["original image"])

    others = Group.objects.create(name="Sam's group")
    others.user_set.add(world.users["sam"])
    set_privacy(world, "B", restriction_type="groups", groups=[others.pk])
    assert opened(sam, urls(world)["original image"])
    assert not opened(client_for(world, "erin"), urls(world)["original image"])

    set_privacy(world, "B", restriction_type="none")
    assert opened(client_for(world, "erin"), urls(world)["original image"])
    assert not CollectionViewRestriction.objects.exists()


def test_an_unchanged_restriction_keeps_its_id_so_a_given_password_still_counts(world, db):
    set_privacy(world, "B", restriction_type="password", password="s3cret-b")
    before = CollectionViewRestriction.objects.get().pk
    set_privacy(world, "B", restriction_type="password", password="s3cret-b")
    assert CollectionViewRestriction.objects.get().pk == before


def test_a_sub_community_is_as_private_as_the_community_above_it(world, readers):
    set_privacy(world, "A", restriction_type="groups", groups=[readers.pk])
    below = TeamAccess.objects.get(community=world.pages["A child"]).collection
    (restriction,) = below.get_view_restrictions()
    assert restriction.restriction_type == PageViewRestriction.GROUPS
    assert list(restriction.groups.all()) == [readers]


def test_a_community_moved_under_a_private_one_takes_its_privacy(world, readers):
    set_privacy(world, "A", restriction_type="groups", groups=[readers.pk])
    assert opened(client_for(world, "sam"), urls(world)["original image"])
    Page.objects.get(pk=world.pages["B"].pk).move(world.pages["A"], pos="last-child")
    assert not opened(client_for(world, "sam"), urls(world)["original image"])


def test_a_new_community_under_a_private_one_starts_private(world, readers):
    set_privacy(world, "A", restriction_type="groups", groups=[readers.pk])
    new = community(Page.objects.get(pk=world.pages["A"].pk).specific, "New in A")
    assert TeamAccess.objects.get(community=new).collection.get_view_restrictions().exists()


FOLDERS = [
    "/media/documents/",
    "/media/documents",
    "/media/images/",
    "/media/original_images/",
    "/media/people/",
    "/media/",
]


@pytest.mark.parametrize("folder", FOLDERS)
def test_a_folder_is_not_found(world, db, folder):
    urls(world)  # a rendition, so that images/ exists
    assert client_for(world, "admin").get(folder).status_code == 404


def test_no_other_spelling_reaches_a_document(world, db):
    name = Document.objects.get(pk=world.documents["document in B"].pk).file.name
    admin = client_for(world, "admin")
    for url in (
        f"/media/people/../{name}",
        f"/media/original_images/../{name}",
        f"/media/./{name}",
        "/media/" + name.replace("/", "//"),
    ):
        assert admin.get(url).status_code == 404, url
