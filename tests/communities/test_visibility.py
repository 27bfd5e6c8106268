"""Open, closed and secret communities: who knows of them, who reads them, who takes part."""

import html
from datetime import timedelta

import pytest
import wagtail_factories

from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from django.urls import reverse

from wagtail.models import CollectionViewRestriction, PageViewRestriction

from communities.factories import (
    CommunityTeamMemberFactory,
    DiscussionPageFactory,
    MembershipFactory,
)
from communities.models import CommunityReaders, Invitation, JoinRequest, Membership, Visibility
from communities.services import leave_community
from conversation.factories import CommentFactory
from conversation.models import Comment, CommentReaction, Flag
from intranet.factories import UserFactory
from notifications.models import Notification, PageFollow
from notifications.services import send_pending_emails
from people.models import Discipline
from tests.communities.conftest import publish
from tests.search.helpers import result_titles

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def people(owner):
    return {
        "member": UserFactory(username="mel", first_name="Mel"),
        "outsider": UserFactory(username="otto", first_name="Otto"),
        "lead": owner,
        "admin": UserFactory(username="ada", is_superuser=True),
    }


@pytest.fixture
def private(make_community, people):
    """A closed and a secret community with a member, a lead and a discussion each."""
    found = {}
    for visibility in (Visibility.CLOSED, Visibility.SECRET):
        community = make_community(
            title=f"The {visibility} room",
            purpose=f"Purpose of the {visibility} room",
            lead=people["lead"],
            visibility=visibility,
        )
        MembershipFactory(user=people["member"], community=community)
        discussion = DiscussionPageFactory(
            parent=community, title=f"Plans of the {visibility} room", author=people["lead"]
        )
        CommentFactory(page=discussion, user=people["lead"], comment="First thoughts.")
        found[visibility] = (community, discussion)
    return found


def status(user, url) -> int:
    return client_for(user).get(url).status_code


@pytest.mark.parametrize("visibility", [Visibility.CLOSED, Visibility.SECRET])
@pytest.mark.parametrize("who", ["member", "lead", "admin"])
def test_its_readers_read_everything_in_it(private, people, visibility, who):
    community, discussion = private[visibility]
    response = client_for(people[who]).get(community.url)
    assert response.status_code == 200
    assert discussion.title in response.text
    assert status(people[who], discussion.url) == 200
    assert status(people[who], reverse("communities:members", args=[community.pk])) == 200


def test_a_reader_who_is_not_a_member_is_offered_no_join_button_in_a_secret_community(
    private, people
):
    community, _discussion = private[Visibility.SECRET]
    page = client_for(people["admin"]).get(community.url).text
    assert "Join this community" not in page
    assert "Its team invites its members." in page


def test_a_secret_community_is_not_found_by_anyone_else(private, people):
    community, discussion = private[Visibility.SECRET]
    outsider = people["outsider"]
    for url in (
        community.url,
        discussion.url,
        reverse("communities:members", args=[community.pk]),
        reverse("conversation:comment", args=[discussion.conversation_comments.get().pk]),
    ):
        assert status(outsider, url) == 404, url
    index = client_for(outsider).get(reverse("communities:index")).text
    assert community.title not in index
    assert community.purpose not in index


def test_a_closed_community_shows_its_name_and_purpose_and_nothing_else(private, people):
    community, discussion = private[Visibility.CLOSED]
    outsider = people["outsider"]
    door = client_for(outsider).get(community.url)
    assert door.status_code == 200
    assert community.title in door.text
    assert community.purpose in door.text
    assert "Olivia" in door.text  # who to ask
    assert discussion.title not in door.text
    assert "Mel" not in door.text  # the members are the members'
    assert status(outsider, discussion.url) == 404
    assert status(outsider, reverse("communities:members", args=[community.pk])) == 404
    index = client_for(outsider).get(reverse("communities:index")).text
    assert community.title in index
    assert "Closed" in index


