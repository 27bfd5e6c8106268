"""Thin views over `services` and `queries`: read the request, call, answer."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from wagtail.models import Site

from communities import membership, queries, services, visibility
from communities.forms import (
    AddMemberForm,
    AnswerInvitationForm,
    AnswerRequestForm,
    AskToJoinForm,
    DiscussionForm,
    PromoteForm,
    RemoveMemberForm,
)
from communities.models import (
    CommunityPage,
    DiscussionPage,
    Membership,
    MembershipEvent,
    TeamRole,
    Visibility,
)
from intranet.paging import paginate
from intranet.text import editable_text
from intranet.view_restrictions import kept_out, may_read, outside, readable_or_404
from people.models import Discipline
from people.queries import CHOOSER_MAX_LENGTH
from people.services import default_display_name


def _live_community(request, pk: int) -> CommunityPage:
    """The community, if published and the reader passes its view restrictions; else a 404,
    for a look and for every action alike."""
    return readable_or_404(request, get_object_or_404(CommunityPage.objects.live(), pk=pk))


def _known_community(request, pk: int) -> CommunityPage:
    """The community, if published and the reader reads it or may know of it (a closed one,
    or one they are invited to: `visibility.may_know_of`); else a 404."""
    community = get_object_or_404(CommunityPage.objects.live(), pk=pk)
    if may_read(request, community) or visibility.may_know_of(request, community):
        return community
    raise Http404


def front_door(request, community: CommunityPage) -> TemplateResponse:
    """What a community shows someone who may know of it but not read it: its name,
    purpose and team, and how to join."""
    return TemplateResponse(
        request,
        "communities/front_door.html",
        {
            "page": community,
            "self": community,
            "team": community.team_members.select_related("user__profile"),
            **queries.joining_context(request.user, community, is_member=False),
        },
    )


def about(request, pk):
    """Where a notification about joining links: the community's page for its readers, its
    front door for others who may know of it, a 404 for everyone else.

    Not the page's own address, which the notification centre leaves out for
    whoever it keeps out (`notifications.services.without_places`).
    """
    community = get_object_or_404(CommunityPage.objects.live(), pk=pk)
    if may_read(request, community):
        return redirect(community.url)
    if visibility.may_know_of(request, community):
        return front_door(request, community)
    if MembershipEvent.objects.filter(person=request.user, community=community).exists():
        # Someone removed from a secret community, or who declined to join it, still
        # holds notifications about it: their link says so rather than a 404, and
        # shows nothing they did not know.
        messages.info(
            request,
            _("You no longer have access to “%(community)s”.") % {"community": community.title},
        )
        return redirect("communities:index")
    raise Http404


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
    try:
        left = services.leave_community(request.user, community)
    except ValidationError as refusal:
        _say(request, refusal)
        return redirect(community.url)
    if left:
        messages.success(
            request, _("You have left %(community)s.") % {"community": community.title}
        )
    else:
        messages.info(
            request, _("You were not a member of %(community)s.") % {"community": community.title}
        )
    # Someone who left a secret community no longer finds it: they land on the list.
    if may_read(request, community) or visibility.may_know_of(request, community):
        return redirect(community.url)
    return redirect("communities:index")


def members(request, pk):
    """The members, searchable by name; the team also finds people to add or invite,
    answers requests to join, and removes or promotes members."""
    community = _live_community(request, pk)
    query = request.GET.get("q", "").strip()[: queries.SEARCH_MAX_LENGTH]
    is_on_team = services.is_on_team(request.user, community)
    context = {
        "community": community,
        "query": query,
        "members": paginate(
            queries.search_members(community, query),
            request.GET.get("page"),
            queries.MEMBERS_PER_PAGE,
        ),
        "is_on_team": is_on_team,
        "add_member_form": None,
    }
    if is_on_team:
        find = request.GET.get("find", "").strip()[:CHOOSER_MAX_LENGTH]
        context.update(
            {
                "find": find,
                "find_min_length": queries.CHOOSER_MIN_LENGTH,
                "matches": [queries.chooser_entry(p) for p in queries.find_people(find)],
                "add_member_form": AddMemberForm(),
                "join_requests": membership.pending_requests(community),
                "invitations": membership.pending_invitations(community),
                "disciplines": Discipline.choices,
                "roles": TeamRole.choices,
                # Only a lead names or changes a lead (`membership.promote_member`).
                "can_name_leads": services.is_lead(request.user, community),
            }
        )
        team = queries.team_places(community)
        for member in context["members"]:
            member.team_place = team.get(member.user_id)
    return TemplateResponse(request, "communities/members.html", context)


@require_GET
def find_people(request, pk):
    """The people chooser's answers, for the team: a few active people, as JSON."""
    community = _live_community(request, pk)
    if not services.is_on_team(request.user, community):
        raise PermissionDenied
    found = queries.find_people(request.GET.get("q", ""))
    return JsonResponse({"people": [queries.chooser_entry(person) for person in found]})


