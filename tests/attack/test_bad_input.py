"""Hostile values in every address, query parameter and form: an answer, never a 500.

The routes come from the URL resolver (tests/url_samples.py), the forms from
tests/attack/registry.py, so a view added later is swept too. Each captured
part of an address is filled with an id past the database's range or with
text a database or a full-text engine chokes on; each query parameter a view
reads gets a hostile value. Signed in as the administrator, who reaches every
admin view, and as an employee, who reaches the front end's.
"""

from io import BytesIO
from itertools import cycle, islice
from urllib.parse import quote, urlencode

import pytest

from django.conf import settings
from django.test import Client
from django.test.client import BOUNDARY
from django.urls import reverse

from wagtail.models import Page

from conversation.models import Comment
from conversation.services import delete_comment, post_comment
from insights.models import HelpfulVote
from notifications.models import PageFollow
from tests.attack.payloads import FULL_TEXT_SYNTAX, HOSTILE_VALUES, OUT_OF_RANGE_IDS
from tests.attack.registry import POST_ENDPOINTS
from tests.url_samples import CANDIDATES, all_routes

# The query parameters the intranet's views and Wagtail's admin read.
QUERY_PARAMETERS = (
    "q",
    "query",
    "page",
    "p",
    "community",
    "compared",
    "sort",
    "ordering",
    "order",
    "type",
    "content_type",
    "status",
    "audience",
    "topic",
    "department",
    "location",
    "collection_id",
    "tag",
    "locale",
    "id",
    "parent",
    "page_type",
    "start_date",
    "date_from",
    "next",
)

# Text fit for a captured part of an address: no "/", which ends the part.
PATH_TEXT = ("\x00'\" NEAR(x", "col:*^-")
# Each sweep fills ids with one out-of-range number and text with one hostile
# string; the values that fit no captured part fall back to the usual samples.
PATH_FILLINGS = [
    (OUT_OF_RANGE_IDS[1], PATH_TEXT[0], *CANDIDATES),
    (OUT_OF_RANGE_IDS[2], PATH_TEXT[1], *CANDIDATES),
    # A word where a text part holds an id (the admin's listings and choosers).
    ("x1", *CANDIDATES),
]


# Views that answer 500 on purpose, each with the reason.
DELIBERATE_ERRORS = {
    # Wagtail's page for checking that a server error reaches the error log.
    "/admin/failwhale/",
}


def _answer_problems(client: Client, method: str, url: str, data=None) -> list[str]:
    response = getattr(client, method)(url, data or {})
    if response.status_code < 500 or url in DELIBERATE_ERRORS:
        return []
    error = getattr(response, "exc_info", None)
    reason = f"{error[0].__name__}: {error[1]}" if error else ""
    return [f"{method.upper()} {url} {data or ''} -> {response.status_code} {reason[:200]}"]