def test_a_sub_community_is_as_private_as_the_one_above(private, people, make_community):
    closed, _discussion = private[Visibility.CLOSED]
    inside = make_community(parent=closed, title="Open inside closed", visibility=Visibility.OPEN)
    talk = DiscussionPageFactory(parent=inside, title="Inner talk")
    assert status(people["outsider"], inside.url) == 404
    assert status(people["outsider"], talk.url) == 404
    assert status(people["member"], talk.url) == 200


def test_joining_a_private_community_is_refused_and_changes_nothing(private, people):
    for community, _discussion in private.values():
        response = client_for(people["outsider"]).post(
            reverse("communities:join", args=[community.pk])
        )
        assert response.status_code == 404
        assert not Membership.objects.filter(user=people["outsider"], community=community).exists()


def test_a_member_who_leaves_reads_it_no_more(private, people):
    community, discussion = private[Visibility.SECRET]
    assert status(people["member"], discussion.url) == 200
    leave_community(people["member"], community)
    assert status(people["member"], discussion.url) == 404
    assert status(people["member"], community.url) == 404


@pytest.mark.parametrize(
    ("visibility", "lands_on"), [(Visibility.SECRET, "index"), (Visibility.CLOSED, "door")]
)
def test_leaving_lands_where_the_leaver_still_may_go(private, people, visibility, lands_on):
    community, _discussion = private[visibility]
    response = client_for(people["member"]).post(
        reverse("communities:leave", args=[community.pk]), follow=True
    )
    assert response.status_code == 200
    expected = reverse("communities:index") if lands_on == "index" else community.url
    assert response.redirect_chain[-1][0] == expected
    assert f"You have left {community.title}." in response.text


def test_a_new_member_reads_it_at_once(private, people):
    community, discussion = private[Visibility.CLOSED]
    assert status(people["outsider"], discussion.url) == 404
    Membership.objects.create(user=people["outsider"], community=community)
    assert status(people["outsider"], discussion.url) == 200


def test_a_team_member_of_a_community_above_reads_a_private_one_below(
    make_community, people, private
):
    parent = make_community(title="Parent", lead=UserFactory(username="paula"))
    below = make_community(parent=parent, title="Below", visibility=Visibility.SECRET)
    assert status(UserFactory(username="paula2"), below.url) == 404
    assert status(parent.team_members.get().user, below.url) == 200


def test_opening_a_community_lifts_its_restriction_and_drops_its_group(private, people):
    community, discussion = private[Visibility.SECRET]
    group_id = CommunityReaders.objects.get(community=community).group_id
    community.visibility = Visibility.OPEN
    publish(community)
    assert not PageViewRestriction.objects.filter(page=community).exists()
    assert not Group.objects.filter(pk=group_id).exists()
    assert status(people["outsider"], discussion.url) == 200


def test_its_files_are_its_readers_only(private):
    community, _discussion = private[Visibility.CLOSED]
    collection = community.team_access.collection
    restriction = CollectionViewRestriction.objects.get(collection=collection)
    assert list(restriction.groups.all()) == [community.readers.group]


@pytest.mark.parametrize("visibility", [Visibility.CLOSED, Visibility.SECRET])
def test_members_take_part_in_the_conversation(private, people, visibility):
    _community, discussion = private[visibility]
    member = client_for(people["member"])
    response = member.post(
        reverse("conversation:post", args=[discussion.pk]), {"body": "Count me in, then."}
    )
    assert response.status_code == 302
    comment = Comment.objects.get(page=discussion, user=people["member"])
    first = discussion.conversation_comments.exclude(pk=comment.pk).get()
    member.post(reverse("conversation:react", args=[first.pk]), {"kind": "like"})
    assert CommentReaction.objects.filter(user=people["member"], comment=first).exists()
    member.post(reverse("conversation:flag", args=[first.pk]), {"reason": "spam"})
    assert Flag.objects.filter(user=people["member"], comment=first).exists()
    page = member.get(discussion.url).text
    assert "Count me in, then." in page


