"""What a page's conversation shows, in a fixed number of queries whatever its size."""

import functools
import uuid
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language

from wagtail.models import Page

from conversation import services, threads
from conversation.models import (
    Comment,
    CommentableMixin,
    CommentReaction,
    Flag,
    ReactionKind,
)
from conversation.page_reactions import reactions as who_reacted
from intranet.counting import count_of
from intranet.paging import page_number
from intranet.view_restrictions import outside, private_places
from people.contributions import PersonSection
from people.mentions import link_mentions, mentionable, mentioned_usernames
from people.services import default_display_name

ORDERS = {"oldest": ("thread_id", "order"), "newest": ("-thread_id", "order")}

# A long conversation shows its threads a page at a time: rendering every
# comment with its actions made a 200-comment discussion the slowest page.
THREADS_PER_PAGE = 20
# Not `page`: a community page paginates its discussions with that one.
PAGE_PARAMETER = "comments"
# A person's page lists their latest comments.
RECENT_COMMENTS = 5


def with_comment_counts(pages: QuerySet) -> QuerySet:
    """Annotate each page with `comment_count`: the comments anyone can read."""
    readable = Comment.objects.filter(is_public=True, is_removed=False)
    return pages.annotate(comment_count=count_of(readable, "page"))


def add_comment_counts(pages) -> None:
    """Set `comment_count` on each page of an already-fetched list, in one query.

    For lists that do not come from one queryset (search results, a path's
    steps). A page that takes no comments gets None, and shows no count.
    """
    commentable = []
    for page in pages:
        page.comment_count = None
        if isinstance(page, CommentableMixin):
            commentable.append(page)
    counts = dict(
        with_comment_counts(
            Page.objects.filter(pk__in=[page.pk for page in commentable])
        ).values_list("pk", "comment_count")
    )
    for page in commentable:
        page.comment_count = counts.get(page.pk, 0)


def recent_comments_by(user, limit: int) -> QuerySet:
    """The person's latest comments that anyone may read where they stand, in one query.

    Only pages that show their conversation count: live, not behind a view
    restriction, comments switched on; hidden and removed comments never show.
    """
    open_pages = Q()
    private = private_places()
    for model in apps.get_models():
        if issubclass(model, CommentableMixin):
            # EXISTS per comment rather than IN over every open page: the
            # person's few comments are found by their index first.
            open_pages |= Exists(
                outside(model.objects.live(), private).filter(
                    comments_enabled=True, pk=OuterRef("page_id")
                )
            )
    if not open_pages:
        return Comment.objects.none()
    return (
        Comment.objects.filter(open_pages, user=user, is_public=True, is_removed=False)
        .select_related("page")
        .order_by("-submit_date")[:limit]
    )


class PersonComments(PersonSection):
    """A person's latest comments, on their page (`people.contributions`)."""

    template_name = "conversation/includes/person_comments.html"

    @functools.cached_property
    def comments(self) -> QuerySet:
        return recent_comments_by(self.user, RECENT_COMMENTS)


@dataclass
class ReactionSummary:
    """The reactions to one item: per kind, how many and who; and the viewer's own."""

    mine: str | None = None
    names: dict[str, list[str]] = field(default_factory=dict)

    def add(self, kind: str, name: str, mine: bool = False) -> None:
        """Count a reaction of `kind` by the person called `name`, the viewer's own if `mine`.

        A comment's summary is shared by every reader: none of its reactions is mine.
        """
        self.names.setdefault(kind, []).append(name)
        if mine:
            self.mine = kind

    @property
    def kinds(self) -> list[dict]:
        return [
            {
                "value": value,
                "label": label,
                "count": len(self.names.get(value, ())),
                "names": self.names.get(value, ()),
                "mine": self.mine == value,
            }
            for value, label in reaction_labels(get_language())
        ]

    @property
    def total(self) -> int:
        return sum(len(names) for names in self.names.values())


@functools.cache
def reaction_labels(language: str | None) -> tuple[tuple[str, str], ...]:
    """Each reaction's value and label in `language`, looked up once per language.

    Every comment shows every kind: translating the labels each time was a
    good share of a long conversation's rendering.
    """
    with translation.override(language):
        return tuple((kind.value, str(kind.label)) for kind in ReactionKind)


@dataclass
class CommentNode:
    comment: Comment
    children: list["CommentNode"] = field(default_factory=list)
    reactions: ReactionSummary = field(default_factory=ReactionSummary)
    open_flags: list[Flag] = field(default_factory=list)
    # The text as shown, its mentions of people still here linked to them.
    body_html: str = ""


def _outline(page, order: str):
    """Every comment on `page` in `order`, as the few values that place it in its thread.

    Plain rows, not comments: a long conversation is read whole to be cut into
    pages of threads, and only the comments shown are worth building.
    """
    return (
        Comment.objects.filter(page=page)
        .order_by(*ORDERS[order])
        .values_list("pk", "parent_id", "thread_id", "is_public", "is_removed", named=True)
    )


def _build_threads(comments, is_moderator: bool) -> list[CommentNode]:
    nodes = {comment.pk: CommentNode(comment) for comment in comments}
    threads = []
    for node in nodes.values():
        parent = nodes.get(node.comment.parent_id)
        if parent is None or parent is node:
            threads.append(node)
        else:
            parent.children.append(node)
    return _prune(threads, is_moderator)


