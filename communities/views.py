"""Thin views over `services` and `queries`: read the request, call, answer."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from wagtail.models import Site

from communities import queries, services
from communities.forms import AddMemberForm, DiscussionForm
from communities.models import CommunityPage, DiscussionPage, Membership, Visibility
from intranet.paging import paginate
from intranet.text import editable_text
from intranet.view_restrictions import kept_out, outside, readable_or_404


def _live_community(request, pk: int) -> CommunityPage:
    """The community, if published and the reader passes its view restrictions; else a 404,
    for a look and for every action alike."""
    return readable_or_404(request, get_object_or_404(CommunityPage.objects.live(), pk=pk))


def index(request):
    """Every top-level community the visitor may know of, and the ones they belong to.

    A closed community is listed for everyone, by its name and purpose; a
    secret one only for its readers (`communities.visibility`).
    """
    site = Site.find_for_request(request)
    every = queries.communities_with_member_counts()
    communities = outside(every, kept_out(request).pages)
    closed = every.filter(visibility=Visibility.CLOSED)
    top_level = (communities | closed).child_of(site.root_page) if site else every.none()
    mine = communities.filter(
        pk__in=Membership.objects.filter(user=request.user).values("community_id")
    )
    return TemplateResponse(
        request,
        "communities/index.html",
        {"top_level_communities": top_level, "my_communities": mine},
    )


@require_POST
def join(request, pk):
    community = _live_community(request, pk)
    try:
        joined = services.join_community(request.user, community)
    except services.InvitationOnly as refusal:
        messages.error(request, str(refusal))
    else:
        if joined:
            messages.success(
                request, _("Welcome to %(community)s.") % {"community": community.title}
            )
        else:
            messages.info(
                request,
                _("You are already a member of %(community)s.") % {"community": community.title},
            )
    return redirect(community.url)


@require_POST
def leave(request, pk):
    community = _live_community(request, pk)
    if services.leave_community(request.user, community):
        messages.success(
            request, _("You have left %(community)s.") % {"community": community.title}
        )
    else:
        messages.info(
            request, _("You were not a member of %(community)s.") % {"community": community.title}
        )
    return redirect(community.url)


def members(request, pk):
    """The members, searchable by name; the team also gets a form to add people."""
    community = _live_community(request, pk)
    query = request.GET.get("q", "").strip()[: queries.SEARCH_MAX_LENGTH]
    is_on_team = services.is_on_team(request.user, community)
    return TemplateResponse(
        request,
        "communities/members.html",
        {
            "community": community,
            "query": query,
            "members": paginate(
                queries.search_members(community, query),
                request.GET.get("page"),
                queries.MEMBERS_PER_PAGE,
            ),
            "is_on_team": is_on_team,
            "add_member_form": AddMemberForm() if is_on_team else None,
        },
    )


@require_POST
def add_member(request, pk):
    community = _live_community(request, pk)
    form = AddMemberForm(request.POST)
    if not form.is_valid():
        for error in form.errors["username"]:
            messages.error(request, error)
        return redirect("communities:members", pk=community.pk)
    person = form.cleaned_data["username"]
    name = person.get_full_name() or person.get_username()
    # NotOnTheTeam is a PermissionDenied: a crafted post from outside the team gets a 403.
    if services.add_member(request.user, person, community):
        messages.success(request, _("%(name)s is now a member.") % {"name": name})
    else:
        messages.info(request, _("%(name)s was already a member.") % {"name": name})
    return redirect("communities:members", pk=community.pk)


def start_discussion(request, pk):
    community = _live_community(request, pk)
    if not services.can_start_discussion(request.user, community):
        messages.info(
            request,
            _("Join %(community)s to start a discussion.") % {"community": community.title},
        )
        return redirect(community.url)

    form = DiscussionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            discussion = services.start_discussion(
                request.user, community, form.cleaned_data["title"], form.cleaned_data["body"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your discussion is published."))
            return redirect(discussion.url)
    return TemplateResponse(
        request, "communities/start_discussion.html", {"community": community, "form": form}
    )


def edit_discussion(request, pk):
    discussion = readable_or_404(request, get_object_or_404(DiscussionPage.objects.live(), pk=pk))
    if not services.can_edit_discussion(request.user, discussion):
        raise PermissionDenied
    form = DiscussionForm(
        request.POST or None,
        initial={"title": discussion.title, "body": editable_text(discussion.body)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_discussion(
                request.user, discussion, form.cleaned_data["title"], form.cleaned_data["body"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your changes are published."))
            return redirect(discussion.url)
    return TemplateResponse(
        request,
        "communities/edit_discussion.html",
        {"discussion": discussion, "form": form},
    )
