"""The personal home page: each block shows what is meant for the person reading it."""

import datetime
import re

import pytest

from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wagtail.models import PageViewRestriction

from communities.factories import DiscussionPageFactory, MembershipFactory
from communities.membership import remove_member
from communities.models import DiscussionPage, MembershipPolicy, Visibility
from communities.services import start_discussion
from conversation import services as conversation
from guides import services as guides
from guides.models import AudienceCode, GuideCompletion
from home import queries as home_queries
from home import services as home_services
from home.models import FeaturedItem
from insights import services as insights
from insights.factories import SuggestionFactory
from insights.models import Event, EventKind, SuggestionStatus
from insights.rollups import rollup_day
from intranet.factories import UserFactory
from intranet.roles import COMMUNICATORS
from notifications.factories import PageFollowFactory, PersonFollowFactory
from tests.communities.conftest import publish


def text_of(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def feed_titles(client) -> list[str]:
    page = client.get("/").content.decode()
    section = page.split('id="feed-heading"')[1].split("</section>")[0]
    return re.findall(r'class="item-list__title" href="[^"]+">([^<]+)</a>', section)


def test_the_welcome_links_to_the_purpose_guide(client, home, make_guide, old_hand):
    purpose = make_guide(title="Why we have this intranet")
    home.purpose_page = purpose
    publish(home)
    client.force_login(old_hand)
    page = client.get("/").content.decode()
    assert "Hello, Priya" in page
    assert f'<a href="{purpose.url}">Why we have this intranet</a>' in page


def test_a_new_joiner_sees_the_onboarding_path_progress_and_must_reads(
    client, home, make_guide, make_path, employee, old_hand
):
    first, second, third = (make_guide(title=f"Step {n}") for n in (1, 2, 3))
    path = make_path([first, second, third], title="Welcome to the intranet")
    home.onboarding_path = path
    publish(home)
    must = make_guide(title="Code of conduct", must_read=True, audiences=[AudienceCode.EVERYONE])
    GuideCompletion.objects.create(user=employee, guide=first)

    client.force_login(employee)
    page = text_of(client.get("/"))
    assert "Your first steps: Welcome to the intranet" in page
    assert "1 of 3 guides completed" in page
    assert "Continue with Step 2" in page
    assert "Code of conduct" in page

    # Someone who joined long ago sees the must-read, not the onboarding.
    client.force_login(old_hand)
    page = text_of(client.get("/"))
    assert "Your first steps" not in page
    assert "Code of conduct" in page
    assert must


def test_the_feed_has_my_communities_and_whom_and_what_i_follow(
    client, make_community, owner, employee
):
    mine = make_community(title="Finance", lead=owner)
    other = make_community(title="Facilities", lead=owner)
    MembershipFactory(user=employee, community=mine)
    followed_person = UserFactory()
    PersonFollowFactory(user=employee, person=followed_person)
    publish(DiscussionPageFactory(parent=mine, title="Budget questions"))
    publish(DiscussionPageFactory(parent=other, title="Parking spaces"))
    publish(DiscussionPageFactory(parent=other, title="Bike racks", author=followed_person))
    followed = publish(DiscussionPageFactory(parent=other, title="Lift repairs"))
    PageFollowFactory(user=employee, page=followed)

    client.force_login(employee)
    titles = feed_titles(client)
    assert set(titles) == {"Budget questions", "Bike racks", "Lift repairs"}
    # Latest activity first: a new comment brings a discussion to the top.
    conversation.post_comment(UserFactory(), followed, "Fixed on Monday")
    assert feed_titles(client)[0] == "Lift repairs"


@pytest.mark.parametrize("window", [2, 10, 80])
def test_someone_following_many_discussions_sees_the_latest_activity_first(
    client, make_community, owner, employee, monkeypatch, window
):
    """However many newest comments the feed first reads (`FEED_WINDOW`), it shows the
    same discussions in the same order: a new one, a hot thread, then by latest comment."""
    monkeypatch.setattr(home_queries, "FEED_WINDOW", window)
    mine = make_community(title="Finance", lead=owner)
    MembershipFactory(user=employee, community=mine)
    discussions = [
        publish(DiscussionPageFactory(parent=mine, title=f"Topic {n}")) for n in range(12)
    ]
    for discussion in reversed(discussions):
        conversation.post_comment(UserFactory(), discussion, "A first answer")
    for text in ("Another", "And another"):
        conversation.post_comment(UserFactory(), discussions[5], text)
    publish(DiscussionPageFactory(parent=mine, title="Topic new"))

    client.force_login(employee)
    assert feed_titles(client) == [
        "Topic new",
        "Topic 5",
        "Topic 0",
        "Topic 1",
        "Topic 2",
        "Topic 3",
        "Topic 4",
        "Topic 6",
    ]


def test_two_readers_one_after_the_other_each_see_their_own_feed(
    client, make_community, owner, employee, old_hand
):
    finance, sales = (make_community(title=title, lead=owner) for title in ("Finance", "Sales"))
    MembershipFactory(user=employee, community=finance)
    MembershipFactory(user=old_hand, community=sales)
    start_discussion(owner, finance, "Quarter close", "When does the quarter close?")
    start_discussion(owner, sales, "Pipeline review", "Who has the numbers?")
    for _round in range(2):
        client.force_login(employee)
        assert feed_titles(client) == ["Quarter close"]
        client.force_login(old_hand)
        assert feed_titles(client) == ["Pipeline review"]


def test_a_new_discussion_shows_up_at_once_despite_the_cache(
    client, make_community, owner, employee
):
    community = make_community(title="Finance", lead=owner)
    MembershipFactory(user=employee, community=community)
    client.force_login(employee)
    assert feed_titles(client) == []
    start_discussion(owner, community, "Quarter close", "When does the quarter close?")
    assert feed_titles(client) == ["Quarter close"]
    # Joining a community is seen at once too.
    elsewhere = make_community(title="Sales", lead=owner)
    publish(DiscussionPageFactory(parent=elsewhere, title="Pipeline review"))
    MembershipFactory(user=employee, community=elsewhere)
    assert "Pipeline review" in feed_titles(client)


def test_a_discussion_made_private_leaves_the_feed_at_once(client, make_community, owner, employee):
    community = make_community(title="Finance", lead=owner)
    MembershipFactory(user=employee, community=community)
    start_discussion(owner, community, "Quarter close", "When does the quarter close?")
    client.force_login(employee)
    assert feed_titles(client) == ["Quarter close"]
    restriction = PageViewRestriction.objects.create(
        page=community, restriction_type=PageViewRestriction.PASSWORD, password="ledger"
    )
    assert feed_titles(client) == []
    restriction.delete()
    assert feed_titles(client) == ["Quarter close"]


def test_a_member_follows_a_secret_community_in_the_feed_until_removed(
    client, make_community, owner, employee
):
    secret = make_community(title="Aurora", lead=owner, visibility=Visibility.SECRET)
    MembershipFactory(user=employee, community=secret)
    start_discussion(owner, secret, "Launch plan", "What ships first?")
    client.force_login(employee)
    assert feed_titles(client) == ["Launch plan"]
    remove_member(owner, employee, secret, reason="Project staffing changed")
    assert feed_titles(client) == []
    # Following the thread does not bring it back to someone outside.
    PageFollowFactory(user=employee, page=DiscussionPage.objects.get(title="Launch plan"))
    assert feed_titles(client) == []


def test_an_alias_of_a_private_discussion_stays_out_of_the_feed(
    client, make_community, owner, employee
):
    """An alias shows its source's content, and takes its source's privacy wherever it sits."""
    board = make_community(title="Board", lead=owner)
    secret = start_discussion(owner, board, "Merger talks", "Who do we buy?")
    PageViewRestriction.objects.create(
        page=board, restriction_type=PageViewRestriction.PASSWORD, password="ledger"
    )
    finance = make_community(title="Finance", lead=owner)
    MembershipFactory(user=employee, community=finance)
    start_discussion(owner, finance, "Quarter close", "When does the quarter close?")
    client.force_login(employee)
    assert feed_titles(client) == ["Quarter close"]
    secret.create_alias(parent=finance, update_slug="merger-copy")
    assert feed_titles(client) == ["Quarter close"]


def test_the_private_places_are_read_once_for_all_the_home_pages_lists(
    client, make_community, owner, employee
):
    finance = make_community(title="Finance", lead=owner)
    MembershipFactory(user=employee, community=finance)
    discussion = start_discussion(owner, finance, "Quarter close", "When does it close?")
    conversation.post_comment(UserFactory(), discussion, "Friday.")
    make_community(title="Open to all", lead=owner)
    board = make_community(title="Board", lead=owner)
    PageViewRestriction.objects.create(
        page=board, restriction_type=PageViewRestriction.PASSWORD, password="ledger"
    )
    client.force_login(employee)
    client.get("/")
    # Every list rebuilt: the feed, popular this week, the recommended communities.
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    restrictions = [
        query["sql"]
        for query in queries.captured_queries
        if 'FROM "wagtailcore_pageviewrestriction" INNER JOIN "wagtailcore_page"' in query["sql"]
    ]
    # Once for the lists every reader shares, once for the feed, which is the reader's own.
    assert len(restrictions) == 2


def test_popular_this_week_ranks_comments_above_reactions(client, make_community, owner, employee):
    community = make_community(lead=owner)
    talked_about = publish(DiscussionPageFactory(parent=community, title="Talked about"))
    liked = publish(DiscussionPageFactory(parent=community, title="Liked"))
    publish(DiscussionPageFactory(parent=community, title="Quiet"))
    for _n in range(2):
        conversation.post_comment(UserFactory(), talked_about, "A comment")
    for _n in range(4):
        conversation.react_to_page(UserFactory(), liked, "like")
    client.force_login(employee)
    page = client.get("/").content.decode()
    section = page.split('id="popular-heading"')[1].split("</section>")[0]
    assert re.findall(r'<li><a href="[^"]+">([^<]+)</a>', section) == ["Talked about", "Liked"]


def _popular(client) -> str:
    page = client.get("/").content.decode()
    return page.split('id="popular-heading"')[1].split("</section>")[0]


def test_popular_this_week_is_built_again_when_its_lifetime_ends_not_on_each_comment(
    client, make_community, owner, employee
):
    community = make_community(lead=owner)
    talked_about = publish(DiscussionPageFactory(parent=community, title="Talked about"))
    conversation.post_comment(UserFactory(), talked_about, "A comment")
    client.force_login(employee)
    assert "1 comment" in _popular(client)
    # Comments and reactions come several a second on a busy day: each one
    # would build the ranking again for the next reader of the home page.
    conversation.post_comment(UserFactory(), talked_about, "Another comment")
    conversation.react_to_page(UserFactory(), talked_about, "like")
    assert "1 comment" in _popular(client)
    # A page published or unpublished is shown at once.
    publish(DiscussionPageFactory(parent=community, title="New")).unpublish()
    assert "2 comments" in _popular(client)


def test_featured_items_show_until_their_end_date(client, home, make_guide, employee):
    today = timezone.localdate()
    current = make_guide(title="Benefits enrolment")
    ended = make_guide(title="Last year's survey")
    FeaturedItem.objects.create(home=home, item=current, blurb="Open until Friday", sort_order=0)
    FeaturedItem.objects.create(
        home=home, item=ended, ends_on=today - datetime.timedelta(days=1), sort_order=1
    )
    client.force_login(employee)
    page = client.get("/").content.decode()
    assert "Benefits enrolment" in page and "Open until Friday" in page
    assert "Last year&#x27;s survey" not in page and "Last year's survey" not in page


def test_communities_are_recommended_from_department_expertise_and_colleagues(
    client, make_community, owner, employee
):
    employee.profile.department = "Finance"
    employee.profile.save()
    employee.profile.expertise.add("payroll")
    by_colleagues = make_community(title="Spreadsheets", lead=owner)
    by_topic = make_community(title="Pay and benefits", lead=owner)
    by_topic.topics.add("Payroll")
    publish(by_topic)
    joined = make_community(title="Already mine", lead=owner)
    joined.topics.add("payroll")
    publish(joined)
    closed = make_community(
        title="Board", lead=owner, membership_policy=MembershipPolicy.INVITATION
    )
    closed.topics.add("payroll")
    publish(closed)
    make_community(title="Unrelated", lead=owner)
    MembershipFactory(user=employee, community=joined)
    for _n in range(4):
        colleague = UserFactory()
        colleague.profile.department = "Finance"
        colleague.profile.save()
        MembershipFactory(user=colleague, community=by_colleagues)

    client.force_login(employee)
    page = text_of(client.get("/"))
    section = page.split('id="recommended-heading"')[1].split("</section>")[0]
    titles = re.findall(r'class="item-list__title" href="[^"]+">([^<]+)</a>', section)
    assert titles == ["Spreadsheets", "Pay and benefits"]
    assert "4 colleagues from Finance are members" in section
    assert "About Payroll" in section


def test_owners_see_unanswered_discussions_and_pages_due_for_review(
    client, make_community, owner, employee
):
    community = make_community(title="Finance", lead=owner)
    sub = make_community(title="Payroll team", parent=community)
    publish(DiscussionPageFactory(parent=sub, title="Nobody answered"))
    answered = publish(DiscussionPageFactory(parent=community, title="Answered"))
    conversation.post_comment(UserFactory(), answered, "Here you go")
    community.review_by = timezone.localdate() - datetime.timedelta(days=3)
    community.content_owner = owner
    publish(community)

    client.force_login(owner)
    page = text_of(client.get("/"))
    section = page.split('id="owner-heading"')[1].split("</section>")[0]
    assert "Nobody answered" in section
    assert "Answered" not in section.replace("Nobody answered", "")
    assert "Finance" in section and "overdue since" in section
    # Someone outside the team sees no such block.
    client.force_login(employee)
    assert 'id="owner-heading"' not in client.get("/").content.decode()


def test_communicators_see_guides_awaiting_review_but_not_their_own(
    client, guides_index, communicator, employee
):
    from guides.factories import GuidePageFactory

    guide = GuidePageFactory(parent=guides_index, title="Expenses how-to", live=False)
    author = UserFactory()
    guide.save_revision(user=author)
    guides_index.get_workflow().start(guide, author)
    client.force_login(communicator)
    page = text_of(client.get("/"))
    assert 'id="awaiting-heading"' in page and "Expenses how-to" in page
    client.force_login(employee)
    assert "Expenses how-to" not in client.get("/").content.decode()
    client.force_login(author)
    assert 'id="awaiting-heading"' not in client.get("/").content.decode()


@pytest.mark.django_db
def test_home_page_is_private(client):
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_owners_see_their_quiet_communities_as_soon_as_the_roll_up_finds_them(
    client, make_community, owner, employee, django_capture_on_commit_callbacks
):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    community = make_community(title="Finance", lead=owner)
    lively = make_community(title="Sales", lead=owner)
    make_community(title="Someone else's", lead=UserFactory())
    discussion = publish(DiscussionPageFactory(parent=lively, title="Pipeline"))
    Event.objects.create(kind=EventKind.DISCUSSION, page=discussion, day=yesterday)
    client.force_login(owner)
    # Nothing rolled up yet: nothing is measured, so nothing is quiet.
    assert "Quiet communities" not in client.get("/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        rollup_day(yesterday)
    page = text_of(client.get("/"))
    section = page.split('id="owner-heading"')[1].split("</section>")[0]
    quiet = section.split("Quiet communities")[1].split("</ul>")[0]
    summary_url = reverse("insights_summary", args=[community.pk])
    assert f'<a href="{community.url}">Finance</a>' in quiet
    assert f'<a href="{summary_url}">See its insights</a>' in quiet
    assert "Sales" not in quiet and "Someone else" not in quiet
    assert client.get(summary_url).status_code == 200
    # The insights link leads nowhere for someone outside the team.
    client.force_login(employee)
    assert client.get(summary_url).status_code in (302, 403)


def you_said_section(client) -> str | None:
    page = text_of(client.get("/"))
    if 'id="you-said-heading"' not in page:
        return None
    return page.split('id="you-said-heading"')[1].split("</section>")[0]


def test_the_latest_you_said_we_did_shows_and_follows_every_change(client, employee):
    client.force_login(employee)
    unanswered = SuggestionFactory(title="A cycling community", status=SuggestionStatus.PLANNED)
    assert you_said_section(client) is None

    unanswered.answer = "It opens next month."
    unanswered.save()
    section = you_said_section(client)
    assert "A cycling community" in section and "It opens next month." in section
    assert "Planned" in section and "0 votes" in section
    assert f'href="{reverse("insights:you-said-we-did")}"' in section

    insights.vote_for(employee, unanswered)
    assert "1 vote" in you_said_section(client)
    newer = SuggestionFactory(title="Fewer emails")
    newer.status, newer.answer = SuggestionStatus.DONE, "Digests are weekly now."
    newer.save()
    section = you_said_section(client)
    assert "Fewer emails" in section and "Done" in section
    assert "A cycling community" not in section


def test_the_cached_notices_follow_completions_acknowledgements_groups_and_the_tour(
    client, home, make_guide, make_path, employee, communicator
):
    # `communicator` makes the Communicators' group.
    first, second = make_guide(title="Step 1"), make_guide(title="Step 2")
    home.onboarding_path = make_path([first, second], title="Welcome")
    publish(home)
    everyone = make_guide(
        title="Code of conduct", must_read=True, audiences=[AudienceCode.EVERYONE]
    )
    make_guide(title="Tone of voice", must_read=True, audiences=[AudienceCode.COMMUNICATORS])
    client.force_login(employee)
    page = text_of(client.get("/"))
    assert "0 of 2 guides completed" in page
    assert "Code of conduct" in page
    assert "Tone of voice" not in page

    guides.complete_guide(employee, first)
    assert "1 of 2 guides completed" in text_of(client.get("/"))

    guides.acknowledge(employee, everyone)
    assert "Code of conduct" not in text_of(client.get("/"))
    guides.ask_again(everyone)
    assert "Code of conduct" in text_of(client.get("/"))

    employee.groups.add(Group.objects.get(name=COMMUNICATORS))
    assert "Tone of voice" in text_of(client.get("/"))

    tour = 'id="tour"'
    assert tour in client.get("/").content.decode()
    home_services.dismiss_tour(employee)
    assert tour not in client.get("/").content.decode()


def test_a_featured_page_behind_a_restriction_is_shown_to_nobody(
    client, home, make_community, owner, employee
):
    board = make_community(title="Board", lead=owner)
    merger = start_discussion(owner, board, "Merger talks", "Who do we buy?")
    FeaturedItem.objects.create(home=home, item=merger, blurb="Read this first", sort_order=0)
    PageViewRestriction.objects.create(
        page=board, restriction_type=PageViewRestriction.PASSWORD, password="ledger"
    )
    client.force_login(employee)
    page = client.get("/").content.decode()
    assert "Merger talks" not in page and "Read this first" not in page


def test_an_alias_made_in_a_community_joins_its_list_at_once(
    client, make_community, owner, employee
):
    finance = make_community(title="Finance", lead=owner)
    sales = make_community(title="Sales", lead=owner)
    targets = start_discussion(owner, sales, "Targets for the year", "What are they?")
    client.force_login(employee)
    assert "Targets for the year" not in client.get(finance.url).content.decode()
    targets.create_alias(parent=finance, update_slug="targets-copy")
    assert "Targets for the year" in client.get(finance.url).content.decode()
