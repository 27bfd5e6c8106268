"""Thin views over `services`: read the request, call, answer.

Every form here works as a plain post followed by a redirect back to the
page; conversation.js submits the same forms in the background and swaps in
the page's fresh conversation.
"""

import uuid
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST, require_safe

from wagtail.models import Page

from conversation import queries, services
from conversation.forms import CommentForm, EditCommentForm, FlagForm
from conversation.models import Comment
from intranet.text import editable_text
from intranet.view_restrictions import readable_or_404


def _page_with_comments(request, page_id: int):
    return _in_conversation(request, get_object_or_404(Page.objects.live(), pk=page_id).specific)


def _comment(request, pk: int) -> Comment:
    """A comment in a conversation the reader may read; its page, specific, is attached."""
    comment = get_object_or_404(Comment.objects.select_related("page"), pk=pk)
    comment.page = _in_conversation(request, comment.page.specific)
    return comment


def _in_conversation(request, page):
    """`page` if it holds a conversation the reader may read; a 404 otherwise."""
    if not services.shows_comments(page):
        raise Http404
    return readable_or_404(request, page)


def _back_to(request, page, comment=None, order=""):
    """Back to the page of the conversation that shows `comment`, scrolled to it."""
    order = "newest" if order == "newest" else "oldest"
    query = {"order": "newest"} if order == "newest" else {}
    if comment is not None:
        number = queries.thread_page_number(request.user, page, comment, order)
        if number > 1:
            query[queries.PAGE_PARAMETER] = number
    anchor = f"#comment-{comment.pk}" if comment is not None else "#conversation"
    return redirect(f"{page.url}{'?' + urlencode(query) if query else ''}{anchor}")


def _say(request, error) -> None:
    for message in getattr(error, "messages", None) or [str(error)]:
        messages.error(request, message)


@require_POST
def post_comment(request, page_id):
    page = _page_with_comments(request, page_id)
    form = CommentForm(request.POST)
    status = 400
    if form.is_valid():
        parent = form.cleaned_data["parent"]
        parent_id = parent.pk if parent else None
        try:
            comment = services.post_comment(
                request.user,
                page,
                form.cleaned_data["body"],
                parent=parent,
                # One key per form shown: the top form and each reply form differ.
                submission_key=(
                    f"{form.cleaned_data['key']}-{parent_id or 'top'}"
                    if form.cleaned_data["key"]
                    else ""
                ),
            )
        except services.CommentsClosed as refusal:
            messages.error(request, str(refusal))
            return _back_to(request, page)
        except ValidationError as error:
            form.add_error(None, error)
            if isinstance(error, services.PostingTooFast):
                status = 429
        else:
            return _back_to(request, page, comment, request.POST.get("order", ""))
    # Shown on a page of its own, with the text kept, when JavaScript is off;
    # conversation.js takes just the form from it and shows it in place.
    # Nothing was posted, so trying again may reuse the key.
    key = form.cleaned_data.get("key") or uuid.uuid4().hex
    return TemplateResponse(
        request,
        "conversation/comment_form_page.html",
        {"page": page, "form": form, "key": key},
        status=status,
    )


@require_safe
def reply(request, pk):
    """A page to reply to one comment: the Reply link's destination when JavaScript is off.

    With JavaScript, conversation.js shows the page's one reply form in place instead.
    """
    comment = _comment(request, pk)
    if not comment.is_visible or comment.level >= settings.COMMENTS_XTD_MAX_THREAD_LEVEL:
        raise Http404
    return TemplateResponse(
        request,
        "conversation/reply.html",
        {
            "page": comment.page,
            "comment": comment,
            "closed_reason": services.closed_reason_on_shown_page(request.user, comment.page),
            "key": uuid.uuid4().hex,
        },
    )


def edit_comment(request, pk):
    comment = _comment(request, pk)
    if comment.user_id != request.user.pk:
        raise PermissionDenied
    form = EditCommentForm(request.POST or None, initial={"body": editable_text(comment.comment)})
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_comment(request.user, comment, form.cleaned_data["body"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your comment is updated."))
            return _back_to(request, comment.page, comment)
    return TemplateResponse(
        request,
        "conversation/edit_comment.html",
        {"comment": comment, "page": comment.page, "form": form},
        status=400 if form.errors else 200,
    )


@require_POST
def delete_comment(request, pk):
    comment = _comment(request, pk)
    services.delete_comment(request.user, comment)
    messages.success(request, _("Your comment is deleted."))
    return _back_to(request, comment.page, comment)


def _react(request, react, target, page, comment=None):
    try:
        react(request.user, target, request.POST.get("kind", ""))
    except ValidationError as error:
        _say(request, error)
    return _back_to(request, page, comment)


@require_POST
def react_to_comment(request, pk):
    comment = _comment(request, pk)
    return _react(request, services.react_to_comment, comment, comment.page, comment)


@require_POST
def react_to_page(request, page_id):
    page = _page_with_comments(request, page_id)
    return _react(request, services.react_to_page, page, page)


def flag_comment(request, pk):
    comment = _comment(request, pk)
    if not comment.is_visible:
        raise Http404
    form = FlagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.flag_comment(
                request.user, comment, form.cleaned_data["reason"], form.cleaned_data["note"]
            )
        except ValidationError as error:
            _say(request, error)
        else:
            if created:
                messages.success(request, _("Thank you: the moderators will take a look."))
            else:
                messages.info(request, _("You have already flagged this comment."))
        return _back_to(request, comment.page, comment)
    return TemplateResponse(
        request,
        "conversation/flag_comment.html",
        {"comment": comment, "page": comment.page, "form": form},
    )


MODERATION_ACTIONS = {
    "hide": (services.hide_comment, _("The comment is hidden.")),
    "restore": (services.restore_comment, _("The comment is shown again.")),
    "dismiss": (services.dismiss_flags, _("The flags are dismissed; the comment stays.")),
}


@require_POST
def moderate(request, pk):
    comment = _comment(request, pk)
    action = MODERATION_ACTIONS.get(request.POST.get("action", ""))
    if action is None:
        messages.error(request, _("Choose hide, restore or dismiss."))
        return _back_to(request, comment.page, comment)
    do, done = action
    # NotAModerator is a PermissionDenied: a crafted post from anyone else gets a 403.
    do(request.user, comment)
    messages.success(request, done)
    return _back_to(request, comment.page, comment)


@require_POST
def lock(request, page_id):
    page = _page_with_comments(request, page_id)
    locked = request.POST.get("locked") == "1"
    services.set_locked(request.user, page, locked)
    messages.success(
        request,
        _("The conversation is locked.") if locked else _("The conversation is open again."),
    )
    return _back_to(request, page)


def permalink(request, pk):
    """The address of one comment: its page, scrolled to it."""
    comment = _comment(request, pk)
    if comment.is_removed or not (
        comment.is_public or services.can_moderate(request.user, comment.page)
    ):
        raise Http404
    return _back_to(request, comment.page, comment)
