"""SCIM 2.0 provisioning, replaying the requests Microsoft Entra ID and Okta send.

The bodies are those of Entra ID's provisioning documentation ("Develop and
plan provisioning for a SCIM endpoint") and Okta's SCIM 2.0 reference: a
lookup by userName, a create, changes, and a deactivation with Entra ID's
"Replace" (and its "False" as text) and Okta's path-less replace.
"""

import json

import pytest

from django.contrib.auth import get_user_model

from communities.factories import CommunityPageFactory, DiscussionPageFactory
from conversation.factories import CommentFactory
from conversation.models import Comment
from home.models import HomePage
from intranet.factories import UserFactory
from intranet.roles import EMPLOYEES
from people.models import Profile
from sso.models import ProvisionedAccount
from tests.attack.test_csrf import database_fingerprint

pytestmark = pytest.mark.django_db
User = get_user_model()
TOKEN = "scim-test-token-0123456789"
SCIM_JSON = "application/scim+json"
PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"

ENTRA_CREATE = {
    "schemas": [
        "urn:ietf:params:scim:schemas:core:2.0:User",
        ENTERPRISE,
    ],
    "externalId": "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
    "userName": "Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1",
    "active": True,
    "emails": [
        {
            "primary": True,
            "type": "work",
            "value": "Test_User_fd0ea19b-0777-472c-9f96-4f70d2226f2e@testuser.com",
        }
    ],
    "meta": {"resourceType": "User"},
    "name": {
        "formatted": "givenName familyName",
        "familyName": "familyName",
        "givenName": "givenName",
    },
    "title": "Buyer",
    ENTERPRISE: {"department": "Procurement", "employeeNumber": "701984"},
    "roles": [],
}

OKTA_CREATE = {
    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
    "userName": "test.user@okta.local",
    "name": {"givenName": "Test", "familyName": "User"},
    "emails": [{"primary": True, "value": "test.user@okta.local", "type": "work"}],
    "displayName": "Test User",
    "locale": "en-US",
    "externalId": "00ujl29u0le5T6Aj10h7",
    "groups": [],
    "password": "1mz050nq",
    "active": True,
}


@pytest.fixture
def scim(client, settings):
    """The client as a provisioning client: the token on every request."""
    settings.SCIM_TOKEN = TOKEN

    def call(method, path, body=None, token=TOKEN):
        headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
        data = json.dumps(body) if body is not None else ""
        return getattr(client, method)(
            f"/scim/v2/{path}", data=data, content_type=SCIM_JSON, **headers
        )

    return call


def found(scim, user_name) -> list:
    response = scim("get", f'Users?filter=userName eq "{user_name}"&startIndex=1&count=100')
    assert response.status_code == 200
    listing = response.json()
    assert listing["schemas"] == ["urn:ietf:params:scim:api:messages:2.0:ListResponse"]
    assert listing["totalResults"] == len(listing["Resources"])
    return listing["Resources"]


