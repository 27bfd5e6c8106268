"""Lists and notifications show nothing of a view-restricted community to whoever does not
pass its restriction, and all of it to whoever does.

The world: tests/attack/restricted/conftest.py. Otto is the outsider; Mia is in
the board's group and gives the vault's password when a test says so.
"""

import re
from datetime import timedelta

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from wagtail.models import PageViewRestriction

from communities.factories import MembershipFactory
from guides.models import GuidePage
from intranet.factories import UserFactory
from notifications.models import EmailFrequency, Notification, PageFollow, PersonFollow
from notifications.services import send_digests, send_pending_emails
from tests.attack.restricted.conftest import give_the_password, signed_in


def shows(client, url, page) -> bool:
    """Whether the page at `url` links to `page`."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return f'href="{page.url}"' in response.content.decode()


def test_a_sub_community_list_leaves_out_what_the_reader_may_not_open(world, restricted, db):
    parent = world.pages["parent"].url
    board, vault = restricted.pages["Board"], restricted.pages["Vault"]
    otto = signed_in(restricted.users["otto"])
    mia = signed_in(restricted.users["mia"])
    # The lists are kept for readers kept out of the same places: each asks in turn.
    assert not shows(otto, parent, board)
    assert not shows(otto, parent, vault)
    assert shows(mia, parent, board)
    assert not shows(mia, parent, vault)
    give_the_password(mia, restricted)
    assert shows(mia, parent, vault)
    assert not shows(otto, parent, vault)
    # What is inside a community the reader opens is left out the same way.
    restricted_sub = restricted.pages["Board sub"]
    PageViewRestriction.objects.create(
        page=restricted_sub, restriction_type=PageViewRestriction.PASSWORD, password="inner"
    )
    assert not shows(mia, board.url, restricted_sub)


def test_my_communities_leave_out_one_the_member_no_longer_opens(world, restricted, db):
    mia = signed_in(restricted.users["mia"])
    index = reverse("communities:index")
    assert shows(mia, index, restricted.pages["Board"])
    assert not shows(mia, index, restricted.pages["Vault"])
    give_the_password(mia, restricted)
    assert shows(mia, index, restricted.pages["Vault"])


def test_the_directory_neither_offers_nor_filters_by_a_community_the_reader_may_not_open(
    world, restricted, db
):
    board = restricted.pages["Board"]
    option = re.compile(f'<option value="{board.pk}"( selected)?>')
    filtered = reverse("people:directory") + f"?community={board.pk}"
    otto = signed_in(restricted.users["otto"])
    assert not option.search(otto.get(reverse("people:directory")).content.decode())
    response = otto.get(filtered).content.decode()
    # The filter is dropped, with a message, and everyone is listed: nothing tells
    # who belongs to the board.
    assert not option.search(response)
    assert "Select a valid choice" in response
    assert "Erin" in response
    mia = signed_in(restricted.users["mia"])
    response = mia.get(filtered).content.decode()
    assert option.search(response)
    assert "Mia" in response
    assert "Erin" not in response


def test_a_person_s_page_shows_no_discussion_nor_community_behind_a_restriction(
    world, restricted, db
):
    # Cora shares the board alone with Mia: she is no colleague to know on Mia's page.
    cora = UserFactory(username="cora", first_name="Cora")
    MembershipFactory(user=cora, community=restricted.pages["Board"])
    otto = signed_in(restricted.users["otto"])
    response = otto.get(reverse("people:person", args=["mia"])).content.decode()
    assert "Secret plans" not in response
    assert f'href="{restricted.pages["Board"].url}"' not in response
    assert "Cora" not in response
    # A discussion anyone may read is listed, so the test could fail.
    assert (
        "In B"
        in signed_in(world.users["sam"])
        .get(reverse("people:person", args=["erin"]))
        .content.decode()
    )


def test_a_follower_of_the_author_hears_nothing_of_a_restricted_discussion(world, restricted, db):
    otto = restricted.users["otto"]
    PersonFollow.objects.create(user=otto, person=restricted.users["mia"])
    mia = signed_in(restricted.users["mia"])
    board = restricted.pages["Board"]
    response = mia.post(
        reverse("communities:start-discussion", args=[board.pk]),
        {"title": "Board minutes", "body": "The minutes of the last board meeting."},
    )
    assert response.status_code == 302
    assert not Notification.objects.filter(recipient=otto).exists()


def test_an_email_waiting_about_a_page_that_went_private_is_not_sent(world, restricted, db):
    """Otto follows a discussion, a comment on it waits to be emailed to him, then its
    community goes behind a password: the email does not go out."""
    otto = restricted.users["otto"]
    discussion = world.pages["discussion in B"]
    PageFollow.objects.create(user=otto, page=discussion)
    sam = signed_in(world.users["sam"])
    response = sam.post(
        reverse("conversation:post", args=[discussion.pk]), {"body": "The budget is 3 million."}
    )
    assert response.status_code == 302
    assert Notification.objects.filter(recipient=otto, emailed_at__isnull=True).exists()
    PageViewRestriction.objects.create(
        page=world.pages["B"], restriction_type=PageViewRestriction.PASSWORD, password="b"
    )
    mail.outbox.clear()
    send_pending_emails(delay=timedelta(0))
    assert [message for message in mail.outbox if "3 million" in message.body] == []


def test_news_of_a_discussion_in_a_community_gone_private_is_neither_listed_nor_sent(
    world, restricted, db
):
    """Otto belongs to B when Sam starts a discussion there; then B goes behind a password.
    His notification centre and his daily digest say nothing of it."""
    otto = restricted.users["otto"]
    b = world.pages["B"]
    MembershipFactory(user=otto, community=b)
    MembershipFactory(user=world.users["sam"], community=b)
    response = signed_in(world.users["sam"]).post(
        reverse("communities:start-discussion", args=[b.pk]),
        {"title": "Budget talks", "body": "Shall we talk about the budget?"},
    )
    assert response.status_code == 302
    assert Notification.objects.filter(recipient=otto, title__contains="Budget talks").exists()
    assert "Budget talks" in signed_in(otto).get(reverse("notifications:list")).content.decode()

    PageViewRestriction.objects.create(
        page=b, restriction_type=PageViewRestriction.PASSWORD, password="b"
    )
    otto_client = signed_in(otto)
    assert "Budget talks" not in otto_client.get(reverse("notifications:list")).content.decode()
    assert "Budget talks" not in otto_client.get(reverse("notifications:latest")).content.decode()
    news = Notification.objects.get(recipient=otto, title__contains="Budget talks")
    assert otto_client.get(reverse("notifications:open", args=[news.pk])).status_code == 404
    mail.outbox.clear()
    send_digests(EmailFrequency.DAILY, now=timezone.now() + timedelta(days=1))
    assert [message for message in mail.outbox if "Budget talks" in message.body] == []


def test_a_person_s_page_lists_no_guide_they_look_after_behind_a_restriction(world, restricted, db):
    guide = GuidePage.objects.get(pk=restricted.pages["guide in Board"].pk)
    guide.content_owner = restricted.users["bea"]
    guide.save_revision().publish()
    page = signed_in(world.users["sam"]).get(reverse("people:person", args=["bea"]))
    assert page.status_code == 200
    assert guide.title not in page.content.decode()
