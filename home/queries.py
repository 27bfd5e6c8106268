"""What the home page reads: a fixed number of queries whatever the data size.

Each list is built from a handful of aggregate queries, and read only when the
template builds the fragment that shows it: `home_page.html` caches each one,
per person or for everyone, keyed on the stamps of its data
(`intranet.caching`).
"""

import datetime
from collections import defaultdict
from functools import cached_property

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
)
from django.db.models.functions import Cast, Coalesce, Length, Lower, Substr
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Page, WorkflowState

from communities.models import (
    ANYONE_JOINS,
    CommunityPage,
    CommunityTeamMember,
    CommunityTopic,
    DiscussionPage,
    Membership,
)
from conversation.models import Comment
from conversation.queries import open_flags, with_comment_counts
from guides import services as guides
from guides.models import GuideCompletion, GuidePage, LearningPathStep
from guides.queries import path_progress
from guides.reviews import pages_for_review
from home import services
from home.popularity import popular_page_ids
from insights.health import quiet_communities_below
from insights.services import latest_you_said_we_did, subtree_filter
from intranet import roles
from intranet.view_restrictions import not_passed_by, outside, private_places
from notifications.models import PageFollow, PersonFollow
from people.models import Profile

FEED_SIZE = 8
# Past this many followed discussions, the feed first reads this many newest
# comments to find how far back it must look.
FEED_WINDOW = 10 * FEED_SIZE
POPULAR_SIZE = 5
POPULAR_DAYS = 7
RECOMMENDED_SIZE = 4
OWNER_LIST_SIZE = 8
REVIEW_LIST_SIZE = 8


def _person(user) -> dict | None:
    if user is None:
        return None
    profile = getattr(user, "profile", None)
    return {
        "username": user.get_username(),
        "name": (profile.display_name if profile else "")
        or user.get_full_name()
        or user.get_username(),
    }


# Latest discussions


def _followed_discussions(user) -> list[int]:
    """The ids of the live discussions in my communities, by people or in threads I follow.

    Mine alone, so the discussions of the closed and secret communities I belong
    to are in, and those of any I have left are out (the fragment is keyed on
    my own stamp, which a membership marks). A page behind a password is out:
    the feed is not drawn for one session.
    """
    parent_path = Substr("path", 1, Length("path") - Page.steplen)
    return list(
        outside(DiscussionPage.objects.live(), not_passed_by(user).pages)
        .annotate(parent_path=parent_path)
        .filter(
            Q(parent_path__in=Membership.objects.filter(user=user).values("community__path"))
            | Q(author_id__in=PersonFollow.objects.filter(user=user).values("person_id"))
            | Q(pk__in=PageFollow.objects.filter(user=user).values("page_id"))
        )
        .values_list("pk", flat=True)
    )


def _latest_first(discussions) -> list:
    """The first discussions by their latest readable comment, or their publication."""
    readable = Comment.objects.filter(is_public=True, is_removed=False)
    # A subquery per discussion rather than a Max over a join: no GROUP BY
    # over every column of the page, which PostgreSQL costs so high that it
    # compiles the query (JIT) for longer than it takes to run.
    latest_comment = readable.filter(page_id=OuterRef("pk")).order_by("-submit_date")
    return list(
        with_comment_counts(discussions)
        .annotate(
            parent_path=Substr("path", 1, Length("path") - Page.steplen),
            last_activity=Coalesce(
                Subquery(latest_comment.values("submit_date")[:1]), F("first_published_at")
            ),
            community_title=Subquery(
                Page.objects.filter(path=OuterRef("parent_path")).values("title")[:1]
            ),
        )
        .select_related("author__profile")
        .order_by("-last_activity", "-pk")[:FEED_SIZE]
    )


def discussion_feed(user) -> list[dict]:
    """Discussions in my communities, by people or in threads I follow; latest first.

    Two queries for most people: the ids of the discussions they follow, then
    the first of those by latest activity. The ids are passed as a list, so
    the database knows how few they are.
    """
    followed = _followed_discussions(user)
    discussions = DiscussionPage.objects.filter(pk__in=followed)
    if len(followed) > FEED_WINDOW:
        # Someone in many busy communities: rather than the latest comment of
        # each discussion, the newest comments, read down the submit_date
        # index, give a date the feed's discussions are all active since, and
        # only the discussions with a comment or published since are ranked.
        readable = Comment.objects.filter(is_public=True, is_removed=False)
        since = next(
            iter(
                readable.filter(page_id__in=followed)
                .order_by("-submit_date")
                .values_list("submit_date", flat=True)[FEED_WINDOW - 1 : FEED_WINDOW]
            ),
            None,
        )
        if since is not None:
            active = _latest_first(
                discussions.filter(
                    Q(first_published_at__gte=since)
                    | Q(pk__in=readable.filter(submit_date__gte=since).values("page_id"))
                )
            )
            # Fewer than a feed's worth: the newest comments were in a few threads.
            if len(active) == FEED_SIZE:
                return _feed_items(active)
    return _feed_items(_latest_first(discussions))


