"""Who belongs where: every community's members and team, for an administrator's audit."""

from django.db.models import CharField, DateTimeField, F, Value
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from communities.models import CommunityTeamMember, Membership
from intranet.spreadsheets import TextCellsExportMixin

# Those who may see every membership in the back office (`MembershipAdmin`) see this too.
membership_policy = ModelPermissionPolicy(Membership)


class MembersReportView(TextCellsExportMixin, ReportView):
    """One row for each membership and each place on a team, community by community, with
    the community's visibility: who reads each closed or secret community, and why."""

    page_title = _("Who belongs where")
    header_icon = "group"
    index_url_name = "communities_members_report"
    index_results_url_name = "communities_members_report_results"
    permission_policy = membership_policy
    permission_required = "view"
    paginate_by = 50
    export_filename = "community-members"
    columns = [
        Column("community_title", label=_("Community")),
        Column("visibility", label=_("Visibility")),
        Column("username", label=_("Username")),
        Column("first_name", label=_("First name")),
        Column("last_name", label=_("Last name")),
        Column("email", label=_("Email")),
        Column("belongs_as", label=_("Role")),
        DateColumn("since", label=_("Since")),
    ]
    list_export = [column.name for column in columns]
    export_headings = {column.name: column.label for column in columns}

    def get_queryset(self):
        # The same columns in the same order on both sides of the union, each side
        # unordered: a compound statement takes one ORDER BY, at its end.
        members = Membership.objects.order_by().values(
            **_columns("community", "user"),
            belongs_as=Value("member", output_field=CharField()),
            since=F("joined_at"),
        )
        teams = CommunityTeamMember.objects.order_by().values(
            **_columns("page", "user"),
            belongs_as=F("role"),
            since=Value(None, output_field=DateTimeField()),
        )
        return members.union(teams, all=True).order_by("community_title", "username", "belongs_as")


def _columns(community: str, person: str) -> dict:
    return {
        "community_title": F(f"{community}__title"),
        "visibility": F(f"{community}__visibility"),
        **{
            field: F(f"{person}__{field}")
            for field in ("username", "first_name", "last_name", "email")
        },
    }