def _prune(nodes: list[CommentNode], is_moderator: bool) -> list[CommentNode]:
    """Drop hidden and removed comments nobody replied to.

    One that has replies stays as a placeholder, so the thread reads in order;
    the template never prints its text unless the viewer moderates it.
    """
    kept = []
    for node in nodes:
        node.children = _prune(node.children, is_moderator)
        comment = node.comment
        shown = not comment.is_removed and (comment.is_public or is_moderator)
        if shown or node.children:
            kept.append(node)
    return kept


def thread_page_number(user, page, comment, order: str = "oldest") -> int:
    """Which page of the conversation, as `user` sees it in `order`, shows `comment`'s thread."""
    threads = _build_threads(_outline(page, order), services.can_moderate(user, page))
    for index, node in enumerate(threads):
        if node.comment.thread_id == comment.thread_id:
            return index // THREADS_PER_PAGE + 1
    return 1


def _shown_threads(page, order: str, number: int, is_moderator: bool):
    """Page `number` of the threads, its comments loaded in full, and the comment count."""
    outline = list(_outline(page, order))
    # Out of range: the nearest page, as a paginated list does.
    pages = Paginator(_build_threads(outline, is_moderator), THREADS_PER_PAGE).get_page(number)
    threads = list(pages.object_list)
    nodes = {}
    stack = list(threads)
    while stack:
        node = stack.pop()
        nodes[node.comment.pk] = node
        stack.extend(node.children)
    # The comments shown, in full: with the profile too, since each author's
    # name links to their page with an avatar.
    shown = Comment.objects.filter(pk__in=list(nodes)).select_related("user__profile")
    loaded = {comment.pk: comment for comment in shown}
    for pk, node in nodes.items():
        # Deleted since the outline was read: shown as removed, as its replies still need it.
        node.comment = loaded.get(pk) or node.comment._replace(is_removed=True)
    # Who the comments shown mention, asked once for them all.
    mentioned = mentionable(
        set().union(*(mentioned_usernames(comment.comment) for comment in loaded.values()))
    )
    for comment in loaded.values():
        nodes[comment.pk].body_html = link_mentions(comment.body_html, mentioned)
    # Only the reactions to the comments on this page of the conversation.
    shown_reactions = CommentReaction.objects.filter(comment_id__in=list(nodes))
    for reaction in shown_reactions.select_related("user"):
        nodes[reaction.comment_id].reactions.add(reaction.kind, default_display_name(reaction.user))
    if is_moderator:
        flags = Flag.objects.filter(comment__page=page, reviewed_at__isnull=True)
        for flag in flags.select_related("user"):
            if flag.comment_id in nodes:
                nodes[flag.comment_id].open_flags.append(flag)
    count = sum(1 for row in outline if row.is_public and not row.is_removed)
    return pages, nodes, count


def conversation_context(request, page) -> dict:
    user = request.user
    # A page previewed before its first save has no conversation yet.
    if page.pk is None or not services.shows_comments(page):
        return {"conversation": None}
    order = "newest" if request.GET.get("order") == "newest" else "oldest"
    is_moderator = services.can_moderate(user, page)
    requested = request.GET.get(PAGE_PARAMETER)
    # `shows_comments` was checked at the top of this function.
    closed_reason = services.closed_reason_on_shown_page(user, page)
    conversation = {
        "page_parameter": PAGE_PARAMETER,
        "order": order,
        "closed_reason": closed_reason,
        "is_moderator": is_moderator,
        "max_level": settings.COMMENTS_XTD_MAX_THREAD_LEVEL,
    }

    def render(number):
        pages, nodes, count = _shown_threads(page, order, number, is_moderator)
        return pages.number, threads.render(page, conversation, pages, nodes, count)

    if is_moderator:
        # Flags and moderation forms: a moderator's threads are their own.
        rendered = render(page_number(requested))[1]
    else:
        # Every reader who may reply sees the same threads; only the lock, for a
        # signed-in reader, takes the Reply buttons away.
        variant = f"{order}:{int(bool(closed_reason))}"
        rendered = threads.cached(request, page, variant, requested, render)
    page_reactions = ReactionSummary()
    for user_id, kind, name in who_reacted(page):
        page_reactions.add(kind, name, mine=user_id == user.pk)
    conversation.update(
        {
            "threads_html": threads.fill(rendered, request, page),
            "count": rendered.count,
            "page_reactions": page_reactions,
            # A fresh key each time the forms are shown; see Comment.submission_key.
            "form_key": uuid.uuid4().hex,
        }
    )
    return {"conversation": conversation}


# Moderation

# The communities app names the community a page sits in, as an expression over the
# page's tree path, for the Flags listing: this app, below it, does not know communities.
COMMUNITY_TITLE_OF = "conversation_community_title_of"

OPEN_FLAGS_SIZE = 5


def open_flags(user, limit: int = OPEN_FLAGS_SIZE) -> list[dict]:
    """The comments flagged and not yet reviewed that `user` moderates, the latest first:
    for their home page and admin dashboard. No query for someone who moderates nothing."""
    if not services.moderates_anything(user):
        return []
    flagged = (
        Flag.objects.filter(
            reviewed_at__isnull=True,
            comment__in=Comment.objects.filter(services.moderated_comments_filter(user)),
            comment__is_removed=False,
        )
        .values("comment_id", "comment__page__title")
        .annotate(flags=Count("pk"), latest=Max("flagged_at"))
        .order_by("-latest")[:limit]
    )
    return [
        {
            "title": row["comment__page__title"],
            "url": reverse("conversation:comment", args=[row["comment_id"]]),
            "flags": row["flags"],
            "latest": row["latest"],
        }
        for row in flagged
    ]