def _client(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def _hostile_query(offset: int) -> dict:
    """Every query parameter, each with a hostile value; `offset` turns the values."""
    values = islice(cycle(HOSTILE_VALUES), offset, offset + len(QUERY_PARAMETERS))
    return dict(zip(QUERY_PARAMETERS, values, strict=True))


@pytest.fixture(scope="module")
def page_urls(world):
    return [page.url for page in world.pages.values()]


@pytest.mark.parametrize("username", ["admin", "erin"])
def test_hostile_addresses_never_get_a_server_error(world, db, username):
    client = _client(world.users[username])
    problems = []
    for filling in PATH_FILLINGS:
        for route in all_routes(candidates=filling):
            if route.url != "/" + route.pattern:  # the route captures something
                problems += _answer_problems(client, "get", quote(route.url, safe="/"))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("username", ["admin", "erin"])
def test_hostile_query_parameters_never_get_a_server_error(world, db, page_urls, username):
    client = _client(world.users[username])
    problems = []
    urls = [route.url for route in all_routes()] + page_urls
    for number, url in enumerate(urls):
        problems += _answer_problems(client, "get", url, _hostile_query(number))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("username", ["admin", "erin"])
def test_an_out_of_range_id_in_every_query_parameter_never_gets_a_server_error(
    world, db, page_urls, username
):
    """The id-taking parameters (community, compared, id, parent, …) each get 2**63."""
    client = _client(world.users[username])
    # Without the admin's `id` and `p`, which it refuses before any view reads the rest.
    names = [name for name in QUERY_PARAMETERS if name not in ("id", "p")]
    query = dict.fromkeys(names, OUT_OF_RANGE_IDS[1])
    problems = []
    for url in [route.url for route in all_routes()] + page_urls:
        problems += _answer_problems(client, "get", url, query)
    assert not problems, "\n".join(problems)


def _form_fields(endpoint, world) -> list[str]:
    # Every field the form posts, and the id fields a form may be handed.
    return [*endpoint.form(world), "parent", "page", "community", "id"]


@pytest.mark.parametrize("endpoint", POST_ENDPOINTS, ids=lambda endpoint: endpoint.url_name)
def test_hostile_form_values_never_get_a_server_error(world, db, endpoint):
    client = _client(world.users[endpoint.username])
    url = endpoint.url(world)
    problems = []
    for value in HOSTILE_VALUES:
        data = dict.fromkeys(_form_fields(endpoint, world), value)
        problems += _answer_problems(client, "post", url, data)
    assert not problems, "\n".join(problems)


def test_an_id_of_thousands_of_digits_is_not_found_or_refused(world, db):
    """Python's int() refuses a text of over 4,300 digits: such an id is simply too large."""
    client = _client(world.users["admin"])
    digits = "9" * 5000
    assert client.get(f"/admin/conversation/comment/edit/{digits}/").status_code == 404
    assert client.get(f"/conversation/comments/{digits}/").status_code == 404
    assert client.get("/admin/api/main/pages/find/", {"id": digits}).status_code == 400


# Forms that answer a page that is not there with a message on the page they
# go back to; an id past any table's range is still a 404, before the view.
REFUSED_WITH_A_MESSAGE = {"insights:helpful": {302, 404}}


@pytest.mark.parametrize("endpoint", POST_ENDPOINTS, ids=lambda endpoint: endpoint.url_name)
def test_an_out_of_range_id_in_a_form_address_is_not_found(world, db, endpoint):
    """The same post, with each id of its address past the database's range."""
    client = _client(world.users[endpoint.username])
    args = endpoint.args(world)
    if not any(isinstance(arg, int) for arg in args):
        pytest.skip("no id in the address")
    expected = REFUSED_WITH_A_MESSAGE.get(endpoint.url_name, {404})
    for big in OUT_OF_RANGE_IDS:
        url = reverse(endpoint.url_name, args=[big if isinstance(a, int) else a for a in args])
        assert client.post(url, endpoint.form(world)).status_code in expected, url


# The front end's search and filter boxes, each with the parameter it reads.
SEARCH_BOXES = [
    ("/search/", "query"),
    ("/search/suggest/", "query"),
    ("/people/", "q"),
    ("/communities/", "q"),
]
# One text with every piece of syntax at once, for the many admin listings.
ALL_SYNTAX = " ".join(FULL_TEXT_SYNTAX)


def test_full_text_syntax_in_the_front_end_search_boxes_gets_an_answer(world, db):
    client = _client(world.users["erin"])
    members = reverse("communities:members", args=[world.pages["A child"].pk])
    problems = []
    for url, parameter in [*SEARCH_BOXES, (members, "q")]:
        for query in [*FULL_TEXT_SYNTAX, ALL_SYNTAX]:
            problems += _answer_problems(client, "get", url, {parameter: query})
    assert not problems, "\n".join(problems)


def test_full_text_syntax_in_every_admin_search_box_gets_an_answer(world, db):
    """Every admin listing and chooser, with its search box's `q` and the API's `search`."""
    client = _client(world.users["admin"])
    listings = [
        route.url
        for route in all_routes()
        if route.url.startswith("/admin/") and route.url == "/" + route.pattern
    ]
    problems = []
    for url in listings:
        for query in ('"', "col:x*", ALL_SYNTAX):
            problems += _answer_problems(client, "get", url, {"q": query, "search": query})
    assert not problems, "\n".join(problems)


# Charsets Python has no codec for, codecs that are not text encodings, and
# real encodings the intranet's forms are never sent in.
BAD_CHARSETS = ["nonexistent-charset", "rot13", "base64", "idna", "punycode", "latin-1"]


# Every body has a field, so the client sends it with its content type.
NOTE = {"note": "caf\u00e9"}


def _multipart(data: dict) -> bytes:
    parts = [
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
        + value.encode()
        + b"\r\n"
        for name, value in {**data, **NOTE}.items()
    ]
    return b"".join(parts) + b"\xff\xfe\r\n" + f"--{BOUNDARY}--\r\n".encode()


@pytest.mark.parametrize("charset", BAD_CHARSETS)
def test_a_form_in_a_charset_python_cannot_read_is_a_bad_request(world, db, charset):
    """Multipart and urlencoded, to every form: a 400, and the form is not read."""
    client = _client(world.users["erin"])
    problems = []
    for endpoint in POST_ENDPOINTS:
        client.force_login(world.users[endpoint.username])
        bodies = {
            f"multipart/form-data; boundary={BOUNDARY}": _multipart(endpoint.form(world)),
            "application/x-www-form-urlencoded": urlencode(
                {**endpoint.form(world), **NOTE}
            ).encode(),
        }
        for content_type, body in bodies.items():
            response = client.generic(
                "POST",
                endpoint.url(world),
                body,
                content_type=f"{content_type}; charset={charset}",
            )
            if response.status_code != 400:
                problems.append(f"{endpoint.url_name} {content_type}: {response.status_code}")
    assert not problems, "\n".join(problems)


def test_a_form_in_utf_8_is_still_read(world, db):
    client = _client(world.users["erin"])
    response = client.generic(
        "POST",
        reverse("insights:suggest"),
        urlencode({"title": "Un caf\u00e9 plus fort"}).encode(),
        content_type="application/x-www-form-urlencoded; charset=UTF-8",
    )
    assert response.status_code == 302


# Replies


@pytest.fixture
def reply_to(world):
    page = world.pages["discussion in A"]
    client = _client(world.users["sam"])

    def post(parent_id):
        return client.post(
            reverse("conversation:post", args=[page.pk]), {"body": "A reply", "parent": parent_id}
        )

    return post


def _posted_replies() -> int:
    return Comment.objects.filter(comment__contains="A reply").count()


@pytest.mark.parametrize("parent_id", ["123456789", OUT_OF_RANGE_IDS[1], "-5", "x"])
def test_a_reply_to_a_comment_that_never_was_says_so_and_posts_nothing(db, reply_to, parent_id):
    response = reply_to(parent_id)
    assert response.status_code == 400
    assert "The comment you replied to is no longer there." in response.content.decode()
    assert _posted_replies() == 0


def test_a_reply_to_a_deleted_comment_says_so_and_posts_nothing(world, db, reply_to):
    parent = Comment.objects.get(pk=world.comments["comment on discussion in A"].pk)
    delete_comment(world.users["erin"], parent)
    response = reply_to(parent.pk)
    assert response.status_code == 400
    assert "The comment you replied to is no longer there." in response.content.decode()
    assert _posted_replies() == 0


def test_a_reply_past_the_deepest_level_says_so_and_posts_nothing(world, db, reply_to):
    page = world.pages["discussion in A"].specific
    parent = Comment.objects.get(pk=world.comments["comment on discussion in A"].pk)
    for _level in range(settings.COMMENTS_XTD_MAX_THREAD_LEVEL):
        parent = post_comment(world.users["olivia"], page, "Deeper", parent=parent)
    response = reply_to(parent.pk)
    assert response.status_code == 400
    assert "This thread is as deep as it goes" in response.content.decode()
    assert _posted_replies() == 0


# The root of the page tree and the home page


@pytest.mark.parametrize("which", ["root", "home"])
def test_nobody_answers_was_this_helpful_on_the_root_or_the_home_page(world, db, which):
    page = Page.objects.get(depth=1) if which == "root" else world.pages["home"]
    client = _client(world.users["erin"])
    response = client.post(reverse("insights:helpful", args=[page.pk]), {"helpful": "yes"})
    assert response.status_code in (302, 404)
    assert not HelpfulVote.objects.exists()


@pytest.mark.parametrize("which", ["root", "home"])
def test_nobody_follows_the_root_or_the_home_page(world, db, which):
    page = Page.objects.get(depth=1) if which == "root" else world.pages["home"]
    client = _client(world.users["erin"])
    response = client.post(reverse("notifications:follow-page", args=[page.pk]))
    assert response.status_code in (302, 404)
    assert not PageFollow.objects.filter(page=page).exists()


def test_a_query_string_in_a_codec_that_is_not_a_text_encoding_is_a_bad_request(world, db):
    """Django decodes the query string as it builds the request, before any middleware."""
    from intranet.wsgi import application

    answers = []
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": "/search/",
        "QUERY_STRING": "query=caf%C3%A9",
        "CONTENT_TYPE": "text/plain; charset=rot13",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "wsgi.url_scheme": "http",
        "wsgi.input": BytesIO(),
    }
    body = b"".join(application(environ, lambda status, headers: answers.append(status)))
    assert answers == ["400 Bad Request"]
    assert b"UTF-8" in body


@pytest.mark.parametrize("listing", ["/admin/conversation/flag/", "/admin/insights/inboxentry/"])
def test_an_unknown_filter_on_an_admin_listing_is_refused_with_a_message(admin_client, listing):
    assert admin_client.get(listing).status_code == 200
    response = admin_client.get(listing, {"foo": "1"})
    assert response.status_code == 400
    assert "That request could not be understood." in response.text


def test_an_id_past_the_database_in_a_bulk_action_is_refused_for_an_editor(client, world, db):
    # Not a superuser: the admin's privacy check reads the ids before the view does.
    client.force_login(world.users["olivia"])
    response = client.get("/admin/bulk/wagtailcore/page/publish/", {"id": "9" * 30})
    assert response.status_code in (400, 404)