@pytest.mark.parametrize("visibility", [Visibility.CLOSED, Visibility.SECRET])
def test_nobody_else_takes_part_through_any_address(private, people, visibility):
    _community, discussion = private[visibility]
    first = discussion.conversation_comments.get()
    outsider = client_for(people["outsider"])
    for url, data in (
        (reverse("conversation:post", args=[discussion.pk]), {"body": "Let me in."}),
        (reverse("conversation:post", args=[discussion.pk]), {"body": "Hi", "parent": first.pk}),
        (reverse("conversation:react", args=[first.pk]), {"kind": "like"}),
        (reverse("conversation:react-page", args=[discussion.pk]), {"kind": "like"}),
        (reverse("conversation:flag", args=[first.pk]), {"reason": "spam"}),
    ):
        assert outsider.post(url, data).status_code == 404, url
    for url in (
        reverse("conversation:reply", args=[first.pk]),
        reverse("conversation:flag", args=[first.pk]),
        reverse("conversation:comment", args=[first.pk]),
    ):
        assert outsider.get(url).status_code == 404, url
    assert Comment.objects.filter(page=discussion).count() == 1
    assert not CommentReaction.objects.exists()
    assert not Flag.objects.exists()


def test_only_its_readers_are_notified(private, people):
    community, discussion = private[Visibility.SECRET]
    former = UserFactory(username="fred")
    MembershipFactory(user=former, community=community)
    PageFollow.objects.create(user=former, page=discussion)
    PageFollow.objects.create(user=people["member"], page=discussion)
    leave_community(former, community)
    client_for(people["lead"]).post(
        reverse("conversation:post", args=[discussion.pk]),
        {"body": "News for the room, @fred and @otto."},
    )
    assert Notification.objects.filter(recipient=people["member"]).exists()
    assert not Notification.objects.filter(recipient=former).exists()
    assert not Notification.objects.filter(recipient=people["outsider"]).exists()


def test_search_and_suggestions_find_it_for_its_readers_only(private, people):
    for who, found in (("member", True), ("outsider", False), ("admin", True)):
        client = client_for(people[who])
        results = result_titles(client.get(reverse("search"), {"query": "plans room"}))
        suggestions = client.get(reverse("search_suggest"), {"query": "plans"}).text
        for _community, discussion in private.values():
            assert (discussion.title in results) == found, (who, discussion)
            assert (discussion.title in suggestions) == found, (who, discussion)


def test_an_outsider_asks_at_a_closed_door_and_reads_once_approved(private, people):
    community, discussion = private[Visibility.CLOSED]
    outsider = client_for(people["outsider"])
    door = outsider.get(community.url).text
    assert "Ask to join" in door
    outsider.post(reverse("communities:ask-to-join", args=[community.pk]), {"message": "Hi"})
    assert "You asked to join" in outsider.get(community.url).text
    request = JoinRequest.objects.get(user=people["outsider"], community=community)
    client_for(people["lead"]).post(
        reverse("communities:answer-request", args=[community.pk]),
        {"join_request": request.pk, "decision": "approve"},
    )
    assert status(people["outsider"], discussion.url) == 200


def test_nobody_asks_to_join_a_secret_community(private, people):
    community, _discussion = private[Visibility.SECRET]
    response = client_for(people["outsider"]).post(
        reverse("communities:ask-to-join", args=[community.pk]), {"message": "Let me in"}
    )
    assert response.status_code == 404
    assert not JoinRequest.objects.exists()


def test_an_invitee_finds_a_secret_community_through_their_invitation_alone(private, people):
    community, discussion = private[Visibility.SECRET]
    about = reverse("communities:about", args=[community.pk])
    assert status(people["outsider"], about) == 404
    client_for(people["lead"]).post(
        reverse("communities:invite", args=[community.pk]),
        {"person": people["outsider"].pk, "message": "We need you on Aurora."},
    )
    invitee = client_for(people["outsider"])
    notification = Notification.objects.get(recipient=people["outsider"])
    centre = invitee.get(reverse("notifications:list")).text
    assert community.title in centre
    door = invitee.get(notification.link)
    assert door.status_code == 200
    assert "We need you on Aurora." in door.text
    assert discussion.title not in door.text
    assert status(people["outsider"], community.url) == 404
    invitee.post(
        reverse("communities:answer-invitation", args=[community.pk]), {"decision": "accept"}
    )
    assert status(people["outsider"], discussion.url) == 200


