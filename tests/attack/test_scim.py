"""SCIM answers the provisioning client's token and nothing else.

Every SCIM route and method, without a token, with a wrong one, with the token
under another scheme, and from a signed-in administrator's session without
it: each is refused with 401, and the database is unchanged.
"""

import json

import pytest

from django.urls import resolve

from tests.attack.test_csrf import database_fingerprint
from tests.url_samples import all_routes

TOKEN = "the-real-scim-token-0123456789"
BODY = json.dumps({"userName": "mallory@example.com", "emails": [{"value": "mallory@example.com"}]})


def scim_routes() -> list[str]:
    return [route.url for route in all_routes() if resolve(route.url).namespace == "scim"]


@pytest.mark.django_db
def test_every_scim_route_refuses_without_the_token(client, settings, world):
    settings.SCIM_TOKEN = TOKEN
    routes = scim_routes()
    assert len(routes) >= 4
    admin = world.users["admin"]
    for signed_in in (False, True):
        if signed_in:
            client.force_login(admin)
        # Taken after signing in, which writes the session and the last login.
        before = database_fingerprint()
        for url in routes:
            for headers in (
                {},
                {"HTTP_AUTHORIZATION": "Bearer wrong-token"},
                {"HTTP_AUTHORIZATION": f"Basic {TOKEN}"},
                {"HTTP_AUTHORIZATION": f"Bearer {TOKEN[:-1]}"},
            ):
                for method in ("get", "post", "put", "patch", "delete"):
                    body = {} if method == "get" else {"data": BODY}
                    response = getattr(client, method)(
                        url, content_type="application/scim+json", **body, **headers
                    )
                    assert response.status_code == 401, (method, url, headers, signed_in)
                    assert response["WWW-Authenticate"] == 'Bearer realm="scim"'
        assert database_fingerprint() == before


@pytest.mark.django_db
def test_the_token_opens_scim(client, settings):
    settings.SCIM_TOKEN = TOKEN
    response = client.get("/scim/v2/Users", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    assert response.status_code == 200
