"""Every address that names a page, a community or a comment, tried on a view-restricted one.

The routes come from Django's URL resolver (tests/url_samples.py): a route
that takes an id is either listed in `PAGE_ROUTES`, with what its ids name,
or in `NOT_ABOUT_PAGES`, with why, or `test_every_route_with_an_id_is_listed`
fails until someone says which. For every listed route and both restricted
communities (tests/attack/restricted/conftest.py), an outsider's GET and POST are
refused (403, 404, 405, a redirect to the login page, or Wagtail's password
form) and change nothing in the database; a member (in the board's group, or
who gave the vault's password) and the board's team open what they should.
"""

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest

from django.test import Client
from django.urls import reverse

from communities.models import DiscussionPage, Membership
from notifications.models import PageFollow
from tests.attack.restricted.conftest import give_the_password, signed_in
from tests.attack.test_csrf import database_fingerprint
from tests.url_samples import all_routes

# What the ids of each route name: a community, or a discussion, a guide or a
# comment in one (`Target.ids`).
COMMUNITY, DISCUSSION, GUIDE, COMMENT = "community", "discussion", "guide", "comment"

# Wagtail's admin: every one names the page (or its parent) by id.
ADMIN_PAGE_ROUTES = dict.fromkeys(
    [
        "admin/api/main/pages/<int:pk>/",
        "admin/api/main/pages/<int:pk>/action/<str:action_name>/",
        "admin/pages/<int:parent_page_id>/",
        "admin/pages/<int:parent_page_id>/results/",
        "admin/pages/add/<slug:content_type_app_name>/<slug:content_type_model_name>/"
        "<int:parent_page_id>/",
        "admin/pages/add/<slug:content_type_app_name>/<slug:content_type_model_name>/"
        "<int:parent_page_id>/preview/",
        "admin/pages/<int:page_id>/usage/",
        "admin/pages/<int:page_id>/edit/",
        "admin/pages/<int:page_id>/edit/preview/",
        "admin/pages/<int:page_id>/view_draft/",
        "admin/pages/<int:parent_page_id>/add_subpage/",
        "admin/pages/<int:page_id>/delete/",
        "admin/pages/<int:page_id>/unpublish/",
        "admin/pages/<int:page_id>/convert_alias/",
        "admin/pages/<int:page_to_move_id>/move/",
        "admin/pages/<int:page_to_move_id>/move/<int:destination_id>/confirm/",
        "admin/pages/<int:page_to_move_id>/set_position/",
        "admin/pages/<int:page_id>/copy/",
        "admin/pages/workflow/action/<int:page_id>/<slug:action_name>/<int:task_state_id>/",
        "admin/pages/workflow/collect_action_data/<int:page_id>/<slug:action_name>/"
        "<int:task_state_id>/",
        "admin/pages/workflow/confirm_cancellation/<int:page_id>/",
        "admin/pages/workflow/preview/<int:page_id>/<int:task_id>/",
        "admin/pages/<int:page_id>/privacy/",
        "admin/pages/<int:page_id>/lock/",
        "admin/pages/<int:page_id>/unlock/",
        "admin/pages/<int:page_id>/revisions/",
        "admin/pages/<int:page_id>/revisions/<int:revision_id>/view/",
        "admin/pages/<int:page_id>/revisions/<int:revision_id>/revert/",
        "admin/pages/<int:page_id>/revisions/<int:revision_id>/unschedule/",
        r"admin/pages/^(?P<pk>\d+)/revisions/compare/"
        r"(?P<revision_id_a>live|earliest|\d+)\.\.\.(?P<revision_id_b>live|latest|\d+)/$",
        "admin/pages/<int:page_id>/workflow_history/",
        "admin/pages/<int:page_id>/workflow_history/detail/<int:workflow_state_id>/",
        "admin/pages/<int:page_id>/history/",
        "admin/pages/<int:page_id>/history/results/",
        "admin/choose-page/<int:parent_page_id>/",
        "admin/workflows/remove/<int:page_pk>/",
        "admin/workflows/remove/<int:page_pk>/<int:workflow_pk>/",
        "admin/insights/summary/<int:community_id>/",
        "admin/editing-sessions/ping/<str:app_label>/<str:model_name>/<str:object_id>/"
        "<int:session_id>/",
    ],
    COMMUNITY,
)

