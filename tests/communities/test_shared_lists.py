"""A community page's lists are rendered once for every reader, and cached only while they hold."""

import re

from wagtail.models import Site

from communities import services
from communities.factories import DiscussionPageFactory
from communities.models import CommunityPage, DiscussionPage
from communities.queries import DISCUSSIONS_PER_PAGE
from conversation.factories import CommentFactory
from conversation.services import post_comment
from guides.factories import GuideCompletionFactory, GuideIndexPageFactory
from intranet.factories import UserFactory
from tests.communities.conftest import publish
from tests.guides.conftest import guides_index, make_guide  # noqa: F401
from tests.helpers import page_and_queries_naming


def view(client, user, url):
    client.force_login(user)
    return page_and_queries_naming(client, url, 'FROM "communities_membership"')


def test_a_second_reader_gets_the_cached_lists_and_their_own_join_button(
    client, make_community, owner
):
    community = make_community(title="Runners", lead=owner)
    member, visitor = UserFactory(), UserFactory()
    services.join_community(member, community)
    DiscussionPageFactory(parent=community, title="Sunday 10k?")

    html, reads = view(client, member, community.url)
    assert "Sunday 10k?" in html
    assert "Leave this community" in html
    rendering = len(reads)

    html, reads = view(client, visitor, community.url)
    assert "Sunday 10k?" in html
    assert "1 member" in html
    assert "Join this community" in html
    # Only whether the visitor is a member is read; the lists come cached.
    assert len(reads) == 1 < rendering


def test_what_changes_the_lists_is_seen_on_the_next_view(client, make_community, owner, home):
    community = make_community(title="Runners", lead=owner)
    # Made first: a new account changes the lists too (the "profiles" stamp).
    reader, joiner = UserFactory(), UserFactory()
    discussion = DiscussionPageFactory(parent=community, title="Sunday 10k?")
    assert "0 members" in view(client, reader, community.url)[0]

    services.join_community(joiner, community)
    assert "1 member" in view(client, reader, community.url)[0]

    publish(DiscussionPageFactory(parent=community, title="Trail shoes"))
    assert "Trail shoes" in view(client, reader, community.url)[0]

    CommentFactory(page=discussion, user=joiner)
    assert "1 comment" in view(client, reader, community.url)[0]

    owner.profile.display_name = "Olivia Renamed"
    owner.profile.save()
    assert "Olivia Renamed" in view(client, reader, community.url)[0]

    make_community(parent=community, title="Trail runners")
    assert "Trail runners" in view(client, reader, community.url)[0]


def test_a_comment_and_a_join_show_at_once_in_the_community_and_the_one_above(
    client, make_community, owner
):
    runners = make_community(title="Runners", lead=owner)
    trail = make_community(parent=runners, title="Trail runners")
    discussion = DiscussionPageFactory(parent=trail, title="Muddy shoes")
    reader, joiner = UserFactory(), UserFactory()
    assert "0 comments" in view(client, reader, trail.url)[0]
    assert "0 members" in view(client, reader, runners.url)[0]

    post_comment(joiner, discussion, "Newspaper inside, overnight.")
    assert "1 comment" in view(client, reader, trail.url)[0]

    services.join_community(joiner, trail)
    html = view(client, reader, trail.url)[0]
    assert re.search(r"1 member\s+·", html)
    assert "See the 1 member" in html
    # Runners has no member of its own: its list of sub-communities counts Trail runners'.
    html = view(client, reader, runners.url)[0]
    assert re.search(r"0 members\s+·", html)
    assert "1 member</p>" in html


def test_a_comment_a_join_or_a_completion_in_one_community_leaves_anothers_lists_cached(
    client,
    make_community,
    make_guide,  # noqa: F811 (a fixture imported above)
    owner,
):
    runners, chess = make_community(title="Runners", lead=owner), make_community(title="Chess")
    blitz = make_community(parent=chess, title="Blitz")
    running = DiscussionPageFactory(parent=runners, title="Sunday 10k?")
    pacing = make_guide(parent=GuideIndexPageFactory(parent=runners), title="Pacing")
    opening = DiscussionPageFactory(parent=chess, title="Best opening?")
    reader, joiner = UserFactory(), UserFactory()
    html = view(client, reader, chess.url)[0]
    assert "Best opening?" in html
    assert "Blitz" in html
    # Changed without a signal: only a render of Chess's lists can show it.
    DiscussionPage.objects.filter(pk=opening.pk).update(title="Best defence?")
    CommunityPage.objects.filter(pk=blitz.pk).update(title="Bullet")

    post_comment(joiner, running, "I'm in.")
    services.join_community(joiner, runners)
    GuideCompletionFactory(guide=pacing, user=joiner)
    html = view(client, reader, chess.url)[0]
    assert "Best opening?" in html
    assert "Blitz" in html

    post_comment(joiner, opening, "The Sicilian.")
    html = view(client, reader, chess.url)[0]
    assert "Best defence?" in html
    assert "Bullet" in html


def test_a_guide_completed_is_counted_on_the_next_view(
    client,
    make_community,
    make_guide,  # noqa: F811 (a fixture imported above)
    owner,
):
    community = make_community(title="Runners", lead=owner)
    guide = make_guide(parent=GuideIndexPageFactory(parent=community), title="Pacing")
    reader = UserFactory()
    assert "completed by 0 people" in view(client, reader, community.url)[0]
    GuideCompletionFactory(guide=guide, user=reader)
    assert "completed by 1 person" in view(client, reader, community.url)[0]


def test_with_two_sites_the_cached_lists_link_within_the_readers_site(
    client, make_community, owner, home
):
    community = make_community(title="Runners", lead=owner)
    publish(DiscussionPageFactory(parent=community, title="Sunday 10k?"))
    Site.objects.create(hostname="elsewhere.example", root_page=home, is_default_site=False)
    html = view(client, UserFactory(), community.url)[0]
    link = re.search(r'href="([^"]+)">Sunday 10k\?</a>', html).group(1)
    assert link.startswith("/"), link


def test_a_page_number_past_the_last_shows_the_last_page_as_cached_under_its_number(
    client, make_community, owner
):
    community = make_community(title="Runners", lead=owner)
    DiscussionPageFactory.create_batch(DISCUSSIONS_PER_PAGE + 1, parent=community)
    first, second = UserFactory(), UserFactory()
    html, reads = view(client, first, f"{community.url}?page=999")
    assert "Page 2 of 2" in html
    # What 999 showed is page 2: its next reader is served it with only their own read.
    html, reads = view(client, second, f"{community.url}?page=2")
    assert "Page 2 of 2" in html
    assert len(reads) == 1


def test_each_site_gets_lists_of_its_own(client, make_community, owner, home, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "elsewhere.example"]
    community = make_community(title="Runners", lead=owner)
    Site.objects.create(hostname="elsewhere.example", root_page=home, is_default_site=False)
    reader = UserFactory()
    view(client, reader, community.url)
    assert len(view(client, reader, community.url)[1]) == 1
    client.force_login(reader)
    html, reads = page_and_queries_naming(
        client, community.url, 'FROM "communities_membership"', HTTP_HOST="elsewhere.example"
    )
    assert "Runners" in html
    assert len(reads) > 1, "another site's lists are rendered for it"