def test_entra_id_creates_finds_changes_and_deactivates_a_person(scim):
    user_name = ENTRA_CREATE["userName"]
    assert found(scim, user_name) == []

    created = scim("post", "Users", ENTRA_CREATE)
    assert created.status_code == 201, created.content
    resource = created.json()
    person = User.objects.get(pk=resource["id"])
    assert created["Location"] == f"http://testserver/scim/v2/Users/{person.pk}"
    assert (person.email, person.first_name, person.last_name, person.is_active) == (
        "Test_User_fd0ea19b-0777-472c-9f96-4f70d2226f2e@testuser.com",
        "givenName",
        "familyName",
        True,
    )
    assert not person.has_usable_password()
    assert list(person.groups.values_list("name", flat=True)) == [EMPLOYEES]
    profile = Profile.objects.get(user=person)
    assert (profile.display_name, profile.job_title, profile.department) == (
        "givenName familyName",
        "Buyer",
        "Procurement",
    )
    assert resource["userName"] == user_name
    assert resource["externalId"] == ENTRA_CREATE["externalId"]
    assert resource[ENTERPRISE] == {"department": "Procurement"}

    [match] = found(scim, user_name)
    assert match["id"] == str(person.pk)
    # userName is compared without regard to case (RFC 7643, section 4.1.1).
    assert len(found(scim, user_name.upper())) == 1

    changed = scim(
        "patch",
        f"Users/{person.pk}",
        {
            "schemas": [PATCH_OP],
            "Operations": [
                {
                    "op": "Replace",
                    "path": 'emails[type eq "work"].value',
                    "value": "updatedEmail@microsoft.com",
                },
                {"op": "Replace", "path": "name.familyName", "value": "updatedFamilyName"},
                {"op": "Add", "path": f"{ENTERPRISE}:department", "value": "Finance"},
            ],
        },
    )
    assert changed.status_code == 200, changed.content
    person.refresh_from_db()
    assert (person.email, person.last_name) == ("updatedEmail@microsoft.com", "updatedFamilyName")
    profile = Profile.objects.get(user=person)
    # The directory shows the new address too.
    assert (profile.department, profile.email) == ("Finance", "updatedEmail@microsoft.com")

    deactivated = scim(
        "patch",
        f"Users/{person.pk}",
        {
            "schemas": [PATCH_OP],
            "Operations": [{"op": "Replace", "path": "active", "value": False}],
        },
    )
    assert deactivated.status_code == 200, deactivated.content
    assert deactivated.json()["active"] is False
    person.refresh_from_db()
    assert not person.is_active


def test_entra_ids_active_as_text_is_understood(scim):
    person = User.objects.get(pk=scim("post", "Users", ENTRA_CREATE).json()["id"])
    body = {"schemas": [PATCH_OP], "Operations": [{"op": "Replace", "path": "active"}]}
    body["Operations"][0]["value"] = "False"
    assert scim("patch", f"Users/{person.pk}", body).status_code == 200
    person.refresh_from_db()
    assert not person.is_active
    body["Operations"][0]["value"] = "True"
    assert scim("patch", f"Users/{person.pk}", body).status_code == 200
    person.refresh_from_db()
    assert person.is_active


def test_okta_creates_reads_replaces_and_deactivates_a_person(scim):
    assert found(scim, "test.user@okta.local") == []
    created = scim("post", "Users", OKTA_CREATE)
    assert created.status_code == 201, created.content
    person_id = created.json()["id"]
    person = User.objects.get(pk=person_id)
    # Okta sends a password; the intranet keeps none: the provider signs people in.
    assert not person.has_usable_password()
    assert Profile.objects.get(user=person).display_name == "Test User"

    read = scim("get", f"Users/{person_id}")
    assert read.status_code == 200
    assert read.json()["userName"] == "test.user@okta.local"
    assert read.json()["emails"] == [
        {"value": "test.user@okta.local", "type": "work", "primary": True}
    ]

    replaced = scim(
        "put",
        f"Users/{person_id}",
        {**OKTA_CREATE, "name": {"givenName": "Tess", "familyName": "User"}, "id": person_id},
    )
    assert replaced.status_code == 200, replaced.content
    person.refresh_from_db()
    assert person.first_name == "Tess"

    deactivated = scim(
        "patch",
        f"Users/{person_id}",
        {"schemas": [PATCH_OP], "Operations": [{"op": "replace", "value": {"active": False}}]},
    )
    assert deactivated.status_code == 200, deactivated.content
    person.refresh_from_db()
    assert not person.is_active


