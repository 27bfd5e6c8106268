"""The header is rendered for each request: each person sees their own name, bell, admin link,
section, search words and CSRF token, in their language."""

import re

import pytest

from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from intranet.factories import UserFactory
from intranet.roles import COMMUNICATORS
from intranet.templatetags import navigation
from notifications.factories import NotificationFactory
from people import services
from people.factories import image_bytes
from people.models import Profile

pytestmark = pytest.mark.django_db


def header_of(client, url="/") -> str:
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    return html[html.index("<header") : html.index("</header>")]


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def carl(db):
    user = UserFactory(username="carl", first_name="Carl", last_name="Lind")
    user.groups.add(Group.objects.get(name=COMMUNICATORS))
    return user


def test_each_person_sees_their_own_name_link_and_admin_link(employee, carl):
    erin = header_of(signed_in(employee))
    assert '<span class="avatar" aria-hidden="true">E</span>' in erin
    assert '<a href="/people/erin/">My profile</a>' in erin
    assert "Wagtail admin" not in erin

    carls = header_of(signed_in(carl))
    assert '<span class="user-menu__name">Carl Lind</span>' in carls
    assert '<a href="/people/carl/">My profile</a>' in carls
    assert '<a href="/admin/">Wagtail admin</a>' in carls
    assert "erin" not in carls.lower()


def test_the_bell_counts_each_persons_unread_notifications(employee, carl):
    NotificationFactory.create_batch(3, recipient=employee)
    erin = header_of(signed_in(employee))
    assert 'aria-label="Notifications, 3 unread"' in erin
    assert '<span class="bell__count" aria-hidden="true">3</span>' in erin

    carls = header_of(signed_in(carl))
    assert 'aria-label="Notifications, none unread"' in carls
    assert "bell__count" not in carls


def test_the_persons_photo_is_beside_their_name(employee, carl):
    services.update_profile(
        employee,
        employee.profile,
        {},
        [],
        photo=services.prepare_photo(SimpleUploadedFile("me.png", image_bytes(), "image/png")),
    )
    url = Profile.objects.get(user=employee).photo.url
    erin = header_of(signed_in(employee))
    assert f'<img class="avatar" src="{url}" alt="">' in erin
    # Nobody else's header shows it.
    assert url not in header_of(signed_in(carl))


def test_the_headers_cost_does_not_grow_with_the_notifications(employee):
    client = signed_in(employee)

    def cost():
        client.get("/people/")
        with CaptureQueriesContext(connection) as queries:
            header_of(client, "/people/")
        return len(queries)

    few = cost()
    NotificationFactory.create_batch(30, recipient=employee, read_at=None)
    assert cost() == few


def test_the_section_a_page_is_in_is_marked_and_no_other(employee):
    client = signed_in(employee)
    people = header_of(client, "/people/")
    assert re.findall(r'href="([^"]+)" aria-current="page"', people) == ["/people/"]
    home = header_of(client, "/")
    assert re.findall(r'href="([^"]+)" aria-current="page"', home) == ["/"]


def test_the_words_searched_are_in_the_search_box_as_text(employee):
    searched = header_of(signed_in(employee), '/search/?query="><script>alert(1)</script>')
    assert 'value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in searched
    assert "<script>" not in searched


def test_the_logout_form_carries_the_requests_own_csrf_token(employee):
    client = Client(enforce_csrf_checks=True)
    client.force_login(employee)
    html = header_of(client)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]*)"', html).group(1)
    assert client.post("/logout/", {"csrfmiddlewaretoken": token})["Location"] == "/login/"
    assert "_auth_user_id" not in client.session


def test_a_name_is_shown_as_text(db):
    person = UserFactory(username="mallory", first_name='<b>"x', last_name="<i>")
    html = header_of(signed_in(person))
    assert '<span class="avatar" aria-hidden="true">&lt;</span>' in html
    assert '<span class="user-menu__name">&lt;b&gt;&quot;x &lt;i&gt;</span>' in html
    assert "<b>" not in html


def test_two_people_in_turn_each_see_their_own_header(employee, carl):
    erin, carls = signed_in(employee), signed_in(carl)
    for _ in range(2):
        assert '<span class="user-menu__name">Erin ' in header_of(erin, "/people/")
        assert '<span class="user-menu__name">Carl Lind</span>' in header_of(carls, "/people/")


def test_a_section_whose_address_is_not_registered_is_left_out(employee, monkeypatch):
    monkeypatch.setattr(
        navigation, "SECTIONS", (*navigation.SECTIONS, ("Nowhere", "nowhere:index"))
    )
    html = header_of(signed_in(employee))
    assert 'href="/people/">People</a>' in html
    assert "Nowhere" not in html


def test_each_language_has_a_header_of_its_own(employee):
    request = RequestFactory().get("/")
    request.user = employee
    with translation.override("de"):
        german = render_to_string("includes/site_header.html", request=request)
    english = render_to_string("includes/site_header.html", request=request)
    assert "Abmelden" in german
    assert "Log out" in english
    assert "Abmelden" not in english


def test_a_page_rendered_without_a_request_gets_the_signed_out_header():
    html = render_to_string("includes/site_header.html")
    # The same default name as the page's title and footer, with no context processor to read.
    assert '<a class="site-header__brand" href="/">Intranet</a>' in html
    assert "user-menu" not in html
