"""Who may do what, where: every role tries every action on every object.

`MATRIX` is the single statement of the intranet's permission boundaries. Each
row is an action on one object, each column a role, and each cell says whether
the attempt goes through (Y) or is refused (-). Every cell is a test: it signs
in as the role, makes the real request (front end or Wagtail admin) and then
looks in the database to see whether the action happened, so a refusal that
still changed something fails. A refusal must be a refusal (a redirect, 403 or
404), never a server error.

The world (tests/attack/conftest.py): parent ⊃ {A ⊃ A child, B}; olivia leads
A, fred led A until he was taken off its team; erin wrote a discussion in each
community and a comment on each discussion and on a guide, and sam flagged
each comment; carl is a communicator, dana an insights reader, admin a
superuser, sam just another employee.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Page

from communities.models import DiscussionPage, Membership
from conversation.models import Comment, Flag
from people.models import Profile

ROLES = ("anon", "erin", "sam", "olivia", "fred", "carl", "dana", "admin")
TAKEN_OVER = "Taken over"


class Attempt:
    """What one role tries, through one client, against the module's world."""

    def __init__(self, client: Client, world):
        self.client, self.world = client, world

    def page(self, name) -> Page:
        return Page.objects.get(pk=self.world.pages[name].pk).specific

    def comment(self, name) -> Comment:
        return Comment.objects.get(pk=self.world.comments[name].pk)

    def get(self, url) -> bool:
        """Whether the page opened; any refusal is a redirect, 403 or 404, never an error."""
        response = self.client.get(url)
        return answered(response)

    def post(self, url, data=None) -> None:
        response = self.client.post(url, data or {})
        assert response.status_code < 500, f"{url} failed with {response.status_code}"


def answered(response) -> bool:
    assert response.status_code in (200, 302, 403, 404), response.status_code
    return response.status_code == 200


# The actions. Each returns whether the action went through, read back from the
# database (or, for what only shows, whether the page opened).


def view_page(attempt: Attempt, target) -> bool:
    return attempt.get(attempt.page(target).url)


def open_admin_editor(attempt: Attempt, target) -> bool:
    return attempt.get(reverse("wagtailadmin_pages:edit", args=[attempt.page(target).pk]))


def edit_form_data(page: Page) -> dict:
    """What the admin's edit form posts for a community or a discussion, retitled."""
    data = {"title": TAKEN_OVER, "slug": page.slug, "comments_enabled": "on"}
    if isinstance(page, DiscussionPage):
        return {**data, "body": page.body, "author": page.author_id or ""}
    members = list(page.team_members.all())
    data.update(
        {
            "purpose": page.purpose,
            "body-count": "0",
            "topics": "",
            "visibility": page.visibility,
            "membership_policy": page.membership_policy,
            "contact_channel": "",
            "team_members-TOTAL_FORMS": str(len(members)),
            "team_members-INITIAL_FORMS": str(len(members)),
            "team_members-MIN_NUM_FORMS": "0",
            "team_members-MAX_NUM_FORMS": "1000",
        }
    )
    for index, member in enumerate(members):
        prefix = f"team_members-{index}-"
        data.update(
            {
                prefix + "id": str(member.pk),
                prefix + "user": str(member.user_id),
                prefix + "discipline": member.discipline,
                prefix + "role": member.role,
                prefix + "ORDER": str(index + 1),
            }
        )
    return data


def save_draft_in_admin(attempt: Attempt, target) -> bool:
    page = attempt.page(target)
    attempt.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), edit_form_data(page))
    latest = attempt.page(target).latest_revision
    return latest is not None and latest.content["title"] == TAKEN_OVER


def publish_in_admin(attempt: Attempt, target) -> bool:
    page = attempt.page(target)
    attempt.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        {**edit_form_data(page), "action-publish": "1"},
    )
    return attempt.page(target).title == TAKEN_OVER


def unpublish_in_admin(attempt: Attempt, target) -> bool:
    attempt.post(reverse("wagtailadmin_pages:unpublish", args=[attempt.page(target).pk]))
    return not attempt.page(target).live


def delete_in_admin(attempt: Attempt, target) -> bool:
    pk = attempt.page(target).pk
    attempt.post(reverse("wagtailadmin_pages:delete", args=[pk]))
    return not Page.objects.filter(pk=pk).exists()


def move_into(destination) -> Callable[[Attempt, str], bool]:
    def move(attempt: Attempt, target) -> bool:
        page, into = attempt.page(target), attempt.page(destination)
        attempt.post(reverse("wagtailadmin_pages:move_confirm", args=[page.pk, into.pk]))
        return attempt.page(target).get_parent().pk == into.pk

    return move


