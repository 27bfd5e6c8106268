"""The large organisation the benchmarks run against: `seed_demo --size large`.

Ten thousand people, five hundred communities four levels deep, five thousand
discussions and guides, a hundred thousand comments with reactions, and twelve
weeks of insights history rolled up day by day, built in minutes. Rows that are
not pages go in with `bulk_create`. Pages and comments use multi-table
inheritance, which `bulk_create` refuses, so each of their tables is inserted
in batches of its own (`insert_rows`), with the tree paths computed here the
way treebeard computes them. The result is an ordinary Wagtail tree: `fixtree`
finds nothing to fix, the pages are live and indexed for search, and every
community's team has its rights (`sync_team_permissions`).

Everything comes from a seeded generator, so every run builds the same
organisation. `scale` shrinks it for the test suite.
"""

import math
import random
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify

from taggit.models import Tag
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from communities.models import (
    CommunityPage,
    CommunityTeamMember,
    DiscussionPage,
    Membership,
    MembershipPolicy,
    TeamRole,
)
from communities.services import sync_team_permissions
from conversation.models import Comment, CommentReaction, PageReaction, ReactionKind
from guides.models import Audience, AudienceCode, GuideIndexPage, GuidePage, reading_minutes
from insights.demo import HistorySize, add_history
from intranet.roles import EMPLOYEES
from people.demo import DEPARTMENTS, FIRST_NAMES, LAST_NAMES, LOCATIONS
from people.models import Discipline, Profile, ProfileExpertise

# Every generated person's email is at this domain: it is how a second run
# recognises the data set is already there.
EMAIL_DOMAIN = "large.example.com"
SEED = 2026
# Levels of communities below the home page, and the share of them on each.
LEVEL_SHARES = (0.06, 0.14, 0.30, 0.50)
# Weeks of insights history behind today, as in the demo.
HISTORY_WEEKS = HistorySize.weeks
# One discussion carries exactly this many comments, for the benchmark.
BIG_THREAD = 200
BIG_THREAD_TITLE = "What should the intranet do better next year?"
# Of the comments on a page, the share that start a thread rather than reply.
TOP_LEVEL_SHARE = 0.55
# Rows per INSERT for tables written through `insert_rows`.
BATCH = 500


def dated_as_their_comments(reactions: list[CommentReaction]) -> None:
    """Each reaction dated as the comment it answers: `reacted_at` is set on save, which
    would put a history's every reaction on the day it was built."""
    submitted = models.Subquery(
        Comment.objects.filter(pk=models.OuterRef("comment_id")).values("submit_date")[:1]
    )
    if reactions:
        # Created together, so their ids are one run: a range, not thousands of parameters.
        CommentReaction.objects.filter(pk__gte=reactions[0].pk, pk__lte=reactions[-1].pk).update(
            reacted_at=submitted
        )


MORE_FIRST_NAMES = (
    "Adele", "Bruno", "Carmen", "Dmitri", "Esther", "Felix", "Grace", "Hugo", "Ines", "Jakob",
    "Keiko", "Leon", "Maya", "Noor", "Oscar", "Priyanka", "Rafael", "Selma", "Theo", "Ulla",
    "Victor", "Wen", "Yara", "Zoltan", "Amir", "Beatriz", "Conor", "Dalia", "Emil", "Fatima",
)  # fmt: skip
MORE_LAST_NAMES = (
    "Achebe", "Brennan", "Chen", "Delgado", "Engel", "Forde", "Gupta", "Haas", "Iqbal",
    "Jovanović", "Kim", "Lindgren", "Mensah", "Nakamura", "Olsen", "Park", "Quinn", "Rahman",
    "Schmidt", "Tanaka", "Usman", "Varga", "Walsh", "Yilmaz", "Zhang",
)  # fmt: skip
SUBJECTS = (
    "onboarding", "the travel policy", "hybrid working", "the new CRM", "expense claims",
    "the quarterly review", "our customer survey", "laptop upgrades", "the summer party",
    "mentoring", "the office move", "accessibility", "data protection", "the bike scheme",
    "recycling", "the service desk", "team offsites", "the learning budget", "parental leave",
    "the design system", "public holidays", "the canteen menu", "security training",
)  # fmt: skip
QUESTIONS = (
    "How do we handle {}?", "Ideas for {}", "Who knows about {}?", "Feedback on {}",
    "What changed in {}?", "Tips for {}", "Is anyone working on {}?", "Lessons from {}",
)  # fmt: skip
COMMUNITY_THEMES = (
    "Engineering", "Design", "Finance", "People", "Sales", "Marketing", "Operations",
    "Legal", "Customer care", "Research", "Data", "Security", "Facilities", "Learning",
    "Wellbeing", "Sustainability", "Diversity", "Product", "Procurement", "Quality",
)  # fmt: skip
SENTENCES = (
    "Thanks for raising this, it affects our team too.",
    "We tried something similar last quarter and it worked well.",
    "Could someone from the team confirm the deadline?",
    "I agree, and I would add that the documentation needs an update.",
    "Here is what we do in the Lisbon office: we book it a week ahead.",
    "Good point. Let us pick this up at the next community call.",
    "I have a template for this, happy to share it.",
    "Is there a guide on the intranet that explains the steps?",
    "This saved me an hour today, thank you!",
    "We should ask the people who use it every day before changing it.",
)
EXPERTISE = sorted({tag for *_rest, tags in DEPARTMENTS for tag in tags})


