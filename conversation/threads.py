"""A page of a conversation's threads: rendered once for all, cached, and filled in for each.

A long conversation looks the same to every employee but for what is their
own: which reactions they chose, Edit and Delete under their comments (Flag
under the others'), and the CSRF token in each form. Those are holes
(`intranet.holes`); the rest is rendered once and cached until a comment, a
reaction or a name changes. This is the only HTML shared between readers with
holes in it: the header, the section around the threads and every other box
are plain templates rendered for each request.

Measured on 2026-12-07, in one process with Django's test client on SQLite:
the 200-comment discussion of `benchmarks.large_data` (its first page of 20
threads shows 30 comments, 65 KB of HTML), read by an employee who does not
moderate it, with 3 comments and 3 reactions of their own on that page;
median of 40 warm requests, the three ways taking turns:

    threads rendered once with holes, cached        26.5 ms   8 queries
    rendered for each reader, their data cached     76.1 ms   8 queries
    rendered for each reader, nothing cached        99.1 ms  11 queries

Rendering the comments is most of the page: the holes take two thirds off its
time. The HTML was the same but for the tokens and form keys. The machine was
shared, so the times are long; two more runs gave the same ratios (13.8, 41.1
and 58.1 ms; 27.4, 83.0 and 112.0 ms).
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.middleware.csrf import get_token
from django.utils import timezone, translation

from conversation.models import CommentReaction
from conversation.templatetags.conversation_tags import comment_actions, reaction_button
from intranet.caching import LIFETIME, stamp
from intranet.holes import Holes, Prefilled, csrf
from intranet.paging import page_number


@dataclass(frozen=True)
class RenderedThreads:
    # Filled in as a reader who reacted to nothing and wrote nothing sees it.
    html: Prefilled
    # The comments anyone can read, on every page of threads.
    count: int
    # Each readable comment shown, with its author's id (None for a former colleague).
    authors: dict[int, int | None]


def cached(request, page, variant: str, requested: str | None, render) -> "RenderedThreads":
    """The page `requested` of `page`'s threads as every reader sees them, cached.

    Keyed as a template fragment is: the page's conversation and people's
    names (`conversation.signals`, `people.signals`), the language and the
    time zone. `render(number)` returns the number of the page it shows with
    the threads: a number past the last shows the last, and is never cached
    under its own number. A preview renders afresh, as Wagtail's cache tags do.
    """
    number = page_number(requested)
    if getattr(request, "is_preview", False):
        return render(number)[1]
    key = make_template_fragment_key(
        "threads",
        [
            page.pk,
            variant,
            number,
            stamp(f"conversation:{page.pk}"),
            stamp("profiles"),
            translation.get_language(),
            timezone.get_current_timezone_name(),
        ],
    )
    rendered = cache.get(key)
    if rendered is None:
        shown, rendered = render(number)
        if shown == number:
            cache.set(key, rendered, LIFETIME)
    return rendered


def render(page, conversation: dict, pages, nodes: dict, count: int) -> RenderedThreads:
    """Render `pages`' threads (`nodes` by comment id), with holes for what is each reader's."""
    prefilled = Holes().render(
        "conversation/includes/threads.html",
        {
            "page": page,
            "conversation": conversation,
            "threads": pages.object_list,
            "pages": pages,
        },
        # As a reader who reacted to nothing and wrote nothing sees them.
        {
            "react": lambda pk, kind: reaction_button(kind, False),
            "actions": lambda pk: comment_actions(int(pk), False, ""),
        },
    )
    authors = {
        pk: node.comment.user_id
        for pk, node in nodes.items()
        if node.comment.is_public and not node.comment.is_removed
    }
    return RenderedThreads(html=prefilled, count=count, authors=authors)


def fill(rendered: RenderedThreads, request, page) -> str:
    """The threads as `request`'s reader sees them: one query, for their reactions.

    Only the places that are theirs change: the CSRF token in every form, the
    reactions they chose and the actions under their own comments.
    """
    user = request.user
    token = get_token(request)
    values = csrf(token)
    if rendered.authors:
        # On the whole page: the query has one shape whichever threads are shown.
        reactions = CommentReaction.objects.filter(user=user, comment__page=page)
        for comment_id, kind in reactions.values_list("comment_id", "kind"):
            values[("react", (str(comment_id), kind))] = reaction_button(kind, True)
    # A locked conversation takes no edits either.
    if not page.comments_locked:
        for pk, author_id in rendered.authors.items():
            if author_id == user.pk:
                values[("actions", (str(pk),))] = comment_actions(pk, True, token)
    return rendered.html.fill(values)