PAGE_ROUTES = {
    **ADMIN_PAGE_ROUTES,
    "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/": COMMUNITY,
    "communities/<int:pk>/join/": COMMUNITY,
    "communities/<int:pk>/about/": COMMUNITY,
    "communities/<int:pk>/leave/": COMMUNITY,
    "communities/<int:pk>/members/": COMMUNITY,
    "communities/<int:pk>/members/add/": COMMUNITY,
    "communities/<int:pk>/members/people/": COMMUNITY,
    "communities/<int:pk>/members/invite/": COMMUNITY,
    "communities/<int:pk>/members/remove/": COMMUNITY,
    "communities/<int:pk>/members/promote/": COMMUNITY,
    "communities/<int:pk>/members/requests/": COMMUNITY,
    "communities/<int:pk>/ask/": COMMUNITY,
    "communities/<int:pk>/ask/withdraw/": COMMUNITY,
    "communities/<int:pk>/invitation/": COMMUNITY,
    "communities/<int:pk>/discussions/new/": COMMUNITY,
    "communities/discussions/<int:pk>/edit/": DISCUSSION,
    "conversation/pages/<int:page_id>/comments/": DISCUSSION,
    "conversation/pages/<int:page_id>/react/": DISCUSSION,
    "conversation/pages/<int:page_id>/lock/": DISCUSSION,
    "conversation/comments/<int:pk>/": COMMENT,
    "conversation/comments/<int:pk>/reply/": COMMENT,
    "conversation/comments/<int:pk>/edit/": COMMENT,
    "conversation/comments/<int:pk>/delete/": COMMENT,
    "conversation/comments/<int:pk>/react/": COMMENT,
    "conversation/comments/<int:pk>/flag/": COMMENT,
    "conversation/comments/<int:pk>/moderate/": COMMENT,
    "notifications/follow/page/<int:page_id>/": DISCUSSION,
    "guides/<int:pk>/complete/": GUIDE,
    "guides/<int:pk>/acknowledge/": GUIDE,
    "guides/<int:pk>/acknowledgements/": GUIDE,
    "guides/<int:pk>/acknowledgements/remind/": GUIDE,
    "guides/<int:pk>/acknowledgements.csv": GUIDE,
    "feedback/helpful/<int:page_id>/": COMMUNITY,
}

# Routes with an id that is not a page's, by how their pattern starts, and why.
NOT_ABOUT_PAGES = {
    "password-reset/": "a reset link's user and token",
    "admin/password_reset/": "a reset link's user and token",
    "admin/api/main/documents/": "documents: collections' privacy, not pages'",
    "admin/api/main/images/": "images",
    "admin/collections/": "collections",
    "admin/workflows/": "workflows and tasks (removing one from a page is listed)",
    "admin/editing-sessions/release/": "an editing session",
    "admin/^communities/": "membership and team rows: administrators only",
    "admin/^conversation/": "comment and flag rows: their moderators only",
    "admin/^guides/": "completion and acknowledgement rows: administrators only",
    "admin/^insights/": "inbox and suggestion rows",
    "admin/^search/": "search feedback rows",
    "admin/^django_tasks_database/": "background task results: administrators only",
    "admin/searchpicks/": "promoted search results",
    "admin/redirects/": "redirects",
    "admin/settings/": "site settings",
    "admin/documents/": "documents",
    "admin/images/": "images",
    "admin/snippets/": "snippets",
    "admin/sites/": "sites",
    "admin/users/": "users",
    "admin/people-chooser/": "a person, chosen by name in the admin",
    "admin/groups/": "groups",
    "admin/exports/": "one's own spreadsheet export",
    "documents/": "a document's restriction",
    "^media/": "a file's path",
    "notifications/<int:pk>/": "one's own notification",
    "feedback/suggestions/": "suggestions",
    "scim/v2/": "a person or a schema, for the provisioning client's token alone",
}


def takes_an_id(pattern: str) -> bool:
    """A number, or a capture named as an id or a primary key."""
    return bool(re.search(r"<int:\w+>|<\w+:\w*(id|pk)>|\(\?P<\w*(id|pk)\w*>", pattern))


def test_every_route_with_an_id_is_listed():
    unlisted = {
        route.pattern
        for route in all_routes()
        if takes_an_id(route.pattern)
        and route.pattern not in PAGE_ROUTES
        and not route.pattern.startswith(tuple(NOT_ABOUT_PAGES))
    }
    assert unlisted == set(), "say what these routes' ids name, in PAGE_ROUTES or NOT_ABOUT_PAGES"
    # And nothing listed has gone.
    assert set(PAGE_ROUTES) <= {route.pattern for route in all_routes()}


@dataclass(frozen=True)
class Target:
    place: str  # "Board" or "Vault"
    kind: str

    def ids(self, restricted) -> dict:
        """A value for each id a route may capture."""
        community = restricted.pages[self.place]
        page = {
            COMMUNITY: community,
            DISCUSSION: restricted.pages[f"discussion in {self.place}"],
            GUIDE: restricted.pages[f"guide in {self.place}"],
            COMMENT: community,
        }[self.kind]
        revision = page.latest_revision
        named = page.pk
        if self.kind == COMMENT:
            named = restricted.comments[f"comment in {self.place}"].pk
        return {
            "pk": named,
            "page_id": named,
            "parent_page_id": page.pk,
            "page_to_move_id": page.pk,
            "destination_id": restricted.pages["Board sub"].pk,
            "page_pk": page.pk,
            "community_id": page.pk,
            "object_id": page.pk,
            "page_view_restriction_id": restricted.restrictions[self.place].pk,
            "revision_id": revision.pk,
            "revision_id_a": "earliest",
            "revision_id_b": "latest",
            "app_label": "wagtailcore",
            "model_name": "page",
            "content_type_app_name": "communities",
            "content_type_model_name": "communitypage",
            "action_name": "approve",
        }