@dataclass(frozen=True)
class Sizes:
    """How much of everything to build."""

    people: int
    communities: int
    discussions: int
    guides: int
    comments: int

    @classmethod
    def at(cls, scale: float) -> "Sizes":
        """The large organisation multiplied by `scale`, never smaller than one of each
        level of communities and a thread to benchmark."""
        return cls(
            people=max(10, round(LARGE.people * scale)),
            communities=max(len(LEVEL_SHARES), round(LARGE.communities * scale)),
            discussions=max(2, round(LARGE.discussions * scale)),
            guides=max(1, round(LARGE.guides * scale)),
            comments=max(BIG_THREAD + 10, round(LARGE.comments * scale)),
        )


LARGE = Sizes(people=10_000, communities=500, discussions=4_400, guides=600, comments=100_000)


class LargeDataExists(Exception):
    """The data set is already in this database: building it again would double it."""


def already_built() -> bool:
    return get_user_model().objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").exists()


def built_at_full_size() -> bool:
    """Whether `seed_demo --size large` built it unscaled: the benchmarks' targets are for it."""
    people = get_user_model().objects.filter(email__endswith=f"@{EMAIL_DOMAIN}")
    return people.count() >= LARGE.people


@dataclass
class Report:
    people: int = 0
    communities: int = 0
    memberships: int = 0
    discussions: int = 0
    guides: int = 0
    comments: int = 0
    reactions: int = 0
    page_views: int = 0
    events: int = 0
    seconds: float = 0.0
    steps: dict[str, float] = field(default_factory=dict)

    def __str__(self):
        return (
            f"{self.people} people, {self.communities} communities, {self.memberships} "
            f"memberships, {self.discussions} discussions, {self.guides} guides, "
            f"{self.comments} comments and {self.reactions} reactions, and {HISTORY_WEEKS} weeks "
            f"of insights history ({self.page_views} page views, {self.events} events), "
            f"in {self.seconds:.0f} s"
        )


class Progress:
    """A one-line progress bar on a terminal, one line per step elsewhere."""

    WIDTH = 30

    def __init__(self, total: int, stream=None):
        self.total, self.done = total, 0
        self.stream = stream if stream is not None else sys.stderr
        self.tty = getattr(self.stream, "isatty", lambda: False)()
        self.label = ""

    def step(self, label: str) -> None:
        self.label = label
        if not self.tty:
            self.stream.write(f"{label}…\n")
            self.stream.flush()
        self._draw()

    def advance(self, amount: int = 1) -> None:
        self.done = min(self.total, self.done + amount)
        self._draw()

    def _draw(self) -> None:
        if not self.tty:
            return
        filled = self.WIDTH * self.done // max(1, self.total)
        percent = 100 * self.done // max(1, self.total)
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        self.stream.write(f"\r[{bar}] {percent:3d}% {self.label:<40}")
        if self.done >= self.total:
            self.stream.write("\n")
        self.stream.flush()


