"""`seed_demo --size large` builds a valid organisation; here at a tiny scale."""

from io import StringIO

import pytest

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.db.models import F

from wagtail.models import GroupPagePermission, Page

from benchmarks import large_data
from communities.models import CommunityPage, DiscussionPage, Membership, TeamAccess
from conversation.models import Comment, CommentReaction, PageReaction
from guides.models import GuidePage
from insights.models import CommunityDay, Event, PageView
from people.models import Profile

pytestmark = pytest.mark.django_db

SCALE = 0.002


@pytest.fixture
def built():
    # The migrations make the home page, the guides index and the groups it needs.
    return large_data.build(SCALE, stream=StringIO())


def generated_people():
    return get_user_model().objects.filter(email__endswith=f"@{large_data.EMAIL_DOMAIN}")


def test_it_builds_the_sizes_asked_for(built):
    sizes = large_data.Sizes.at(SCALE)
    assert generated_people().count() == sizes.people
    assert Profile.objects.filter(user__in=generated_people()).count() == sizes.people
    assert generated_people().filter(groups__name="Employees").count() == sizes.people
    communities = CommunityPage.objects.filter(owner__in=generated_people())
    assert communities.count() == sizes.communities
    home_depth = Page.objects.get(slug="home").depth
    assert {c.depth - home_depth for c in communities} == {1, 2, 3, 4}
    assert DiscussionPage.objects.filter(author__in=generated_people()).count() == (
        sizes.discussions
    )
    assert GuidePage.objects.filter(owner__in=generated_people()).count() == sizes.guides
    assert Comment.objects.filter(user__in=generated_people()).count() == sizes.comments
    assert CommentReaction.objects.filter(user__in=generated_people()).exists()
    assert f"{sizes.people} people" in str(built)


def test_comments_are_plain_text_as_employees_write_them(built):
    comments = Comment.objects.filter(user__in=generated_people())
    assert comments.exists()
    assert not comments.filter(comment__contains="<").exists()


def test_reactions_are_dated_as_what_they_answer_not_all_today(built):
    on_comments = CommentReaction.objects.filter(user__in=generated_people())
    assert not on_comments.exclude(reacted_at=F("comment__submit_date")).exists()
    on_pages = PageReaction.objects.filter(user__in=generated_people())
    assert on_pages.exists()
    assert not on_pages.filter(reacted_at__lt=F("page__first_published_at")).exists()
    days = {reaction.reacted_at.date() for reaction in [*on_comments, *on_pages]}
    assert len(days) > 1


def test_the_page_tree_is_valid_and_served(built, client):
    assert all(problems == [] for problems in Page.find_problems())
    client.force_login(generated_people().first())
    deepest = CommunityPage.objects.filter(owner__in=generated_people()).order_by("-depth")[0]
    thread = DiscussionPage.objects.get(title=large_data.BIG_THREAD_TITLE)
    guide = GuidePage.objects.filter(owner__in=generated_people()).first()
    for page in (deepest, thread, guide):
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert page.title in response.content.decode()
    # Indexed for search as saving each page would have.
    assert guide in GuidePage.objects.live().search(guide.title.split(" (")[0])


def test_every_team_gets_its_rights(built):
    for community in CommunityPage.objects.filter(owner__in=generated_people()):
        access = TeamAccess.objects.get(community=community)
        team = set(community.team_members.values_list("user_id", flat=True))
        assert len(team) == 3
        assert set(access.group.user_set.values_list("pk", flat=True)) == team
        assert GroupPagePermission.objects.filter(group=access.group, page=community).count() == 3


def test_it_leaves_twelve_weeks_of_rolled_up_insights(built):
    people = generated_people()
    communities = CommunityPage.objects.filter(owner__in=people)
    rows = CommunityDay.objects.filter(community__in=communities)
    assert rows.values("day").distinct().count() == large_data.HISTORY_WEEKS * 7
    assert rows.filter(members__gt=0, viewers_7d__gt=0, active_members_28d__gt=0).exists()
    assert PageView.objects.filter(user__in=people).count() == built.page_views > 0
    assert Event.objects.filter(user__in=people).count() == built.events > 0
    # Memberships are spread over the past year, not all dated the day of the build.
    assert Membership.objects.filter(user__in=people).dates("joined_at", "day").count() > 1


def test_the_benchmark_thread_has_exactly_its_comments(built):
    thread = DiscussionPage.objects.get(title=large_data.BIG_THREAD_TITLE)
    assert Comment.objects.filter(page=thread).count() == large_data.BIG_THREAD


def shape(comments):
    """Each comment's thread (as a position), parent (as a position), level, order and
    nested count: ids differ between two copies of a thread, positions do not."""
    position = {comment.pk: index for index, comment in enumerate(comments)}
    return [
        (
            position[c.thread_id],
            position[c.parent_id],
            c.level,
            c.order,
            c.nested_count,
        )
        for c in comments
    ]


def test_threads_are_numbered_as_posting_one_by_one_numbers_them(built):
    thread = DiscussionPage.objects.get(title=large_data.BIG_THREAD_TITLE)
    generated = list(Comment.objects.filter(page=thread).order_by("submit_date", "pk"))
    # Replay the same conversation through django-comments-xtd's own save.
    copy = DiscussionPage.objects.exclude(pk=thread.pk).first()
    content_type = ContentType.objects.get_for_model(DiscussionPage)
    new_ids = {}
    for original in generated:
        is_reply = original.parent_id != original.pk
        comment = Comment(
            page=copy,
            content_type=content_type,
            object_pk=str(copy.pk),
            site_id=1,
            user_id=original.user_id,
            comment=original.comment,
            submit_date=original.submit_date,
            parent_id=new_ids[original.parent_id] if is_reply else 0,
        )
        comment.save()
        new_ids[original.pk] = comment.pk
    replayed = list(Comment.objects.filter(pk__in=new_ids.values()).order_by("submit_date", "pk"))
    assert any(c.level == 3 for c in generated)
    assert shape(generated) == shape(replayed)


def seed_large():
    out = StringIO()
    call_command("seed_demo", size="large", scale=SCALE, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_seed_demo_builds_it_once_and_a_second_run_changes_nothing():
    assert "Large organisation: " in seed_large()
    before = (generated_people().count(), Page.objects.count(), Comment.objects.count())
    assert before[0] == large_data.Sizes.at(SCALE).people
    assert "already built, nothing changed" in seed_large()
    assert (generated_people().count(), Page.objects.count(), Comment.objects.count()) == before
    with pytest.raises(large_data.LargeDataExists, match="already in this database"):
        large_data.build(SCALE, stream=StringIO())


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"size": "huge"}, "Unknown --size 'huge': choose one of small, large"),
        ({"size": "large", "scale": 0}, "--scale must be more than 0"),
        ({"size": "large", "scale": 2}, "--scale must be more than 0"),
    ],
)
def test_bad_options_are_refused_and_change_nothing(options, message):
    with pytest.raises(CommandError, match=message):
        call_command("seed_demo", stdout=StringIO(), **options)
    assert not get_user_model().objects.exists()


@pytest.mark.django_db
def test_pages_are_numbered_as_wagtail_numbers_its_own_children():
    root = Page.get_first_root_node()
    children = [root.add_child(title=f"Child {n}", slug=f"child-{n}") for n in range(1, 4)]
    # Wagtail's own children of the root, then the next numbers it would give.
    first = int(children[0].path[-Page.steplen :], len(Page.alphabet))
    assert [child.path for child in children] == [
        large_data.child_path(root.path, first + n) for n in range(3)
    ]
    assert large_data.child_path("0001", 37) == "00010011"