def add_community_under(attempt: Attempt, target) -> bool:
    url = reverse(
        "wagtailadmin_pages:add", args=["communities", "communitypage", attempt.page(target).pk]
    )
    return attempt.get(url)


def lock_discussion(attempt: Attempt, target) -> bool:
    attempt.post(reverse("conversation:lock", args=[attempt.page(target).pk]), {"locked": "1"})
    return attempt.page(target).comments_locked


def moderate(action) -> Callable[[Attempt, str], bool]:
    def act(attempt: Attempt, target) -> bool:
        comment = attempt.comment(target)
        attempt.post(reverse("conversation:moderate", args=[comment.pk]), {"action": action})
        if action == "hide":
            return not attempt.comment(target).is_public
        return not Flag.objects.filter(comment=comment, reviewed_at__isnull=True).exists()

    return act


def edit_comment(attempt: Attempt, target) -> bool:
    comment = attempt.comment(target)
    attempt.post(reverse("conversation:edit", args=[comment.pk]), {"body": TAKEN_OVER})
    return TAKEN_OVER in attempt.comment(target).comment


def delete_comment(attempt: Attempt, target) -> bool:
    attempt.post(reverse("conversation:delete", args=[attempt.comment(target).pk]))
    return attempt.comment(target).is_removed


def edit_discussion_on_the_page(attempt: Attempt, target) -> bool:
    page = attempt.page(target)
    attempt.post(
        reverse("communities:edit-discussion", args=[page.pk]),
        {"title": TAKEN_OVER, "body": "A body long enough to publish."},
    )
    return attempt.page(target).title == TAKEN_OVER


def edit_profile(attempt: Attempt, username) -> bool:
    attempt.post(
        reverse("people:edit", args=[username]),
        {"display_name": "Someone", "job_title": TAKEN_OVER, "expertise": ""},
    )
    return Profile.objects.get(user__username=username).job_title == TAKEN_OVER


def join(attempt: Attempt, target) -> bool:
    community = attempt.page(target)
    attempt.post(reverse("communities:join", args=[community.pk]))
    return Membership.objects.filter(community=community, user__username__in=ROLES).exists()


def add_sam_as_member(attempt: Attempt, target) -> bool:
    community = attempt.page(target)
    sam = get_user_model().objects.get(username="sam")
    attempt.post(reverse("communities:add-member", args=[community.pk]), {"person": sam.pk})
    return Membership.objects.filter(community=community, user__username="sam").exists()


def open_admin(url_name) -> Callable[[Attempt, str], bool]:
    def open_(attempt: Attempt, _target) -> bool:
        return attempt.get(reverse(url_name))

    return open_


def open_page_view(url_name) -> Callable[[Attempt, str], bool]:
    def open_(attempt: Attempt, target) -> bool:
        return attempt.get(reverse(url_name, args=[attempt.page(target).pk]))

    return open_


def comment_listing_shows(attempt: Attempt, target) -> bool:
    response = attempt.client.get("/admin/conversation/comment/")
    return answered(response) and attempt.comment(target).comment in response.content.decode()


def open_media_editor(kind) -> Callable[[Attempt, str], bool]:
    def open_(attempt: Attempt, target) -> bool:
        model, url_name = {
            "document": (Document, "wagtaildocs:edit"),
            "image": (Image, "wagtailimages:edit"),
        }[kind]
        items = attempt.world.documents if kind == "document" else attempt.world.images
        return attempt.get(reverse(url_name, args=[model.objects.get(pk=items[target].pk).pk]))

    return open_


def delete_document(attempt: Attempt, target) -> bool:
    pk = attempt.world.documents[target].pk
    attempt.post(reverse("wagtaildocs:delete", args=[pk]))
    return not Document.objects.filter(pk=pk).exists()


def download_document(attempt: Attempt, target) -> bool:
    document = Document.objects.get(pk=attempt.world.documents[target].pk)
    return attempt.get(document.url)