def _say(request, refusal: ValidationError) -> None:
    for message in refusal.messages:
        messages.error(request, message)


def _form_errors(request, form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


def _back_to_members(community: CommunityPage, anchor: str = ""):
    return redirect(reverse("communities:members", args=[community.pk]) + anchor)


def _require_team(request, community: CommunityPage, refusal: str) -> None:
    """The team's actions check the rule before reading the form: a crafted post from
    outside the team gets a 403 (NotOnTheTeam is a PermissionDenied), changes nothing
    and learns nothing from the form's errors. The services check it again."""
    if not services.is_on_team(request.user, community):
        raise services.NotOnTheTeam(refusal)


def _team_action(request, pk, form_class, refusal: str, act, anchor: str = ""):
    """Check the team's rule, read the form, `act(community, cleaned_data)` and say how it
    went (`act` returns a message level and text, or raises a ValidationError that says
    why nothing changed); then back to the members page."""
    community = _live_community(request, pk)
    _require_team(request, community, refusal)
    form = form_class(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return _back_to_members(community, anchor)
    try:
        level, message = act(community, form.cleaned_data)
    except ValidationError as refused:
        _say(request, refused)
    else:
        messages.add_message(request, level, message)
    return _back_to_members(community, anchor)


@require_POST
def add_member(request, pk):
    def act(community, data):
        name = default_display_name(data["person"])
        if services.add_member(request.user, data["person"], community):
            return messages.SUCCESS, _("%(name)s is now a member.") % {"name": name}
        return messages.INFO, _("%(name)s was already a member.") % {"name": name}

    return _team_action(
        request, pk, AddMemberForm, _("Only the community's team can add members."), act, "#add"
    )


@require_POST
def invite(request, pk):
    def act(community, data):
        membership.invite(request.user, data["person"], community, data["message"])
        return messages.SUCCESS, _("%(name)s is invited.") % {
            "name": default_display_name(data["person"])
        }

    return _team_action(
        request, pk, AddMemberForm, _("Only the community's team can invite people."), act, "#add"
    )


@require_POST
def remove_member(request, pk):
    def act(community, data):
        membership.remove_member(request.user, data["person"], community, data["reason"])
        name = default_display_name(data["person"])
        return messages.SUCCESS, _("%(name)s is no longer a member.") % {"name": name}

    return _team_action(
        request, pk, RemoveMemberForm, _("Only the community's team can remove members."), act
    )


@require_POST
def promote_member(request, pk):
    def act(community, data):
        membership.promote_member(
            request.user, data["person"], community, data["discipline"], data["role"]
        )
        name = default_display_name(data["person"])
        role = TeamRole(data["role"]).label
        return messages.SUCCESS, _(
            "%(name)s is on the team as %(role)s, and the page is published."
        ) % {"name": name, "role": role}

    return _team_action(
        request, pk, PromoteForm, _("Only the community's team can change the team."), act
    )


@require_POST
def answer_request(request, pk):
    def act(community, data):
        approve = data["decision"] == "approve"
        answered = membership.answer_request(request.user, data["join_request"], community, approve)
        name = default_display_name(answered.user)
        if approve:
            return messages.SUCCESS, _("%(name)s is now a member.") % {"name": name}
        return messages.SUCCESS, _("%(name)s's request is declined.") % {"name": name}

    return _team_action(
        request,
        pk,
        AnswerRequestForm,
        _("Only the community's team can answer requests."),
        act,
        anchor="#requests",
    )


@require_POST
def ask_to_join(request, pk):
    community = _known_community(request, pk)
    form = AskToJoinForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect(community.url)
    try:
        membership.ask_to_join(request.user, community, form.cleaned_data["message"])
    except ValidationError as refusal:
        _say(request, refusal)
    else:
        messages.success(
            request,
            _("Your request to join %(community)s is sent: its team will answer.")
            % {"community": community.title},
        )
    return redirect(community.url)


@require_POST
def withdraw_request(request, pk):
    community = _known_community(request, pk)
    try:
        membership.withdraw_request(request.user, community)
    except ValidationError as refusal:
        _say(request, refusal)
    else:
        messages.success(
            request,
            _("Your request to join %(community)s is withdrawn.") % {"community": community.title},
        )
    return redirect(community.url)


@require_POST
def answer_invitation(request, pk):
    community = _known_community(request, pk)
    form = AnswerInvitationForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect(community.url)
    try:
        joined = membership.answer_invitation(
            request.user, community, form.cleaned_data["decision"] == "accept"
        )
    except ValidationError as refusal:
        _say(request, refusal)
    else:
        if joined:
            messages.success(
                request, _("Welcome to %(community)s.") % {"community": community.title}
            )
        else:
            messages.info(request, _("You declined the invitation."))
            # Not to the community: a secret one no longer lets them in.
            return redirect("communities:index")
    return redirect(community.url)


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