def test_a_removed_member_follows_their_notification_to_a_message_not_a_404(private, people):
    community, discussion = private[Visibility.SECRET]
    client_for(people["lead"]).post(
        reverse("communities:remove-member", args=[community.pk]),
        {"person": people["member"].pk, "reason": "The project ended for Mel."},
    )
    notification = Notification.objects.get(recipient=people["member"])
    removed = client_for(people["member"])
    response = removed.get(notification.link, follow=True)
    assert response.redirect_chain[-1][0] == reverse("communities:index")
    assert f"You no longer have access to “{community.title}”." in response.text
    assert discussion.title not in response.text
    assert community.purpose not in response.text
    # Anyone else still finds nothing at that address.
    assert status(people["outsider"], notification.link) == 404


def test_emails_reach_its_readers_only(private, people):
    _community, discussion = private[Visibility.SECRET]
    client_for(people["lead"]).post(
        reverse("conversation:post", args=[discussion.pk]),
        {"body": "Ready for Monday, @mel and @otto?"},
    )
    mail.outbox.clear()
    send_pending_emails(delay=timedelta(0))
    assert [email.to for email in mail.outbox] == [[people["member"].email]]


def test_wagtails_privacy_dialog_cannot_open_a_private_community(
    private, people, django_capture_on_commit_callbacks
):
    community, discussion = private[Visibility.CLOSED]
    lead = client_for(people["lead"])
    with django_capture_on_commit_callbacks(execute=True):
        response = lead.post(
            reverse("wagtailadmin_pages:set_privacy", args=[community.pk]),
            {"restriction_type": "none"},
        )
    assert response.status_code == 200
    assert status(people["outsider"], discussion.url) == 404
    assert status(people["member"], discussion.url) == 200


def test_the_admins_page_chooser_and_explorer_leave_a_secret_community_out(private, people, home):
    community, discussion = private[Visibility.SECRET]
    editor = UserFactory(username="carl")
    editor.groups.add(Group.objects.get(name="Communicators"))
    for who, found in ((editor, False), (people["lead"], True), (people["admin"], True)):
        client = client_for(who)
        chooser = client.get(reverse("wagtailadmin_choose_page_search"), {"q": "plans"}).text
        assert (discussion.title in chooser) == found, who
        browse = client.get(reverse("wagtailadmin_choose_page_child", args=[home.pk])).text
        assert (community.title in browse) == found, who
        explorer = client.get(reverse("wagtailadmin_explore", args=[home.pk])).text
        assert (community.title in explorer) == found, who


def test_the_admin_answers_not_found_at_a_secret_communitys_id(private, people, make_community):
    """A lead of two communities explores from the home page; a secret one's id is not theirs."""
    community, discussion = private[Visibility.SECRET]
    other_lead = UserFactory(username="tess")
    for title in ("Open one", "Open two"):
        make_community(title=title, lead=other_lead)
    for _revision in range(2):
        discussion.save_revision()
    collection = community.team_access.collection
    image = wagtail_factories.ImageFactory(collection=collection, title="Aurora mockup")
    document = wagtail_factories.DocumentFactory(collection=collection, title="Aurora plan")
    bulk = "/admin/bulk/{}/{}/{}/?id={}"
    addresses = {
        reverse("wagtailadmin_explore", args=[community.pk]): community.title,
        reverse("wagtailadmin_explore", args=[discussion.pk]): community.title,
        reverse("wagtailadmin_choose_page_child", args=[community.pk]): community.title,
        reverse("wagtailadmin_pages:history", args=[community.pk]): community.title,
        reverse("wagtailadmin_pages:usage", args=[discussion.pk]): community.title,
        reverse("wagtailadmin_pages:move", args=[discussion.pk]): discussion.title,
        reverse(
            "wagtailadmin_pages:revisions_compare", args=[discussion.pk, "earliest", "latest"]
        ): discussion.title,
        bulk.format("wagtailcore", "page", "publish", discussion.pk): discussion.title,
        bulk.format("wagtailimages", "image", "delete", image.pk): image.title,
        bulk.format("wagtaildocs", "document", "add_to_collection", document.pk): document.title,
        reverse("wagtailimages:edit", args=[image.pk]): image.title,
        reverse("wagtaildocs:edit", args=[document.pk]): document.title,
    }
    for who, kept_out in ((other_lead, True), (people["lead"], False), (people["admin"], False)):
        client = client_for(who)
        for address, title in addresses.items():
            response = client.get(address)
            if kept_out:
                # The admin's own answer for an id that does not exist.
                assert response.status_code == 404, (who, address)
                assert "wagtailadmin/404.html" in [t.name for t in response.templates]
                assert "no-cache" in response["Cache-Control"]
            assert (title in response.text) != kept_out, (who, address)


