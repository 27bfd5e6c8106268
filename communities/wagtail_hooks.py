"""The communities' admin: team sync on save, team warnings, back-office listings, and the
files of a private community let out with its page's password; and what the people pages
show of communities (`people.contributions`)."""

from django.contrib import messages
from django.contrib.admin import SimpleListFilter
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

from communities import collection_privacy, queries, reports, services, views, visibility
from communities.models import (
    CommunityPage,
    CommunityTeamMember,
    Membership,
    MembershipEvent,
    Visibility,
)
from conversation.queries import COMMUNITY_TITLE_OF
from intranet.admin_listings import ReadOnlyPermissionHelper
from people.contributions import DIRECTORY_FILTERS, PERSON_READER_SECTIONS, PERSON_SECTIONS


class CommunityFilter(SimpleListFilter):
    """Filter by community.

    Django's own foreign-key filter asks `django.contrib.admin`'s site for the
    ordering, and that app is not installed here; this one needs nothing but
    the pages.
    """

    title = _("community")
    parameter_name = "community"
    # The field holding the community, on the model being listed.
    field_name = "community"

    def lookups(self, request, model_admin):
        return CommunityPage.objects.order_by("title").values_list("pk", "title")

    def queryset(self, request, queryset):
        # Anything but an id (a hand-edited URL) shows the whole list.
        if not (self.value() or "").isdigit():
            return queryset
        return queryset.filter(**{f"{self.field_name}_id": self.value()})


class TeamCommunityFilter(CommunityFilter):
    field_name = "page"


# Both hooks run on "Save draft" as well as on "Publish", with the page as the
# editor just submitted it, so a person removed from the team loses their
# rights as soon as the page is saved, not only once it is published.
@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def sync_team_after_save(request, page):
    if isinstance(page, CommunityPage):
        services.sync_team_permissions(page)


@hooks.register("before_serve_page")
def pass_community_files(page, request, serve_args, serve_kwargs):
    # A reader who gave a private community's password on its page sees its
    # files too. Only passwords given are acted on, so this may run before or
    # after Wagtail's own check of the page's restrictions.
    collection_privacy.pass_collections_behind(request, page)


# Outside the intranet's own check (order -10), which answers 404 to a signed-in
# reader a page's groups keep out.
@hooks.register("on_serve_page", order=-20)
def front_door_of_closed_communities(serve):
    """A closed community shows its name and purpose to everyone, and how to join: the rest
    of it, and everything below it, stays its readers' (`communities.visibility`)."""

    def serve_or_front_door(page, request, args, kwargs):
        if visibility.sees_front_door(request, page):
            return views.front_door(request, page)
        return serve(page, request, args, kwargs)

    return serve_or_front_door


@hooks.register("before_edit_page")
def warn_about_team(request, page):
    # Only when the form is shown: after a POST the editor is redirected back
    # here, and would otherwise read each warning twice.
    if request.method == "GET" and isinstance(page, CommunityPage):
        for warning in services.team_warnings(page):
            messages.warning(request, warning)
        above = page.private_above()
        if above is not None and page.visibility == Visibility.OPEN:
            messages.info(
                request,
                _(
                    "“%(title)s” is inside “%(above)s”, which is not open: only those who "
                    "read it read this community, whatever its visibility here."
                )
                % {"title": page.title, "above": above.title},
            )


# A person's page lists their communities, then their discussions; the guides
# and comments sections come after (300 and 400).
hooks.register(PERSON_SECTIONS, queries.PersonCommunities, order=100)
hooks.register(PERSON_SECTIONS, queries.PersonDiscussions, order=200)
hooks.register(PERSON_READER_SECTIONS, queries.PeopleToKnow)
hooks.register(DIRECTORY_FILTERS, queries.DirectoryCommunityFilter)
hooks.register(COMMUNITY_TITLE_OF, queries.community_title_of)


class MembersReportMenuItem(MenuItem):
    def is_shown(self, request):
        return reports.membership_policy.user_has_permission(request.user, "view")


@hooks.register("register_admin_urls")
def register_members_report_urls():
    view = reports.MembersReportView
    return [
        path("reports/community-members/", view.as_view(), name=view.index_url_name),
        path(
            "reports/community-members/results/",
            view.as_view(results_only=True),
            name=view.index_results_url_name,
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_members_report_menu_item():
    return MembersReportMenuItem(
        reports.MembersReportView.page_title,
        reverse(reports.MembersReportView.index_url_name),
        name="community-members",
        icon_name="group",
        order=850,
    )


PERSON_SEARCH_FIELDS = ("user__username", "user__first_name", "user__last_name", "user__email")


class MembershipAdmin(ModelAdmin):
    model = Membership
    menu_label = _("Memberships")
    menu_icon = "group"
    list_display = ("user", "community", "joined_at")
    list_filter = (CommunityFilter,)
    search_fields = PERSON_SEARCH_FIELDS
    list_select_related = ("user", "community")


class TeamMemberAdmin(ModelAdmin):
    model = CommunityTeamMember
    menu_label = _("Team members")
    menu_icon = "user"
    list_display = ("user", "page", "discipline", "role")
    list_filter = (TeamCommunityFilter, "discipline", "role")
    search_fields = PERSON_SEARCH_FIELDS
    list_select_related = ("user", "page")
    permission_helper_class = ReadOnlyPermissionHelper


class MembershipLogAdmin(ModelAdmin):
    """Who did what to whom, when and why: written by the membership actions, read here."""

    model = MembershipEvent
    menu_label = _("Membership log")
    menu_icon = "history"
    list_display = ("at", "community", "person", "action", "actor", "reason")
    list_filter = (CommunityFilter, "action")
    search_fields = (
        "person__username",
        "person__first_name",
        "person__last_name",
        "actor__username",
        "reason",
    )
    list_select_related = ("community", "person", "actor")
    permission_helper_class = ReadOnlyPermissionHelper


@modeladmin_register
class CommunitiesAdminGroup(ModelAdminGroup):
    menu_label = _("Communities")
    menu_icon = "group"
    items = (MembershipAdmin, TeamMemberAdmin, MembershipLogAdmin)
