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

from django.test import Client
from django.urls import reverse

from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Page

from communities.models import CommunityPage, DiscussionPage, Membership
from conversation.models import Comment, Flag
from people.models import Profile

ROLES = ("anonymous", "erin", "sam", "olivia", "fred", "carl", "dana", "admin")
Y, N = True, False
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
    attempt.post(reverse("communities:add-member", args=[community.pk]), {"username": "sam"})
    return Membership.objects.filter(community=community, user__username="sam").exists()


def open_admin(url_name) -> Callable[[Attempt, str], bool]:
    def open_(attempt: Attempt, _target) -> bool:
        return attempt.get(reverse(url_name))

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


@dataclass(frozen=True)
class Row:
    action: str
    attempt: Callable[[Attempt, str], bool]
    target: str
    outcomes: tuple[bool, ...]


# fmt: off
# One row per action on one object; one column per role, in ROLES order:
#                                                                        anon erin sam oliv fred carl dana admin
MATRIX = [
    Row("view", view_page, "A",                                          (N,  Y,  Y,  Y,  Y,  Y,  Y,  Y)),
    Row("view", view_page, "discussion in B",                            (N,  Y,  Y,  Y,  Y,  Y,  Y,  Y)),
    Row("open the admin editor", open_admin_editor, "A",                 (N,  N,  N,  Y,  N,  N,  N,  Y)),
    Row("open the admin editor", open_admin_editor, "A child",           (N,  N,  N,  Y,  N,  N,  N,  Y)),
    Row("open the admin editor", open_admin_editor, "B",                 (N,  N,  N,  N,  N,  N,  N,  Y)),
    Row("open the admin editor", open_admin_editor, "parent",            (N,  N,  N,  N,  N,  N,  N,  Y)),
    Row("open the admin editor", open_admin_editor, "guide",             (N,  N,  N,  N,  N,  Y,  N,  Y)),
    Row("save a draft in the admin", save_draft_in_admin, "A",           (N,  N,  N,  Y,  N,  N,  N,  Y)),
    Row("save a draft in the admin", save_draft_in_admin, "A child",     (N,  N,  N,  Y,  N,  N,  N,  Y)),
    Row("save a draft in the admin", save_draft_in_admin, "B",           (N,  N,  N,  N,  N,  N,  N,  Y)),
    Row("save a draft in the admin", save_draft_in_admin, "parent",      (N,  N,  N,  N,  N,  N,  N,  Y)),
    Row("publish in the admin", publish_in_admin, "A child",             (N,  N,  N,  Y,  N,  N,  N,  Y)),
    Row("publish in the admin", publish_in_admin, "discussion in A",     (N,  N,  N,  Y,  N,  N,  N,  Y)),
    Row("publish in the admin", publish_in_admin, "B",                   (N,  N,  N,  N,  N,  N,  N,  Y)),
    Row("publish in the admin", publish_in_admin, "discussion in B",     (N,  N,  N,  N,  N,  N,  N,  Y)),
    Row("unpublish in the admin", unpublish_in_admin, "A child",         (N,  N,  N,  Y,  N,  N,  N,  Y)),
    Row("unpublish in the admin", unpublish_in_admin, "parent",          (N,  N,  N,  N,  N,  N,  N,  Y)),
    Row("unpublish in the admin", unpublish_in_admin, "guide",           (N,  N,  N,  N,  N,  N,  N,  Y)),
    Row("delete in the admin", delete_in_admin, "A child",               (N,  N,  N,  N,  N,  N,  N,  Y)),
    Row("delete in the admin", delete_in_admin, "discussion in B",       (N,  N,  N,  N,  N,  N,  N,  Y)),
    Row("move into A", move_into("A"), "discussion in A child",          (N,  N,  N,  Y,  N,  N,  N,  Y)),
    Row("move into A", move_into("A"), "discussion in B",                (N,  N,  N,  N,  N,  N,  N,  Y)),
    Row("move into B", move_into("B"), "discussion in A",                (N,  N,  N,  N,  N,  N,  N,  Y)),
    Row("add a community under", add_community_under, "A",               (N,  N,  N,  Y,  N,  N,  N,  Y)),
    Row("add a community under", add_community_under, "A child",         (N,  N,  N,  Y,  N,  N,  N,  Y)),
    Row("add a community under", add_community_under, "B",               (N,  N,  N,  N,  N,  N,  N,  Y)),
    Row("add a community under", add_community_under, "parent",          (N,  N,  N,  N,  N,  N,  N,  Y)),
    Row("lock the discussion", lock_discussion, "discussion in A",       (N,  N,  N,  Y,  N,  N,  N,  Y)),
    Row("lock the discussion", lock_discussion, "discussion in A child", (N,  N,  N,  Y,  N,  N,  N,  Y)),
    Row("lock the discussion", lock_discussion, "discussion in B",       (N,  N,  N,  N,  N,  N,  N,  Y)),
    Row("lock the discussion", lock_discussion, "discussion in parent",  (N,  N,  N,  N,  N,  N,  N,  Y)),
    Row("lock the discussion", lock_discussion, "guide",                 (N,  N,  N,  N,  N,  Y,  N,  Y)),
    Row("hide a comment", moderate("hide"), "comment on discussion in A",       (N, N, N, Y, N, N, N, Y)),
    Row("hide a comment", moderate("hide"), "comment on discussion in A child", (N, N, N, Y, N, N, N, Y)),
    Row("hide a comment", moderate("hide"), "comment on discussion in B",       (N, N, N, N, N, N, N, Y)),
    Row("hide a comment", moderate("hide"), "comment on discussion in parent",  (N, N, N, N, N, N, N, Y)),
    Row("hide a comment", moderate("hide"), "comment on guide",                 (N, N, N, N, N, Y, N, Y)),
    Row("resolve a flag", moderate("dismiss"), "comment on discussion in A",    (N, N, N, Y, N, N, N, Y)),
    Row("resolve a flag", moderate("dismiss"), "comment on discussion in B",    (N, N, N, N, N, N, N, Y)),
    Row("resolve a flag", moderate("dismiss"), "comment on guide",              (N, N, N, N, N, Y, N, Y)),
    # Only its author changes a comment: moderators hide it instead.
    Row("edit erin's comment", edit_comment, "comment on discussion in A",      (N, Y, N, N, N, N, N, N)),
    Row("delete erin's comment", delete_comment, "comment on discussion in A",  (N, Y, N, N, N, N, N, N)),
    Row("edit erin's discussion", edit_discussion_on_the_page, "discussion in A", (N, Y, N, Y, N, N, N, Y)),
    Row("edit erin's discussion", edit_discussion_on_the_page, "discussion in B", (N, Y, N, N, N, N, N, Y)),
    Row("edit the profile of", edit_profile, "erin",                     (N,  Y,  N,  N,  N,  N,  N,  Y)),
    Row("edit the profile of", edit_profile, "olivia",                   (N,  N,  N,  Y,  N,  N,  N,  Y)),
    # By invitation means nobody joins alone, whatever their role.
    Row("join", join, "invitation",                                      (N,  N,  N,  N,  N,  N,  N,  N)),
    Row("join", join, "B",                                               (N,  Y,  Y,  Y,  Y,  Y,  Y,  Y)),
    Row("add sam as a member of", add_sam_as_member, "A",                (N,  N,  N,  Y,  N,  N,  N,  Y)),
    Row("add sam as a member of", add_sam_as_member, "B",                (N,  N,  N,  N,  N,  N,  N,  Y)),
    Row("add sam as a member of", add_sam_as_member, "invitation",       (N,  N,  N,  N,  N,  N,  N,  Y)),
    Row("open the admin", open_admin("wagtailadmin_home"), "dashboard",  (N,  N,  N,  Y,  N,  Y,  Y,  Y)),
    Row("list memberships", open_admin("communities_membership_modeladmin_index"), "admin", (N, N, N, N, N, N, N, Y)),
    Row("list team members", open_admin("communities_communityteammember_modeladmin_index"), "admin", (N, N, N, N, N, N, N, Y)),
    Row("list comments", open_admin("conversation_comment_modeladmin_index"), "admin", (N, N, N, Y, N, Y, N, Y)),
    Row("list flags", open_admin("conversation_flag_modeladmin_index"), "admin", (N, N, N, Y, N, Y, N, Y)),
    Row("list completions", open_admin("guides_guidecompletion_modeladmin_index"), "admin", (N, N, N, N, N, N, N, Y)),
    Row("list acknowledgements", open_admin("guides_acknowledgement_modeladmin_index"), "admin", (N, N, N, N, N, N, N, Y)),
    Row("see in the comment listing", comment_listing_shows, "comment on discussion in A", (N, N, N, Y, N, N, N, Y)),
    Row("see in the comment listing", comment_listing_shows, "comment on discussion in B", (N, N, N, N, N, N, N, Y)),
    Row("see in the comment listing", comment_listing_shows, "comment on guide",           (N, N, N, N, N, Y, N, Y)),
    Row("read the report", open_admin("guides_review_report"), "pages due for review", (N, N, N, Y, N, Y, N, Y)),
    Row("read the report", open_admin("wagtailadmin_reports:site_history"), "site history", (N, N, N, Y, N, Y, Y, Y)),
    Row("list users", open_admin("wagtailusers_users:index"), "admin",   (N,  N,  N,  N,  N,  N,  N,  Y)),
    Row("list groups", open_admin("wagtailusers_groups:index"), "admin", (N,  N,  N,  N,  N,  N,  N,  Y)),
    Row("open the document editor", open_media_editor("document"), "document in A", (N, N, N, Y, N, Y, N, Y)),
    Row("open the document editor", open_media_editor("document"), "document in B", (N, N, N, N, N, Y, N, Y)),
    Row("open the image editor", open_media_editor("image"), "image in A", (N, N, N, Y, N, Y, N, Y)),
    Row("open the image editor", open_media_editor("image"), "image in B", (N, N, N, N, N, Y, N, Y)),
    # A team's change right on its collection covers deleting, as Wagtail defines it.
    Row("delete the document", delete_document, "document in A",         (N,  N,  N,  Y,  N,  Y,  N,  Y)),
    Row("delete the document", delete_document, "document in B",         (N,  N,  N,  N,  N,  Y,  N,  Y)),
    # Documents are for everyone signed in, whichever team uploaded them.
    Row("download", download_document, "document in B",                  (N,  Y,  Y,  Y,  Y,  Y,  Y,  Y)),
]
# fmt: on

CELLS = [
    pytest.param(row, role, expected, id=f"{row.action} {row.target} as {role}")
    for row in MATRIX
    for role, expected in zip(ROLES, row.outcomes, strict=True)
]


def test_every_row_has_a_cell_for_every_role():
    assert all(len(row.outcomes) == len(ROLES) for row in MATRIX)
    assert len({(row.action, row.target) for row in MATRIX}) == len(MATRIX)


@pytest.mark.parametrize(("row", "role", "expected"), CELLS)
def test_cell(world, db, row, role, expected):
    client = Client()
    if role != "anonymous":
        client.force_login(world.users[role])
    went_through = row.attempt(Attempt(client, world), row.target)
    verb = "could" if went_through else "could not"
    assert went_through is expected, f"{role} {verb} {row.action} {row.target}"
