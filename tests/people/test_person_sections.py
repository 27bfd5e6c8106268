"""A person's page shows the same sections to every reader, as their data stands."""

import re

from django.test import Client
from django.urls import reverse

from wagtail.models import Site

from communities import services as communities
from communities.factories import CommunityPageFactory, DiscussionPageFactory
from conversation import services as conversation
from conversation.factories import CommentFactory
from intranet.factories import UserFactory
from people import services as people
from tests.communities.conftest import publish
from tests.helpers import page_and_queries_naming


def read(user, person):
    client = Client()
    client.force_login(user)
    return page_and_queries_naming(
        client, reverse("people:person", args=[person.username]), 'FROM "communities_membership"'
    )


def sections(html):
    """The person's communities, discussions, guides and comments."""
    start = html.index('<div class="grid">')
    return html[start : html.index("</div>", start)]


def test_two_readers_are_shown_the_same_sections(home):
    person, first, second = UserFactory(), UserFactory(first_name="Ada"), UserFactory()
    communities.join_community(person, publish(CommunityPageFactory(parent=home, title="Runners")))
    first_html, _reads = read(first, person)
    second_html, _reads = read(second, person)
    assert "Runners" in sections(second_html)
    assert sections(first_html) == sections(second_html)


def test_what_changes_the_sections_is_seen_on_the_next_view(home):
    # Every account made first: a new one changes the sections too (a name shown).
    person, reader, moderator = UserFactory(), UserFactory(), UserFactory(is_superuser=True)
    community = publish(CommunityPageFactory(parent=home, title="Runners"))
    discussion = publish(DiscussionPageFactory(parent=community, title="Sunday 10k?"))
    assert "Not in any community yet." in read(reader, person)[0]

    communities.join_community(person, community)
    assert "Not in any community yet." not in read(reader, person)[0]

    comment = CommentFactory(page=discussion, user=person, comment="See you at nine")
    assert "See you at nine" in read(reader, person)[0]
    conversation.hide_comment(moderator, comment)
    assert "See you at nine" not in read(reader, person)[0]

    communities.start_discussion(person, community, "Trail shoes", "Which ones?")
    assert "Trail shoes" in read(reader, person)[0]

    people.update_profile(person, person.profile, {"bio": "I run on Sundays."}, ["running"])
    html = read(reader, person)[0]
    assert "I run on Sundays." in html
    assert "running" in html


def test_each_site_gets_sections_of_its_own(home, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "elsewhere.example"]
    Site.objects.create(hostname="elsewhere.example", root_page=home, is_default_site=False)
    person, reader = UserFactory(), UserFactory()
    communities.join_community(person, publish(CommunityPageFactory(parent=home, title="Runners")))
    read(reader, person)
    assert read(reader, person)[1] == []
    client = Client()
    client.force_login(reader)
    html, reads = page_and_queries_naming(
        client,
        reverse("people:person", args=[person.username]),
        'FROM "communities_membership"',
        HTTP_HOST="elsewhere.example",
    )
    assert "Runners" in html
    assert reads, "another site's sections are rendered for it"
    # Written for the reader's own site: relative, not another site's full address.
    assert re.search(r'href="/[^"]*">Runners</a>', html)


def test_the_sections_come_in_their_hooks_order(home):
    person, reader = UserFactory(), UserFactory()
    headings = re.findall(r'<h2 id="[a-z-]+">([^<]*)</h2>', sections(read(reader, person)[0]))
    assert headings == [
        "Communities",
        "Recent discussions",
        "Guides they look after",
        "Recent comments",
    ]