def test_deactivation_keeps_what_they_wrote_and_spares_administrators(scim):
    community = CommunityPageFactory(parent=HomePage.objects.get())
    discussion = DiscussionPageFactory(parent=community)
    author = User.objects.get(pk=scim("post", "Users", OKTA_CREATE).json()["id"])
    comment = CommentFactory(page=discussion, user=author)

    assert scim("delete", f"Users/{author.pk}").status_code == 204
    author.refresh_from_db()
    assert not author.is_active
    assert Comment.objects.filter(pk=comment.pk, user=author).exists()

    admin = UserFactory(username="root", email="root@example.com", is_superuser=True)
    before = database_fingerprint()
    # An administrator's account is no SCIM resource: not listed, read, changed nor linked.
    for response in (
        scim("delete", f"Users/{admin.pk}"),
        scim(
            "patch",
            f"Users/{admin.pk}",
            {"Operations": [{"op": "Replace", "path": "active", "value": False}]},
        ),
        scim(
            "patch",
            f"Users/{admin.pk}",
            {
                "Operations": [
                    {
                        "op": "replace",
                        "path": 'emails[type eq "work"].value',
                        "value": "attacker@example.net",
                    }
                ]
            },
        ),
        scim("get", f"Users/{admin.pk}"),
    ):
        assert response.status_code == 404, response.content
    linked = scim(
        "post",
        "Users",
        {**OKTA_CREATE, "userName": "boss@corp", "emails": [{"value": "ROOT@example.com"}]},
    )
    assert linked.status_code == 409
    assert "administrator" in linked.json()["detail"]
    listed = scim("get", "Users").json()["Resources"]
    assert str(admin.pk) not in {person["id"] for person in listed}
    assert database_fingerprint() == before


def test_a_person_already_here_is_linked_by_email_not_made_twice(scim):
    erin = UserFactory(username="erin", email="test.user@okta.local")
    created = scim("post", "Users", OKTA_CREATE)
    assert created.status_code == 201
    assert created.json()["id"] == str(erin.pk)
    assert User.objects.count() == 1
    erin.refresh_from_db()
    # Her address on the intranet stays the same.
    assert erin.username == "erin"
    assert ProvisionedAccount.objects.get(user=erin).user_name == "test.user@okta.local"
    # Creating her again is a conflict, as SCIM says.
    again = scim("post", "Users", OKTA_CREATE)
    assert again.status_code == 409
    assert again.json()["scimType"] == "uniqueness"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({**OKTA_CREATE, "userName": ""}, "userName cannot be empty."),
        ({k: v for k, v in OKTA_CREATE.items() if k != "userName"}, "userName is required."),
        ({**OKTA_CREATE, "emails": [{"value": "not an address"}]}, "is not a valid email"),
        ({**OKTA_CREATE, "active": "maybe"}, "active must be true or false"),
        ({**OKTA_CREATE, "displayName": "Tess\x1b[31m"}, "displayName: Remove the control"),
        ({**OKTA_CREATE, "title": "x" * 151}, "title is 151 characters long; the most is 150."),
    ],
)
def test_bad_input_gets_a_clear_message_and_changes_nothing(scim, body, message):
    before = database_fingerprint()
    response = scim("post", "Users", body)
    assert response.status_code == 400
    assert message in response.json()["detail"]
    assert database_fingerprint() == before


def test_a_bad_patch_changes_nothing(scim):
    person_id = scim("post", "Users", OKTA_CREATE).json()["id"]
    before = database_fingerprint()
    for operations, message in (
        (
            [
                {"op": "Replace", "path": "name.givenName", "value": "Changed"},
                {"op": "Replace", "path": "active", "value": "nope"},
            ],
            "active must be true or false",
        ),
        ([{"op": "Move", "path": "title", "value": "x"}], "Unknown PATCH op 'Move'"),
        ([{"op": "Remove", "path": "userName"}], "userName cannot be removed."),
    ):
        response = scim("patch", f"Users/{person_id}", {"Operations": operations})
        assert response.status_code == 400
        assert message in response.json()["detail"]
    assert database_fingerprint() == before


def test_an_id_that_is_no_persons_is_not_found(scim):
    for path in ("Users/0", "Users/abc", "Users/99999999999999999999999"):
        assert scim("get", path).status_code == 404, path