def _feed_items(discussions) -> list[dict]:
    return [
        {
            "title": discussion.title,
            "url": discussion.url,
            "community": discussion.community_title,
            "author": _person(discussion.author),
            "comment_count": discussion.comment_count,
            "last_activity": discussion.last_activity,
        }
        for discussion in discussions
    ]


# Popular this week


def popular_this_week(now: datetime.datetime | None = None) -> list[dict]:
    since = (now or timezone.now()) - datetime.timedelta(days=POPULAR_DAYS)
    ranked = popular_page_ids(since)
    # Ranked on ids first, then only the leaders are read; pages that are not
    # live or behind a restriction drop out here, so a few spares are read.
    leaders = ranked[: POPULAR_SIZE * 3]
    shown = outside(Page.objects.live(), private_places()).filter(pk__in=leaders)
    pages = with_comment_counts(shown).only("title", "url_path", "path", "depth")
    by_id = {page.pk: page for page in pages}
    return [
        {"title": page.title, "url": page.url, "comment_count": page.comment_count}
        for page in (by_id[pk] for pk in leaders if pk in by_id)
    ][:POPULAR_SIZE]


# Communities to join


def recommended_communities(user) -> list[dict]:
    """Open communities I have not joined, for my department, expertise and colleagues."""
    # My department and expertise are read inside the two queries that use them.
    mine = Profile.objects.filter(user=user)
    department = mine.exclude(department="").values("department")[:1]
    words = mine.values(word=Lower("expertise__name")).union(
        mine.exclude(department="").values(word=Lower("department"))
    )
    joined = Membership.objects.filter(user=user).values("community_id")
    scores: dict[int, float] = defaultdict(float)
    reasons: dict[int, dict] = defaultdict(dict)
    colleagues = (
        Membership.objects.filter(
            user__profile__department=Subquery(department), user__is_active=True
        )
        .exclude(user=user)
        .exclude(community_id__in=joined)
        # No ordering: the model's default would join the GROUP BY.
        .order_by()
        .values("community_id", "user__profile__department")
        .annotate(total=Count("user_id", distinct=True))
        .values_list("community_id", "total", "user__profile__department")
    )
    for community_id, total, their_department in colleagues:
        scores[community_id] += total
        reasons[community_id].update(colleagues=total, department=their_department)
    matches = (
        CommunityTopic.objects.annotate(name=Lower("tag__name"))
        .filter(name__in=words)
        .exclude(content_object_id__in=joined)
        .values_list("content_object_id", "tag__name")
    )
    for community_id, topic in matches:
        # A shared topic weighs as much as a few colleagues.
        scores[community_id] += 3
        reasons[community_id].setdefault("topics", []).append(topic)
    leaders = sorted(scores, key=lambda pk: (-scores[pk], pk))[: RECOMMENDED_SIZE * 3]
    communities = (
        outside(CommunityPage.objects.live(), private_places())
        .filter(ANYONE_JOINS, pk__in=leaders)
        .only("title", "purpose", "url_path", "path", "depth")
    )
    by_id = {community.pk: community for community in communities}
    return [
        {
            "pk": community.pk,
            "title": community.title,
            "url": community.url,
            "purpose": community.purpose,
            "colleagues": reasons[community.pk].get("colleagues", 0),
            "topics": sorted(reasons[community.pk].get("topics", [])),
            "department": reasons[community.pk].get("department", ""),
        }
        for community in (by_id[pk] for pk in leaders if pk in by_id)
    ][:RECOMMENDED_SIZE]


# For the people who look after communities


def owner_tasks(user, today: datetime.date | None = None) -> dict:
    """Unanswered discussions, flagged comments and quiet communities in my care; my pages
    due for review."""
    today = today or timezone.localdate()
    team_paths = list(
        CommunityTeamMember.objects.filter(user=user).values_list("page__path", flat=True)
    )
    scope = subtree_filter(team_paths)
    unanswered = []
    if team_paths:
        unanswered = [
            {
                "title": discussion.title,
                "url": discussion.url,
                "published": discussion.first_published_at,
            }
            for discussion in with_comment_counts(DiscussionPage.objects.live().filter(scope))
            .filter(comment_count=0)
            .order_by("first_published_at")[:OWNER_LIST_SIZE]
        ]
    due = [
        {
            "title": page.title,
            "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
            "review_by": page.review_by,
            "overdue": page.review_by < today,
        }
        for page in pages_for_review(today).filter(Q(content_owner_id=user.pk) | scope)[
            :OWNER_LIST_SIZE
        ]
    ]
    quiet = []
    if team_paths:
        # Two queries, read from the last roll-up: the same list as on the
        # owner's admin home page.
        quiet = [
            {
                "title": community.title,
                "url": community.url,
                "insights_url": reverse("insights_summary", args=[community.pk]),
            }
            for community in quiet_communities_below(team_paths)[:OWNER_LIST_SIZE]
        ]
    return {
        "is_owner": bool(team_paths),
        "unanswered": unanswered,
        "flags": open_flags(user),
        "due": due,
        "quiet": quiet,
    }