def insert_rows(model: type[models.Model], objs: Sequence[models.Model], new_ids=False) -> None:
    """Insert the columns of `model`'s own table for `objs`, in batches.

    `bulk_create` refuses models with multi-table inheritance, so a page or a
    comment is written one table at a time, root first: with `new_ids` the
    database numbers the rows and every parent link on the objects takes the
    number, ready for the next table down.
    """
    fields = [f for f in model._meta.local_concrete_fields if not (new_ids and f.primary_key)]
    batch_size = min(BATCH, connection.ops.bulk_batch_size(fields, objs) or BATCH)
    manager = model._base_manager
    for start in range(0, len(objs), batch_size):
        batch = objs[start : start + batch_size]
        if not new_ids:
            manager._insert(batch, fields=fields, using=connection.alias)
            continue
        rows = manager._insert(
            batch, fields=fields, returning_fields=[model._meta.pk], using=connection.alias
        )
        for obj, (pk,) in zip(batch, rows, strict=True):
            for link in (type(obj), *type(obj)._meta.get_parent_list()):
                setattr(obj, link._meta.pk.attname, pk)


def child_path(parent_path: str, number: int) -> str:
    """The tree path of the `number`th child under `parent_path`, in treebeard's
    materialised-path encoding: `Page.steplen` digits of `Page.alphabet`."""
    base = len(Page.alphabet)
    digits = ""
    for _ in range(Page.steplen):
        number, digit = divmod(number, base)
        digits = Page.alphabet[digit] + digits
    return parent_path + digits