def test_the_service_describes_itself(scim):
    config = scim("get", "ServiceProviderConfig").json()
    assert config["patch"] == {"supported": True}
    assert config["changePassword"] == {"supported": False}
    assert config["authenticationSchemes"][0]["type"] == "oauthbearertoken"
    assert scim("get", "Schemas").status_code == 200


def test_scim_is_off_without_a_token(client, settings):
    settings.SCIM_TOKEN = ""
    for path in ("", "Users", "Users/1", "ServiceProviderConfig", "Schemas"):
        response = client.get(f"/scim/v2/{path}", HTTP_AUTHORIZATION="Bearer ")
        assert response.status_code == 404, path


@pytest.mark.parametrize(
    ("method", "body", "status", "message"),
    [
        ("post", "[1]", 400, "The body must be a JSON object."),
        ("post", '"Users"', 400, "The body must be a JSON object."),
        ("post", "[" * 100_000 + "]" * 100_000, 400, "nested too deeply"),
        ("post", '{"x": "' + "a" * 3_000_000 + '"}', 413, "larger than the intranet accepts"),
        (
            "patch",
            json.dumps({"Operations": [{"op": "replace", "path": 7, "value": "x"}]}),
            400,
            "path must be text",
        ),
        ("patch", "[]", 400, "The body must be a JSON object."),
        ("post", b"\xff\xfe{}", 400, "JSON in UTF-8"),
    ],
)
def test_a_malformed_body_is_refused_with_a_reason(scim, client, method, body, status, message):
    person_id = scim("post", "Users", OKTA_CREATE).json()["id"]
    before = database_fingerprint()
    path = "/scim/v2/Users" + ("" if method == "post" else f"/{person_id}")
    response = getattr(client, method)(
        path, data=body, content_type=SCIM_JSON, HTTP_AUTHORIZATION=f"Bearer {TOKEN}"
    )
    assert response.status_code == status, response.content
    assert message in response.json()["detail"]
    assert database_fingerprint() == before


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ('title eq "Buyer"', "not on title"),
        ('userName eq "test.user@okta.local" or title eq "Buyer"', "not on title"),
        (" or ".join(['userName eq "x"'] * 300), "at most 1000 characters"),
        (" or ".join(['userName eq "x"'] * 27), "compares too many values"),
        ('urn:example:other:userName eq "test.user@okta.local"', "not on urn:example:other"),
    ],
)
def test_a_filter_the_intranet_cannot_answer_is_refused(scim, query, message):
    scim("post", "Users", OKTA_CREATE)
    response = scim("get", f"Users?filter={query}")
    assert response.status_code == 400, response.content
    assert response.json()["scimType"] == "invalidFilter"
    assert message in response.json()["detail"]


def test_a_page_holds_at_most_what_the_service_advertises(scim):
    advertised = scim("get", "ServiceProviderConfig").json()["filter"]["maxResults"]
    people = UserFactory.create_batch(advertised + 2)
    ProvisionedAccount.objects.bulk_create(
        ProvisionedAccount(user=person, user_name=f"p{person.pk}@corp") for person in people
    )
    listing = scim("get", "Users?count=500").json()
    assert (listing["totalResults"], listing["itemsPerPage"]) == (advertised + 2, advertised)
    second = scim("get", f"Users?startIndex={advertised + 1}&count=500").json()
    assert [r["userName"] for r in second["Resources"]] == [
        f"p{person.pk}@corp" for person in people[-2:]
    ]
    assert scim("get", "Users?count=-3").json()["Resources"] == []
    # Whatever int() reads as a number is capped; what it does not is refused.
    for count in ("%2B500", "%20500", "5_00"):
        assert scim("get", f"Users?count={count}").json()["itemsPerPage"] == advertised, count
    assert scim("get", "Users?count=--5").status_code == 400