# For the Communicators


def guides_awaiting_review() -> list[dict]:
    """Guides in the review workflow, oldest request first."""
    states = (
        WorkflowState.objects.filter(
            status=WorkflowState.STATUS_IN_PROGRESS,
            content_type=ContentType.objects.get_for_model(GuidePage),
        )
        .annotate(
            title=Subquery(
                Page.objects.filter(
                    pk=Cast(OuterRef("object_id"), output_field=IntegerField())
                ).values("title")[:1]
            )
        )
        .select_related("requested_by")
        .order_by("created_at")[:REVIEW_LIST_SIZE]
    )
    return [
        {
            "title": state.title,
            "edit_url": reverse("wagtailadmin_pages:edit", args=[state.object_id]),
            "requested_by_id": state.requested_by_id,
            "requested_by": _person(state.requested_by),
            "since": state.created_at,
        }
        for state in states
    ]


# A new joiner's first steps


def onboarding(user, home) -> dict | None:
    """The onboarding path and the new joiner's progress along it."""
    if not home.onboarding_path_id:
        return None
    steps = list(
        LearningPathStep.objects.filter(
            path_id=home.onboarding_path_id, path__live=True, guide__live=True
        )
        .annotate(done=Exists(GuideCompletion.objects.filter(user=user, guide=OuterRef("guide"))))
        .select_related("path", "guide")
        .order_by("sort_order")
    )
    if not steps:
        return None
    guides_in_path = [step.guide for step in steps]
    done = {step.guide_id for step in steps if step.done}
    return {
        "path": steps[0].path,
        "guides": guides_in_path,
        "completed_ids": done,
        "progress": path_progress(guides_in_path, done),
        "next_guide": next((guide for guide in guides_in_path if guide.pk not in done), None),
    }


def featured_items(home, today: datetime.date | None = None) -> list:
    today = today or timezone.localdate()
    # Shared by every reader: nothing behind a view restriction.
    private = Q()
    for path in private_places():
        private |= Q(item__path__startswith=path)
    return list(
        home.featured_items.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .filter(item__live=True)
        .exclude(private)
        .select_related("item")
        .order_by("sort_order")
    )


class HomeLists:
    """The home page's lists for one reader, each read the first time a template asks."""

    def __init__(self, user, home, today: datetime.date, is_new_joiner: bool):
        self.user, self.home, self.today = user, home, today
        self.is_new_joiner = is_new_joiner

    @cached_property
    def onboarding(self) -> dict | None:
        return onboarding(self.user, self.home) if self.is_new_joiner else None

    @cached_property
    def pending_must_reads(self) -> list:
        return list(guides.pending_must_reads(self.user))

    @cached_property
    def featured(self) -> list:
        return featured_items(self.home, self.today)

    @cached_property
    def awaiting_review(self) -> list[dict]:
        # Nobody reviews their own guide.
        awaiting = guides_awaiting_review()
        return [item for item in awaiting if item["requested_by_id"] != self.user.pk]

    @cached_property
    def feed(self) -> list[dict]:
        return discussion_feed(self.user)

    @cached_property
    def popular(self) -> list[dict]:
        return popular_this_week()

    @cached_property
    def recommended(self) -> list[dict]:
        return recommended_communities(self.user)

    @cached_property
    def owner(self) -> dict:
        return owner_tasks(self.user, self.today)

    @cached_property
    def you_said_we_did(self):
        return latest_you_said_we_did()


def home_context(request, home) -> dict:
    user = request.user
    is_new_joiner = user.date_joined >= guides.new_joiner_since()
    today = timezone.localdate()
    return {
        "is_new_joiner": is_new_joiner,
        "show_tour": is_new_joiner and services.tour_is_due(user),
        "is_communicator": user.is_superuser or roles.is_communicator(user),
        # Featured items end, and pages fall due for review, with the day.
        "today": today,
        "lists": HomeLists(user, home, today, is_new_joiner),
    }
