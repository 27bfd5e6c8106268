"""The ranking adds weighted scores from any number of sources."""

import datetime
import re

from django.utils import timezone

from communities.factories import DiscussionPageFactory
from conversation import services as conversation
from home.popularity import rank, view_scores, weighted_scores
from insights.models import PageDay, PageView
from insights.rollups import rollup_day
from intranet.factories import UserFactory
from tests.communities.conftest import publish


def test_rank_weighs_and_adds_every_source():
    comments = {1: 2.0, 2: 1.0}
    reactions = {2: 4.0, 3: 1.0}
    views = {3: 100.0}
    assert rank([(comments, 3.0), (reactions, 1.0)]) == [2, 1, 3]
    # Another source is one more pair: page views put page 3 first.
    assert rank([(comments, 3.0), (reactions, 1.0), (views, 0.1)]) == [3, 2, 1]


def test_ties_go_to_the_newer_page_and_nothing_scores_nothing():
    assert rank([({4: 1.0, 9: 1.0, 5: 0.0}, 1.0)]) == [9, 4]
    assert rank([]) == []


def _views(page, day, readers):
    PageView.objects.bulk_create(
        [PageView(user=UserFactory(), page=page, day=day) for _n in range(readers)]
    )


def test_views_are_read_from_the_roll_ups_and_from_the_days_not_rolled_up(
    make_community, owner, home
):
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    community = make_community(lead=owner)
    read = publish(DiscussionPageFactory(parent=community, title="Read"))
    _views(read, today, 2)
    _views(read, today - day, 3)  # not rolled up yet: read raw
    _views(read, today - 2 * day, 4)  # rolled up below
    _views(read, today - 8 * day, 50)  # before the week
    rollup_day(today - 2 * day)
    rollup_day(today - 8 * day)
    # A rolled-up day is read from its roll-up only: raw rows of it are not counted again.
    assert PageDay.objects.get(page=read, day=today - 2 * day).views == 4
    # The home page and the community are visited on the way elsewhere: not counted.
    _views(home, today, 20)
    _views(community, today, 20)
    since = timezone.now() - datetime.timedelta(days=7)
    assert weighted_scores([(view_scores, 1.0)], since) == {read.pk: 9.0}


def test_a_much_read_guide_is_popular_but_a_comment_weighs_more_than_a_few_readers(
    client, make_community, make_guide, owner, employee
):
    today = timezone.localdate()
    community = make_community(lead=owner)
    talked_about = publish(DiscussionPageFactory(parent=community, title="Talked about"))
    conversation.post_comment(UserFactory(), talked_about, "A comment")
    read_a_little = make_guide(title="Read a little")
    read_a_lot = make_guide(title="Read a lot")
    _views(read_a_little, today, 5)
    _views(read_a_lot, today, 30)
    client.force_login(employee)
    page = client.get("/").content.decode()
    section = page.split('id="popular-heading"')[1].split("</section>")[0]
    assert re.findall(r'<li><a href="[^"]+">([^<]+)</a>', section) == [
        "Read a lot",
        "Talked about",
        "Read a little",
    ]