def url_of(pattern: str, ids: dict) -> str:
    def value(name):
        return str(ids.get(name, 1))

    # Regular expressions' named groups first: they hold angle brackets too.
    url = re.sub(r"\(\?P<(\w+)>(?:[^()]|\([^()]*\))*\)", lambda m: value(m.group(1)), pattern)
    url = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: value(m.group(1)), url)
    url = url.replace("^", "").replace("$", "").replace("\\.", ".")
    return "/" + url


# A view whose answer for a page that does not exist is a redirect: a page the
# reader may not open gets the same.
SENT_AWAY_AS_MISSING = {"feedback/helpful/<int:page_id>/": "/"}


def refusal(response, pattern: str) -> str:
    """How the outsider was refused, or an empty string if they were not."""
    if response.status_code in (403, 404, 405):
        return str(response.status_code)
    if response.status_code == 302:
        location = urlsplit(response["Location"]).path
        if location == reverse("login"):
            return "sent to sign in"
        if location == SENT_AWAY_AS_MISSING.get(pattern):
            return "told it does not exist"
    if response.status_code == 200 and any(
        template.name == "wagtailcore/password_required.html" for template in response.templates
    ):
        return "asked for the password"
    return ""


CASES = [
    pytest.param(pattern, Target(place, kind), id=f"{pattern} {place}")
    for pattern, kind in PAGE_ROUTES.items()
    for place in ("Board", "Vault")
]


@pytest.mark.parametrize(("pattern", "target"), CASES)
def test_an_outsider_is_refused_and_changes_nothing(world, restricted, db, pattern, target):
    client = signed_in(restricted.users["otto"])
    url = url_of(pattern, target.ids(restricted))
    before = database_fingerprint()
    for method in (client.get, client.post):
        response = method(url)
        assert refusal(response, pattern), (method.__name__, url, response.status_code)
    assert database_fingerprint() == before, url


# Who opens what (a page that answers 200): the board's member (mia, in its
# group), the vault's member (mia, once she gave its password), the board's team (bea).
MEMBERS_AND_TEAM = (("Board", "mia"), ("Vault", "mia"), ("Board", "bea"))
TEAM = (("Board", "bea"),)
OPENS = {
    "communities/<int:pk>/members/": MEMBERS_AND_TEAM,
    "communities/<int:pk>/members/people/": TEAM,
    "communities/<int:pk>/discussions/new/": MEMBERS_AND_TEAM,
    # Mia wrote the discussions; the team edits any in its community.
    "communities/discussions/<int:pk>/edit/": MEMBERS_AND_TEAM,
    "guides/<int:pk>/acknowledgements/": TEAM,
    "admin/pages/<int:page_id>/edit/": TEAM,
    "admin/pages/<int:page_id>/history/": TEAM,
    "admin/insights/summary/<int:community_id>/": TEAM,
}


def reader(restricted, username, place) -> Client:
    client = signed_in(restricted.users[username])
    if place == "Vault":
        give_the_password(client, restricted)
    return client


@pytest.mark.parametrize(
    ("pattern", "place", "username"),
    [(pattern, *who) for pattern, everyone in OPENS.items() for who in everyone],
)
def test_the_members_and_the_team_open_what_they_should(
    world, restricted, db, pattern, place, username
):
    target = Target(place, PAGE_ROUTES[pattern])
    url = url_of(pattern, target.ids(restricted))
    response = reader(restricted, username, place).get(url)
    assert response.status_code == 200, (url, response.status_code)


@pytest.mark.parametrize("place", ["Board", "Vault"])
def test_a_member_joins_starts_a_discussion_and_follows(world, restricted, db, place):
    """What the outsider was refused goes through for someone who passes the restriction."""
    client = reader(restricted, "mia", place)
    community = restricted.pages[place]
    Membership.objects.filter(user=restricted.users["mia"], community=community).delete()
    client.post(reverse("communities:join", args=[community.pk]))
    assert Membership.objects.filter(user=restricted.users["mia"], community=community).exists()
    client.post(
        reverse("communities:start-discussion", args=[community.pk]),
        {"title": "Next quarter", "body": "What shall we plan for next quarter?"},
    )
    discussion = DiscussionPage.objects.child_of(community).get(title="Next quarter")
    client.post(reverse("notifications:follow-page", args=[discussion.pk]))
    # Her own discussion: following it is up to her all the same.
    assert PageFollow.objects.filter(user=restricted.users["mia"], page=discussion).exists()
