"""Thin views over `services`: read the request, call, answer."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from wagtail.models import Page

from intranet.paging import paginate
from intranet.view_restrictions import addresses, kept_out, readable_or_404
from notifications import services
from notifications.forms import EmailPreferencesForm
from notifications.models import Notification, NotificationKind

NOTIFICATIONS_PER_PAGE = 30
# The bell's drop-down: a glance at the newest; the list holds the rest.
LATEST_COUNT = 5


def _is_here(request, target: str) -> bool:
    """Whether `target` is an address on this intranet, safe to redirect to."""
    return url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )


def _back(request, fallback: str):
    """To the `next` the form names, when it is on this intranet; else `fallback`."""
    target = request.POST.get("next", "")
    return redirect(target if _is_here(request, target) else fallback)


def _readable(request):
    """The reader's notifications, newest first.

    What links into a place the reader is kept out of (a community gone private since) is
    left out, as every list leaves it out.
    """
    return services.without_places(
        Notification.objects.filter(recipient=request.user).select_related("actor"),
        addresses(kept_out(request).pages),
    )


def notification_list(request):
    notifications = _readable(request)
    return TemplateResponse(
        request,
        "notifications/list.html",
        {"notifications": paginate(notifications, request.GET.get("page"), NOTIFICATIONS_PER_PAGE)},
    )


@require_safe
def latest(request):
    """The bell's drop-down, fetched when it opens so that no other page pays for it."""
    return TemplateResponse(
        request,
        "notifications/includes/latest.html",
        {"notifications": _readable(request)[:LATEST_COUNT]},
    )


@require_safe
def open_notification(request, pk):
    """Opening a notification reads it: mark it read, then go where it points."""
    # Someone else's notification is answered as missing, whatever its id.
    notification = get_object_or_404(_readable(request), pk=pk)
    services.mark_read(request.user, notification.pk)
    # Links are written by the intranet itself; one that leads elsewhere is not followed.
    if not _is_here(request, notification.url):
        messages.warning(request, _("That notification’s link leads outside the intranet."))
        return redirect("notifications:list")
    return redirect(notification.url)


@require_POST
def mark_read(request, pk):
    # Someone else's notification is answered as missing, whatever its id.
    get_object_or_404(Notification, pk=pk, recipient=request.user)
    services.mark_read(request.user, pk)
    return _back(request, "notifications:list")


@require_POST
def mark_all_read(request):
    count = services.mark_all_read(request.user)
    if count:
        messages.success(request, _("Every notification is marked as read."))
    return _back(request, "notifications:list")


def preferences(request):
    form = EmailPreferencesForm(request.POST or None, initial=services.preferences_of(request.user))
    if request.method == "POST" and form.is_valid():
        services.set_preferences(request.user, form.cleaned_data)
        messages.success(request, _("Your email preferences are saved."))
        return redirect("notifications:preferences")
    return TemplateResponse(
        request,
        "notifications/preferences.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


# A mail client's one-click unsubscribe (RFC 8058) posts without a CSRF token;
# the signed token in the URL is what proves the request. Opening the link only
# asks: mail scanners open links, and must not unsubscribe anyone.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    try:
        link = services.read_unsubscribe_token(token)
    except signing.SignatureExpired:
        context, status = {"expired": True}, 400
    except signing.BadSignature:
        context, status = {}, 400
    else:
        if request.method == "POST":
            services.unsubscribe(link)
        kinds = [NotificationKind(kind).label for kind in link.kinds]
        context, status = {"kinds": kinds, "done": request.method == "POST"}, 200
    return TemplateResponse(request, "notifications/unsubscribe.html", context, status=status)


def _toggle(request, toggle, target, fallback: str, followed: str, unfollowed: str):
    try:
        following = toggle(request.user, target)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, followed if following else unfollowed)
    return _back(request, fallback)


@require_POST
def follow_page(request, page_id):
    page = readable_or_404(request, get_object_or_404(Page.objects.live(), pk=page_id))
    # Wagtail's root page has no address: nobody reads it, so nobody follows it.
    if page.url is None:
        raise Http404
    return _toggle(
        request,
        services.toggle_page_follow,
        page,
        page.url,
        _("You follow this discussion: new comments reach your notifications."),
        _("You no longer follow this discussion."),
    )


@require_POST
def follow_person(request, username):
    person = get_object_or_404(get_user_model(), username=username)
    return _toggle(
        request,
        services.toggle_person_follow,
        person,
        reverse("people:person", args=[username]),
        _("You follow this person: their new discussions reach your home page."),
        _("You no longer follow this person."),
    )