def test_nobody_is_made_a_member_below_a_closed_community_they_cannot_read(
    private, people, make_community
):
    parent, _discussion = private[Visibility.CLOSED]
    below = make_community(parent=parent, title="Closed room's working group", lead=people["lead"])
    lead = client_for(people["lead"])
    for action, data in (
        ("communities:add-member", {"person": people["outsider"].pk}),
        ("communities:invite", {"person": people["outsider"].pk, "message": "Join us"}),
    ):
        response = lead.post(reverse(action, args=[below.pk]), data, follow=True)
        assert f"must belong to “{parent.title}” first" in response.text, action
    assert not Membership.objects.filter(user=people["outsider"], community=below).exists()
    assert not Invitation.objects.filter(user=people["outsider"], community=below).exists()
    # A member of the closed community is added below it.
    lead.post(reverse("communities:add-member", args=[below.pk]), {"person": people["member"].pk})
    assert Membership.objects.filter(user=people["member"], community=below).exists()


def test_the_editor_warns_of_a_team_member_who_cannot_read_the_community(
    private, people, make_community
):
    parent, _discussion = private[Visibility.CLOSED]
    below = make_community(parent=parent, title="Working group", lead=people["lead"])
    CommunityTeamMemberFactory(page=below, user=people["outsider"], discipline=Discipline.IT)
    publish(below)
    edit = client_for(people["admin"]).get(reverse("wagtailadmin_pages:edit", args=[below.pk]))
    warnings = [str(message) for message in edit.context["messages"]]
    # Otto alone: the lead reads the closed community above.
    cannot_read = [warning for warning in warnings if "cannot read this community" in warning]
    assert len(cannot_read) == 1, warnings
    assert f"it is part of “{parent.title}”" in cannot_read[0]


def test_an_open_community_below_a_closed_one_says_who_reads_it(private, people, make_community):
    parent, _discussion = private[Visibility.CLOSED]
    below = make_community(parent=parent, title="Offsite", lead=people["lead"])
    page = client_for(people["member"]).get(below.url).text
    assert f"Open to those who read “{parent.title}”" in html.unescape(page)
    assert "Open to everyone" not in page
    edit = client_for(people["admin"]).get(reverse("wagtailadmin_pages:edit", args=[below.pk]))
    notes = [str(message) for message in edit.context["messages"]]
    assert any(f"is inside “{parent.title}”, which is not open" in note for note in notes), notes
    # An open community at the top says so.
    top = make_community(title="Everyone's", lead=people["lead"])
    assert "Open to everyone" in client_for(people["member"]).get(top.url).text


def test_a_member_removed_from_a_closed_community_leaves_those_below_it(
    private, people, make_community
):
    parent, _discussion = private[Visibility.CLOSED]
    below = make_community(parent=parent, title="Offsite", lead=people["lead"])
    elsewhere = make_community(title="Runners", lead=people["lead"])
    for community in (below, elsewhere):
        MembershipFactory(user=people["member"], community=community)
    client_for(people["lead"]).post(
        reverse("communities:remove-member", args=[parent.pk]),
        {"person": people["member"].pk, "reason": "Left management"},
    )
    assert set(
        Membership.objects.filter(user=people["member"]).values_list("community__title", flat=True)
    ) == {"Runners", "The secret room"}
    assert below.membership_events.filter(person=people["member"], action="left").exists()