ACTIONS = {
    "view": view_page,
    "open the admin editor": open_admin_editor,
    "save a draft in admin": save_draft_in_admin,
    "publish in admin": publish_in_admin,
    "unpublish in admin": unpublish_in_admin,
    "delete in admin": delete_in_admin,
    "move into A": move_into("A"),
    "move into B": move_into("B"),
    "add a community under": add_community_under,
    "lock comments on": lock_discussion,
    "hide": moderate("hide"),
    "resolve the flag on": moderate("dismiss"),
    "edit erin's comment": edit_comment,
    "delete erin's comment": delete_comment,
    "edit erin's discussion": edit_discussion_on_the_page,
    "edit the profile of": edit_profile,
    "join": join,
    "add sam as member of": add_sam_as_member,
    "open the admin": open_admin("wagtailadmin_home"),
    "list memberships": open_admin("communities_membership_modeladmin_index"),
    "list team members": open_admin("communities_communityteammember_modeladmin_index"),
    "list comments": open_admin("conversation_comment_modeladmin_index"),
    "list flags": open_admin("conversation_flag_modeladmin_index"),
    "list completions": open_admin("guides_guidecompletion_modeladmin_index"),
    "list acknowledgements": open_admin("guides_acknowledgement_modeladmin_index"),
    "list users": open_admin("wagtailusers_users:index"),
    "list groups": open_admin("wagtailusers_groups:index"),
    "see in comment listing": comment_listing_shows,
    "read the review report": open_admin("guides_review_report"),
    "read the site history": open_admin("wagtailadmin_reports:site_history"),
    "see who acknowledged": open_page_view("guides:acknowledgements"),
    "acknowledgements CSV": open_page_view("guides:acknowledgements-csv"),
    "see the members of": open_page_view("communities:members"),
    "open document editor": open_media_editor("document"),
    "open image editor": open_media_editor("image"),
    "delete": delete_document,
    "download": download_document,
}

# One line per action on one object; Y: it goes through, -: it is refused.
MATRIX = """
action                 | object                           |anon erin sam olivia fred carl dana admin
view                   | A                                | -    Y    Y    Y     Y    Y    Y    Y
view                   | discussion in B                  | -    Y    Y    Y     Y    Y    Y    Y
open the admin editor  | A                                | -    -    -    Y     -    -    -    Y
open the admin editor  | A child                          | -    -    -    Y     -    -    -    Y
open the admin editor  | B                                | -    -    -    -     -    -    -    Y
open the admin editor  | parent                           | -    -    -    -     -    -    -    Y
open the admin editor  | guide                            | -    -    -    -     -    Y    -    Y
save a draft in admin  | A                                | -    -    -    Y     -    -    -    Y
save a draft in admin  | A child                          | -    -    -    Y     -    -    -    Y
save a draft in admin  | B                                | -    -    -    -     -    -    -    Y
save a draft in admin  | parent                           | -    -    -    -     -    -    -    Y
publish in admin       | A child                          | -    -    -    Y     -    -    -    Y
publish in admin       | discussion in A                  | -    -    -    Y     -    -    -    Y
publish in admin       | B                                | -    -    -    -     -    -    -    Y
publish in admin       | discussion in B                  | -    -    -    -     -    -    -    Y
unpublish in admin     | A child                          | -    -    -    Y     -    -    -    Y
unpublish in admin     | parent                           | -    -    -    -     -    -    -    Y
unpublish in admin     | guide                            | -    -    -    -     -    -    -    Y
# A team adds, edits and publishes in its subtree, but only administrators delete pages.
delete in admin        | A child                          | -    -    -    -     -    -    -    Y
delete in admin        | discussion in B                  | -    -    -    -     -    -    -    Y
move into A            | discussion in A child            | -    -    -    Y     -    -    -    Y
move into A            | discussion in B                  | -    -    -    -     -    -    -    Y
move into B            | discussion in A                  | -    -    -    -     -    -    -    Y
add a community under  | A                                | -    -    -    Y     -    -    -    Y
add a community under  | A child                          | -    -    -    Y     -    -    -    Y
add a community under  | B                                | -    -    -    -     -    -    -    Y
add a community under  | parent                           | -    -    -    -     -    -    -    Y
lock comments on       | discussion in A                  | -    -    -    Y     -    -    -    Y
lock comments on       | discussion in A child            | -    -    -    Y     -    -    -    Y
lock comments on       | discussion in B                  | -    -    -    -     -    -    -    Y
lock comments on       | discussion in parent             | -    -    -    -     -    -    -    Y
lock comments on       | guide                            | -    -    -    -     -    Y    -    Y
hide                   | comment on discussion in A       | -    -    -    Y     -    -    -    Y
hide                   | comment on discussion in A child | -    -    -    Y     -    -    -    Y
hide                   | comment on discussion in B       | -    -    -    -     -    -    -    Y
hide                   | comment on discussion in parent  | -    -    -    -     -    -    -    Y
hide                   | comment on guide                 | -    -    -    -     -    Y    -    Y
resolve the flag on    | comment on discussion in A       | -    -    -    Y     -    -    -    Y
resolve the flag on    | comment on discussion in B       | -    -    -    -     -    -    -    Y
resolve the flag on    | comment on guide                 | -    -    -    -     -    Y    -    Y
# Only its author changes a comment; moderators hide it instead.
edit erin's comment    | comment on discussion in A       | -    Y    -    -     -    -    -    -
delete erin's comment  | comment on discussion in A       | -    Y    -    -     -    -    -    -
edit erin's discussion | discussion in A                  | -    Y    -    Y     -    -    -    Y
edit erin's discussion | discussion in B                  | -    Y    -    -     -    -    -    Y
edit the profile of    | erin                             | -    Y    -    -     -    -    -    Y
edit the profile of    | olivia                           | -    -    -    Y     -    -    -    Y
# By invitation means nobody joins alone, whatever their role: the team adds them.
join                   | invitation                       | -    -    -    -     -    -    -    -
join                   | B                                | -    Y    Y    Y     Y    Y    Y    Y
add sam as member of   | A                                | -    -    -    Y     -    -    -    Y
add sam as member of   | B                                | -    -    -    -     -    -    -    Y
add sam as member of   | invitation                       | -    -    -    -     -    -    -    Y
open the admin         | dashboard                        | -    -    -    Y     -    Y    Y    Y
list memberships       | admin                            | -    -    -    -     -    -    -    Y
list team members      | admin                            | -    -    -    -     -    -    -    Y
list comments          | admin                            | -    -    -    Y     -    Y    -    Y
list flags             | admin                            | -    -    -    Y     -    Y    -    Y
list completions       | admin                            | -    -    -    -     -    -    -    Y
list acknowledgements  | admin                            | -    -    -    -     -    -    -    Y
list users             | admin                            | -    -    -    -     -    -    -    Y
list groups            | admin                            | -    -    -    -     -    -    -    Y
see in comment listing | comment on discussion in A       | -    -    -    Y     -    -    -    Y
see in comment listing | comment on discussion in B       | -    -    -    -     -    -    -    Y
see in comment listing | comment on guide                 | -    -    -    -     -    Y    -    Y
read the review report | admin                            | -    -    -    Y     -    Y    -    Y
# Open to every admin user; each sees only the history of what they may edit.
read the site history  | admin                            | -    -    -    Y     -    Y    Y    Y
# A guide's owner and its team (the Communicators, outside communities) see who has read it.
see who acknowledged   | guide                            | -    -    -    -     -    Y    -    Y
see who acknowledged   | guide in A                       | -    -    -    Y     -    -    -    Y
acknowledgements CSV   | guide in A                       | -    -    -    Y     -    -    -    Y
acknowledgements CSV   | guide in B                       | -    -    -    -     -    -    -    Y
see the members of     | invitation                       | -    Y    Y    Y     Y    Y    Y    Y
# A team's files are the team's: the Communicators keep theirs in "Shared".
open document editor   | document in A                    | -    -    -    Y     -    -    -    Y
open document editor   | document in B                    | -    -    -    -     -    -    -    Y
open document editor   | document in Shared               | -    -    -    -     -    Y    -    Y
open image editor      | image in A                       | -    -    -    Y     -    -    -    Y
open image editor      | image in B                       | -    -    -    -     -    -    -    Y
open image editor      | image in Shared                  | -    -    -    -     -    Y    -    Y
# A change right on a collection covers deleting, as Wagtail defines it.
delete                 | document in A                    | -    -    -    Y     -    -    -    Y
delete                 | document in B                    | -    -    -    -     -    -    -    Y
delete                 | document in Shared               | -    -    -    -     -    Y    -    Y
# Documents are for everyone signed in, whichever team uploaded them.
download               | document in B                    | -    Y    Y    Y     Y    Y    Y    Y
"""