def insert_pages(parent: Page, pages: Sequence[Page]) -> None:
    """Add `pages` as the last children of `parent`, as `parent.add_child` would,
    without a revision each."""
    if not pages:
        return
    last = (
        Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    step = int(last[-Page.steplen :], len(Page.alphabet)) if last else 0
    for page in pages:
        step += 1
        page.depth = parent.depth + 1
        page.path = child_path(parent.path, step)
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.locale_id = parent.locale_id
        page.draft_title = page.title
        page.live, page.has_unpublished_changes = True, False
        page.last_published_at = page.first_published_at
    insert_rows(Page, pages, new_ids=True)
    insert_rows(type(pages[0]), pages)
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
    parent.numchild += len(pages)


class Builder:
    def __init__(self, sizes: Sizes, progress: Progress):
        self.sizes, self.progress = sizes, progress
        self.rng = random.Random(SEED)
        self.now = timezone.now()
        self.report = Report()
        self.people: list = []
        self.communities: list[CommunityPage] = []
        self.members: dict[int, list[int]] = {}
        self.pages: list[Page] = []

    def when(self, days_back: int = 365) -> datetime:
        return self.now - timedelta(minutes=self.rng.randrange(days_back * 24 * 60))

    def timed(self, label: str, work: Callable[[], None]) -> None:
        self.progress.step(label)
        started = time.perf_counter()
        work()
        self.report.steps[label] = time.perf_counter() - started

    # People

    def build_people(self) -> None:
        User = get_user_model()
        firsts, lasts = FIRST_NAMES + MORE_FIRST_NAMES, LAST_NAMES + MORE_LAST_NAMES
        users = []
        for number in range(1, self.sizes.people + 1):
            first, last = self.rng.choice(firsts), self.rng.choice(lasts)
            username = f"{slugify(first)}.{slugify(last)}.{number:05d}"
            users.append(
                User(
                    username=username,
                    first_name=first,
                    last_name=last,
                    email=f"{username}@{EMAIL_DOMAIN}",
                    # Nobody signs in as a generated person: no usable password,
                    # and no slow hashing ten thousand times.
                    password=make_password(None),
                    date_joined=self.when(5 * 365),
                )
            )
        User.objects.bulk_create(users, batch_size=BATCH)
        self.people = list(User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").order_by("pk"))
        employees = Group.objects.get(name=EMPLOYEES)
        User.groups.through.objects.bulk_create(
            [User.groups.through(user=user, group=employees) for user in self.people],
            batch_size=BATCH,
        )
        profiles = []
        for user in self.people:
            department, discipline, teams, titles, _expertise = self.rng.choice(DEPARTMENTS)
            profiles.append(
                Profile(
                    user=user,
                    display_name=f"{user.first_name} {chr(65 + self.rng.randrange(26))}. "
                    f"{user.last_name}",
                    job_title=self.rng.choice(titles),
                    department=department,
                    team=self.rng.choice(teams),
                    location=self.rng.choice(LOCATIONS),
                    discipline=discipline,
                    email=user.email,
                )
            )
        Profile.objects.bulk_create(profiles, batch_size=BATCH)
        tags = {name: Tag.objects.get_or_create(name=name)[0] for name in EXPERTISE}
        profiles = Profile.objects.filter(user__email__endswith=f"@{EMAIL_DOMAIN}")
        ProfileExpertise.objects.bulk_create(
            [
                ProfileExpertise(content_object=profile, tag=tags[name])
                for profile in profiles
                for name in self.rng.sample(EXPERTISE, 2)
            ],
            batch_size=BATCH,
        )
        self.report.people = len(self.people)
        self.progress.advance(self.sizes.people)

    # Communities

    def build_communities(self, home: Page) -> None:
        levels = [max(1, math.floor(self.sizes.communities * share)) for share in LEVEL_SHARES]
        levels[-1] += self.sizes.communities - sum(levels)
        parents: list[Page] = [home]
        for depth, count in enumerate(levels, start=1):
            by_parent: dict[int, list[CommunityPage]] = {}
            for number in range(count):
                parent = parents[number % len(parents)]
                theme = COMMUNITY_THEMES[number % len(COMMUNITY_THEMES)]
                title = f"{theme} {depth}.{number + 1}"
                by_parent.setdefault(parent.pk, []).append(
                    CommunityPage(
                        title=title,
                        slug=slugify(title),
                        purpose=f"Where people in {theme.lower()} share what they learn.",
                        membership_policy=(
                            MembershipPolicy.INVITATION
                            if number % 10 == 9
                            else MembershipPolicy.OPEN
                        ),
                        owner=self.rng.choice(self.people),
                        first_published_at=self.when(3 * 365),
                    )
                )
            created = []
            for parent in parents:
                children = by_parent.get(parent.pk, [])
                insert_pages(parent, children)
                created.extend(children)
            self.communities.extend(created)
            parents = created
            self.progress.advance(count)
        self.build_teams_and_members()
        self.report.communities = len(self.communities)

    def build_teams_and_members(self) -> None:
        disciplines = list(Discipline.values)
        team = []
        for community in self.communities:
            people = self.rng.sample(self.people, 3)
            chosen = self.rng.sample(disciplines, 3)
            for position, (person, discipline) in enumerate(zip(people, chosen, strict=True)):
                role = TeamRole.LEAD if position == 0 else TeamRole.FACILITATOR
                team.append(
                    CommunityTeamMember(
                        page=community, user=person, discipline=discipline, role=role
                    )
                )
        CommunityTeamMember.objects.bulk_create(team, batch_size=BATCH)
        for community in self.communities:
            # The same sync publishing a community runs: a group, a collection
            # and page rights for its team.
            sync_team_permissions(community)
        memberships = []
        for person in self.people:
            for community in self.rng.sample(self.communities, min(3, len(self.communities))):
                memberships.append(Membership(user=person, community=community))
                self.members.setdefault(community.pk, []).append(person.pk)
        Membership.objects.bulk_create(memberships, batch_size=BATCH)
        # Saving dates every membership today; spread them over the past year,
        # so the insights history finds members on its earlier days.
        joined_days_back: dict[int, list[int]] = {}
        for membership in memberships:
            joined_days_back.setdefault(self.rng.randrange(365), []).append(membership.pk)
        for days_back, pks in joined_days_back.items():
            Membership.objects.filter(pk__in=pks).update(
                joined_at=self.now - timedelta(days=days_back)
            )
        self.report.memberships = len(memberships)

    # Discussions and guides

    def title(self) -> str:
        return self.rng.choice(QUESTIONS).format(self.rng.choice(SUBJECTS))

    def build_discussions(self) -> None:
        by_parent: dict[int, list[DiscussionPage]] = {}
        for number in range(self.sizes.discussions):
            community = self.communities[0] if number == 0 else self.rng.choice(self.communities)
            title = BIG_THREAD_TITLE if number == 0 else self.title()
            author = self.rng.choice(self.members.get(community.pk) or [self.people[0].pk])
            by_parent.setdefault(community.pk, []).append(
                DiscussionPage(
                    title=title,
                    slug=f"{slugify(title)}-{number + 1}",
                    body=f"<p>{self.rng.choice(SENTENCES)} {self.rng.choice(SENTENCES)}</p>",
                    author_id=author,
                    owner_id=author,
                    first_published_at=self.when(),
                )
            )
        for community in self.communities:
            discussions = by_parent.get(community.pk, [])
            insert_pages(community, discussions)
            self.pages.extend(discussions)
            self.progress.advance(len(discussions))
        self.report.discussions = self.sizes.discussions

    def build_guides(self, home: Page) -> None:
        index = GuideIndexPage.objects.child_of(home).first()
        if index is None:
            index = GuideIndexPage(title="Guides", slug="guides")
            home.add_child(instance=index)
        guides = []
        for number in range(self.sizes.guides):
            title = f"{self.title()} (guide {number + 1})"
            body = [
                {"type": "heading", "value": {"text": title, "size": "h2"}},
                {"type": "paragraph", "value": "".join(f"<p>{s}</p>" for s in SENTENCES[:6])},
            ]
            owner = self.rng.choice(self.people)
            guide = GuidePage(
                title=title,
                slug=slugify(title),
                summary=self.rng.choice(SENTENCES),
                body=body,
                owner=owner,
                content_owner=owner,
                first_published_at=self.when(),
                last_reviewed=self.now.date() - timedelta(days=self.rng.randrange(300)),
            )
            guide.reading_minutes = reading_minutes(guide.body)
            guide.review_by = guide.last_reviewed + timedelta(days=365)
            guides.append(guide)
        insert_pages(index, guides)
        everyone = Audience.objects.get(code=AudienceCode.EVERYONE)
        GuidePage.audiences.through.objects.bulk_create(
            [GuidePage.audiences.through(guidepage=guide, audience=everyone) for guide in guides],
            batch_size=BATCH,
        )
        self.pages.extend(guides)
        self.report.guides = len(guides)
        self.progress.advance(len(guides))

    # Comments and reactions

    def comment_counts(self) -> list[int]:
        """How many comments each page gets: exactly BIG_THREAD on the first."""
        rest = self.sizes.comments - BIG_THREAD
        counts = [0] * len(self.pages)
        counts[0] = BIG_THREAD
        for _ in range(rest):
            counts[1 + self.rng.randrange(len(self.pages) - 1)] += 1
        return counts

    def thread(self, page: Page, count: int, content_type_id: int) -> list[Comment]:
        """`count` comments on `page`, some starting threads and some replying."""
        comments: list[Comment] = []
        moment = page.first_published_at
        for _ in range(count):
            moment += timedelta(minutes=1 + self.rng.randrange(600))
            deepest = settings.COMMENTS_XTD_MAX_THREAD_LEVEL
            replyable = [c for c in comments[-20:] if c.level < deepest]
            parent = (
                self.rng.choice(replyable)
                if replyable and self.rng.random() > TOP_LEVEL_SHARE
                else None
            )
            comment = Comment(
                page_id=page.pk,
                content_type_id=content_type_id,
                object_pk=str(page.pk),
                site_id=settings.SITE_ID,
                user_id=self.rng.choice(self.people).pk,
                comment=self.rng.choice(SENTENCES),
                submit_date=min(moment, self.now),
                level=parent.level + 1 if parent else 0,
            )
            comment.reply_to = parent
            comments.append(comment)
        return comments

    @staticmethod
    def number_threads(comments: list[Comment]) -> None:
        """Thread, parent, order and nested count, as django-comments-xtd sets them
        one comment at a time: a reply goes after everything already under its parent."""
        children: dict[int, list[Comment]] = {}
        for comment in comments:
            if comment.reply_to is not None:
                children.setdefault(id(comment.reply_to), []).append(comment)

        def place(comment: Comment, root: Comment, order: int) -> tuple[int, int]:
            comment.thread_id = root.pk
            comment.parent_id = comment.reply_to.pk if comment.reply_to else comment.pk
            comment.order = order
            nested = 0
            for child in children.get(id(comment), []):
                order, below = place(child, root, order + 1)
                nested += 1 + below
            comment.nested_count = nested
            return order, nested

        for comment in comments:
            if comment.reply_to is None:
                place(comment, comment, 1)

    def build_comments(self) -> None:
        content_types = {
            model: ContentType.objects.get_for_model(model).pk
            for model in (DiscussionPage, GuidePage)
        }
        chunk: list[Comment] = []
        for page, count in zip(self.pages, self.comment_counts(), strict=True):
            chunk.extend(self.thread(page, count, content_types[type(page)]))
            if len(chunk) >= 5_000:
                self.write_comments(chunk)
                chunk = []
        self.write_comments(chunk)
        page_reactions = [
            PageReaction(user=person, page=page, kind=self.rng.choice(ReactionKind.values))
            for page in self.pages
            for person in self.rng.sample(self.people, self.rng.randrange(4))
        ]
        PageReaction.objects.bulk_create(page_reactions, batch_size=BATCH)
        # `reacted_at` is set on save: each is then dated after its page was published.
        for reaction in page_reactions:
            reaction.reacted_at = min(
                reaction.page.first_published_at + timedelta(hours=self.rng.randrange(1, 240)),
                self.now,
            )
        PageReaction.objects.bulk_update(page_reactions, ["reacted_at"], batch_size=BATCH)
        self.report.reactions += len(page_reactions)

    def write_comments(self, comments: list[Comment]) -> None:
        if not comments:
            return
        parents = Comment._meta.get_parent_list()
        insert_rows(parents[-1], comments, new_ids=True)
        self.number_threads(comments)
        for model in (*reversed(parents[:-1]), Comment):
            insert_rows(model, comments)
        reactions = [
            CommentReaction(user=person, comment=comment, kind=self.rng.choice(ReactionKind.values))
            for comment in comments
            for person in self.rng.sample(self.people, self.rng.choice((0, 0, 1, 2, 3)))
        ]
        CommentReaction.objects.bulk_create(reactions, batch_size=BATCH)
        dated_as_their_comments(reactions)
        self.report.comments += len(comments)
        self.report.reactions += len(reactions)
        self.progress.advance(len(comments))

    def build_history(self) -> None:
        # The demo's shares of visitors, lower in a larger organisation, and
        # talk in proportion to the number of people.
        people = len(self.people)
        size = HistorySize(
            weeks=HISTORY_WEEKS,
            visit_share_start=0.1,
            visit_share_end=0.2,
            pages_per_visit=3,
            comments_per_day=max(1, people // 50),
            reactions_per_day=max(1, people // 40),
            completions_per_day=max(1, people // 250),
            searches_per_day=max(1, people // 30),
        )
        history = add_history(
            size, [person.pk for person in self.people], on_day=self.progress.advance
        )
        self.report.page_views, self.report.events = history.page_views, history.events

    def index_for_search(self) -> None:
        # The same index entries saving each page would have written.
        backend = get_search_backend()
        for model in (CommunityPage, DiscussionPage, GuidePage):
            pages = [page for page in (*self.communities, *self.pages) if type(page) is model]
            for start in range(0, len(pages), BATCH):
                backend.add_bulk(model, pages[start : start + BATCH])
        self.progress.advance(len(self.communities) + len(self.pages))


def build(scale: float = 1.0, stream=None) -> Report:
    """Build the large organisation (times `scale`) under the home page.

    Raises LargeDataExists when it is already there. Runs in one transaction:
    an interrupted build leaves nothing behind.
    """
    from home.models import HomePage

    if already_built():
        raise LargeDataExists(
            "The large data set is already in this database; nothing was changed. "
            "Build it into a fresh database to start again."
        )
    home = HomePage.objects.first()
    if home is None:
        raise LargeDataExists("There is no home page to build the large data set under.")
    sizes = Sizes.at(scale)
    pages = sizes.communities + sizes.discussions + sizes.guides
    progress = Progress(sizes.people + 2 * pages + sizes.comments + HISTORY_WEEKS * 7, stream)
    builder = Builder(sizes, progress)
    started = time.perf_counter()
    with transaction.atomic():
        builder.timed("people", builder.build_people)
        builder.timed("communities", lambda: builder.build_communities(home))
        builder.timed("discussions", builder.build_discussions)
        builder.timed("guides", lambda: builder.build_guides(home))
        builder.timed("comments and reactions", builder.build_comments)
        builder.timed("search index", builder.index_for_search)
        builder.timed("insights history", builder.build_history)
    if connection.vendor == "postgresql":
        # Fresh statistics, as autovacuum would gather in time: planned from
        # the empty tables' ones, the people pages' grouped queries scan everything.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    builder.report.seconds = time.perf_counter() - started
    return builder.report
