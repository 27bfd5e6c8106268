"""View-restriction passwords are throttled as sign-in is: guesses pause the page, or the
collection, for that address."""

import time
from datetime import timedelta

import pytest
import wagtail_factories

from django.test import Client
from django.urls import reverse

from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from home.models import HomePage
from intranet.factories import UserFactory
from tests.attack.conftest import community

LIMIT = 5
PASSWORD = "wombat"


@pytest.fixture
def throttled(settings):
    """Sign-in throttling switched on, as in production; the suite turns it off."""
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = LIMIT
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)
    return settings


def vault(title):
    page = community(HomePage.objects.get(), title, lead=UserFactory())
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password=PASSWORD
    )
    return page, restriction


@pytest.fixture
def pages(db):
    return vault("Quokka vault"), vault("Wombat vault")


@pytest.fixture
def reader(employee):
    client = Client()
    client.force_login(employee)
    return client


def attempt(client, page, restriction, password, address="10.0.0.1"):
    return client.post(
        reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk]),
        {"password": password, "return_url": page.url},
        REMOTE_ADDR=address,
    )


def readable(client, page, restriction) -> bool:
    passed = client.session.get(PageViewRestriction.passed_view_restrictions_session_key, [])
    shown = client.get(page.url)
    assert shown.status_code == 200
    return restriction.pk in passed and 'name="password"' not in shown.content.decode()


def test_wrong_passwords_pause_the_page_and_then_refuse_the_right_one(throttled, pages, reader):
    (page, restriction), _other = pages
    for _ in range(LIMIT - 1):
        wrong = attempt(reader, page, restriction, "guess")
        assert wrong.status_code == 200
        assert "not correct" in wrong.content.decode()
    paused = attempt(reader, page, restriction, "guess")
    assert paused.status_code == 429
    assert "Too many attempts" in paused.content.decode()
    # Even the right password is refused while the pause lasts.
    right = attempt(reader, page, restriction, PASSWORD)
    assert right.status_code == 429
    assert "Too many attempts" in right.content.decode()
    assert not readable(reader, page, restriction)


def test_the_pause_ends_after_the_cool_off(throttled, pages, reader):
    throttled.AXES_COOLOFF_TIME = timedelta(seconds=1)
    (page, restriction), _other = pages
    for _ in range(LIMIT):
        attempt(reader, page, restriction, "guess")
    assert attempt(reader, page, restriction, PASSWORD).status_code == 429
    # The cool-off runs from the last try, refused ones included.
    time.sleep(1.1)
    assert attempt(reader, page, restriction, PASSWORD).status_code == 302
    assert readable(reader, page, restriction)


def test_the_pause_is_for_that_page_from_that_address_only(throttled, pages, reader):
    (page, restriction), (other, other_restriction) = pages
    for _ in range(LIMIT):
        attempt(reader, page, restriction, "guess")
    assert attempt(reader, page, restriction, PASSWORD).status_code == 429
    assert attempt(reader, other, other_restriction, PASSWORD).status_code == 302
    assert attempt(reader, page, restriction, PASSWORD, address="10.0.0.2").status_code == 302
    assert readable(reader, page, restriction)


def test_the_right_password_clears_the_count(throttled, pages, reader):
    (page, restriction), _other = pages
    for _ in range(LIMIT - 1):
        attempt(reader, page, restriction, "guess")
    assert attempt(reader, page, restriction, PASSWORD).status_code == 302
    for _ in range(LIMIT - 1):
        assert attempt(reader, page, restriction, "guess").status_code == 200


def test_a_documents_password_is_paused_as_a_pages_is(throttled, reader):
    """A private collection's password form, which a community's files share with its page,
    is no way round the page's pause."""
    collection = Collection.get_first_root_node().add_child(name="Vault files")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection,
        restriction_type=CollectionViewRestriction.PASSWORD,
        password=PASSWORD,
    )
    document: Document = wagtail_factories.DocumentFactory(collection=collection)
    form = reverse("wagtaildocs_authenticate_with_password", args=[restriction.pk])

    def guess(password):
        return reader.post(form, {"password": password, "return_url": document.url})

    for _ in range(LIMIT - 1):
        assert guess("guess").status_code == 200
    assert guess("guess").status_code == 429
    right = guess(PASSWORD)
    assert right.status_code == 429
    assert "Too many attempts" in right.content.decode()
    assert restriction.pk not in reader.session.get(
        CollectionViewRestriction.passed_view_restrictions_session_key, []
    )