@dataclass(frozen=True)
class Row:
    action: str
    target: str
    outcomes: tuple[bool, ...]


def parse(table: str) -> list[Row]:
    header, *lines = [line for line in table.strip().splitlines() if not line.startswith("#")]
    assert tuple(header.split("|")[2].split()) == ROLES
    rows = []
    for line in lines:
        action, target, cells = (part.strip() for part in line.split("|"))
        rows.append(Row(action, target, tuple(cell == "Y" for cell in cells.split())))
    return rows


ROWS = parse(MATRIX)

CELLS = [
    pytest.param(row, role, expected, id=f"{row.action} {row.target} as {role}")
    for row in ROWS
    for role, expected in zip(ROLES, row.outcomes, strict=True)
]


def test_every_row_has_a_cell_for_every_role_and_a_known_action():
    for row in ROWS:
        assert len(row.outcomes) == len(ROLES), row
        assert row.action in ACTIONS, row
    assert len({(row.action, row.target) for row in ROWS}) == len(ROWS)


@pytest.mark.parametrize(("row", "role", "expected"), CELLS)
def test_cell(world, db, row, role, expected):
    client = Client()
    if role != "anon":
        client.force_login(world.users[role])
    went_through = ACTIONS[row.action](Attempt(client, world), row.target)
    verb = "could" if went_through else "could not"
    assert went_through is expected, f"{role} {verb} {row.action} {row.target}"