def test_the_schema_named_before_user_name_finds_the_same_person(scim):
    person_id = scim("post", "Users", OKTA_CREATE).json()["id"]
    core = "urn:ietf:params:scim:schemas:core:2.0:User"
    listing = scim("get", f'Users?filter={core}:userName eq "TEST.USER@okta.local"').json()
    assert [r["id"] for r in listing["Resources"]] == [person_id]


def test_an_address_another_account_has_is_refused_on_a_change_too(scim):
    UserFactory(username="root", email="root@example.com", is_superuser=True)
    UserFactory(username="nadia", email="nadia@example.com")
    person_id = scim("post", "Users", OKTA_CREATE).json()["id"]
    before = database_fingerprint()
    for address in ("ROOT@example.com", "nadia@example.com"):
        patched = scim(
            "patch",
            f"Users/{person_id}",
            {"Operations": [{"op": "replace", "path": "emails", "value": [{"value": address}]}]},
        )
        replaced = scim(
            "put", f"Users/{person_id}", {**OKTA_CREATE, "emails": [{"value": address}]}
        )
        for response in (patched, replaced):
            assert response.status_code == 409, response.content
            assert response.json()["scimType"] == "uniqueness"
    assert database_fingerprint() == before
    # Their own address, in another case, is no conflict.
    same = {**OKTA_CREATE, "emails": [{"value": "TEST.USER@okta.local"}]}
    assert scim("put", f"Users/{person_id}", same).status_code == 200


def test_what_the_service_does_not_offer_answers_in_scims_terms(scim):
    person_id = scim("post", "Users", OKTA_CREATE).json()["id"]
    before = database_fingerprint()
    for method, path in (
        ("get", "Groups"),
        ("post", "Groups"),
        ("get", "Me"),
        ("post", "Bulk"),
        ("get", "ResourceTypes"),
    ):
        body = {} if method == "post" else None
        assert scim(method, path, body).status_code == 501, (method, path)
    assert scim(method="post", path=f"Users/{person_id}", body=OKTA_CREATE).status_code == 405
    assert database_fingerprint() == before


def test_only_provisioned_people_are_resources(scim):
    erin = UserFactory(username="erin", email="test.user@okta.local")
    assert scim("get", "Users").json()["totalResults"] == 0
    assert scim("get", f"Users/{erin.pk}").status_code == 404
    by_email = scim("get", 'Users?filter=emails.value eq "test.user@okta.local"').json()
    assert by_email["totalResults"] == 0
    changed = scim(
        "patch",
        f"Users/{erin.pk}",
        {"Operations": [{"op": "replace", "path": "active", "value": False}]},
    )
    assert changed.status_code == 404
    erin.refresh_from_db()
    assert erin.is_active

    # Once the client creates her, she is linked, and found whichever way it asks.
    assert scim("post", "Users", OKTA_CREATE).status_code == 201
    [listed] = scim("get", "Users").json()["Resources"]
    assert (listed["id"], listed["userName"]) == (str(erin.pk), "test.user@okta.local")
    assert scim("get", f"Users/{erin.pk}").status_code == 200
    by_email = scim("get", 'Users?filter=emails.value eq "test.user@okta.local"').json()
    assert [r["id"] for r in by_email["Resources"]] == [str(erin.pk)]


def test_a_contact_address_the_person_chose_stays_when_the_account_changes(scim):
    person_id = scim("post", "Users", OKTA_CREATE).json()["id"]
    Profile.objects.filter(user_id=person_id).update(email="team-inbox@okta.local")
    replace = {"op": "replace", "path": "emails", "value": [{"value": "tess@okta.local"}]}
    assert scim("patch", f"Users/{person_id}", {"Operations": [replace]}).status_code == 200
    assert User.objects.get(pk=person_id).email == "tess@okta.local"
    assert Profile.objects.get(user_id=person_id).email == "team-inbox@okta.local"
