"""Reports for decision makers and for tidying up, with CSV and XLSX export.

Each report shows the communities (or pages) the reader may see: everything
for Insights readers, their teams' subtrees for community owners. Every count
goes through `privacy.masked`, on screen and in the exports alike.
"""

import datetime
from functools import cached_property
from types import SimpleNamespace

import django_filters

from django.contrib.auth import get_user_model
from django.db.models import F, IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets import HeaderButton
from wagtail.models import Page

from guides.models import GuidePage
from guides.reviews import reviewed_models
from insights.health import last_complete_day
from insights.models import CommunityDay, PageDay
from insights.privacy import THRESHOLD, masked
from insights.services import request_scope
from intranet.spreadsheets import TextCellsExportMixin
from intranet.view_restrictions import kept_out_by_groups, outside

# How far back "few or no views" and "nobody completes" look.
LOOKBACK_DAYS = 90
DEFAULT_PERIOD_DAYS = 28
NO_OWNER = _("Nobody: give it an owner")
ENGAGEMENT_SUMS = (
    "joins",
    "leaves",
    "views",
    "discussions",
    "comments",
    "reactions",
    "completions",
    "acknowledgements",
)


class InsightsReportView(TextCellsExportMixin, ReportView):
    """A report only community owners and Insights readers may open, answering 403 to others.

    Subclasses turn a page of the queryset into masked rows in `rows`: the
    table on screen and the export both show those rows, so both show the
    same figures and the same "< 5".
    """

    # The export links stand in the header as buttons, not in the "more" menu.
    show_export_buttons = False
    custom_value_preprocess = {
        **ReportView.custom_value_preprocess,
        # ISO 8601 to the second: what a spreadsheet reads as a date and time.
        datetime.datetime: {
            **ReportView.custom_value_preprocess[datetime.datetime],
            TextCellsExportMixin.FORMAT_CSV: lambda value: value.isoformat(timespec="seconds"),
        },
    }

    def dispatch(self, request, *args, **kwargs):
        # Imported here: views imports the dashboard, which the hooks load first.
        from insights.views import forbidden

        self.scope = request_scope(request)
        if not self.scope.reads_any:
            return forbidden(request)
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def header_buttons(self):
        return [
            HeaderButton(_("Download CSV"), url=self.csv_export_url, icon_name="download"),
            HeaderButton(_("Download Excel"), url=self.xlsx_export_url, icon_name="download"),
        ]

    def get_table(self, object_list):
        # Wagtail builds the table from the raw page of results before it calls
        # `decorate_paginated_queryset` (ReportView.get): the rows are made
        # here, once, and the export below reads the same ones.
        self.shown_rows = self.rows(object_list)
        return super().get_table(self.shown_rows)

    def decorate_paginated_queryset(self, object_list):
        return self.shown_rows


def masked_row(pk: int | None = None, **values) -> SimpleNamespace:
    """A report row whose integers are masked, ready for the table and the export alike.

    `pk` is the page's id, for its link: an id, not a count.
    """
    return SimpleNamespace(
        pk=pk,
        **{
            name: masked(value) if isinstance(value, int) and not isinstance(value, bool) else value
            for name, value in values.items()
        },
    )


# Community engagement over a period


class EngagementFilterSet(WagtailFilterSet):
    day = django_filters.DateFromToRangeFilter(label=_("Between"))

    class Meta:
        model = CommunityDay
        fields = []


class EngagementReportView(InsightsReportView):
    page_title = _("Community engagement")
    header_icon = "pick"
    index_url_name = "insights_engagement_report"
    index_results_url_name = "insights_engagement_report_results"
    filterset_class = EngagementFilterSet
    export_filename = "community-engagement"
    columns = [
        Column("community", label=_("Community")),
        Column("members", label=_("Members at the end")),
        Column("joins", label=_("Joined")),
        Column("leaves", label=_("Left")),
        Column("views", label=_("Views")),
        Column("discussions", label=_("Discussions started")),
        Column("comments", label=_("Comments")),
        Column("reactions", label=_("Reactions")),
        Column("completions", label=_("Guide completions")),
        Column("acknowledgements", label=_("Acknowledgements")),
    ]
    list_export = ["community", "first_day", "last_day", "members", *ENGAGEMENT_SUMS]
    export_headings = {
        "community": _("Community"),
        "first_day": _("From"),
        "last_day": _("To"),
        "members": _("Members at the end"),
        "joins": _("Joined"),
        "leaves": _("Left"),
        "views": _("Views"),
        "discussions": _("Discussions started"),
        "comments": _("Comments"),
        "reactions": _("Reactions"),
        "completions": _("Guide completions"),
        "acknowledgements": _("Acknowledgements"),
    }

    def period(self) -> tuple[datetime.date, datetime.date]:
        """The days asked for, within the days rolled up; the last four weeks by default."""
        last = last_complete_day()
        first = last - datetime.timedelta(days=DEFAULT_PERIOD_DAYS - 1)
        if self.filters is not None and self.filters.is_valid():
            asked = self.filters.form.cleaned_data.get("day")
            # The range field gives datetimes: the start and the end of the days picked.
            if asked and asked.start:
                first = asked.start.date()
            if asked and asked.stop:
                last = min(asked.stop.date(), last)
        return first, last

    def get_queryset(self):
        return CommunityDay.objects.filter(self.scope.page_filter("community__path"))

    def filter_queryset(self, queryset):
        first, last = self.period()
        # The filter's days are applied here, with the defaults, rather than by
        # the filter set, so the rows and the "members at the end" agree.
        return (
            queryset.filter(day__range=(first, last))
            .values("community_id", "community__title", "community__path")
            .annotate(
                total_members=Sum("members", filter=Q(day=last)),
                **{f"total_{name}": Sum(name) for name in ENGAGEMENT_SUMS},
            )
            .order_by("community__path")
        )

    def rows(self, object_list):
        first, last = self.period()
        return [
            masked_row(
                community=row["community__title"],
                first_day=first,
                last_day=last,
                members=row["total_members"] or 0,
                **{name: row[f"total_{name}"] or 0 for name in ENGAGEMENT_SUMS},
            )
            for row in object_list
        ]


# What to remove


def rolled_up_since(figure: str, since: datetime.date) -> Coalesce:
    """A page's total of one daily figure from `since` to the last roll-up, as an annotation."""
    total = (
        PageDay.objects.filter(page_id=OuterRef("pk"), day__gte=since)
        .values("page_id")
        .annotate(total=Sum(figure))
        .values("total")
    )
    return Coalesce(Subquery(total, output_field=IntegerField()), 0)


def views_since(since: datetime.date) -> Coalesce:
    return rolled_up_since("views", since)


def responsible_person() -> Coalesce:
    """The page's content owner where it has one, else the person who created it."""
    content_owners = [F(f"{model._meta.model_name}__content_owner") for model in reviewed_models()]
    return Coalesce(*content_owners, F("owner"), output_field=IntegerField())


class ContentOwnerReportView(InsightsReportView):
    """Pages with their owner's name and email, for the reports that ask someone to act."""

    columns = [
        TitleColumn("title", label=_("Page"), url_name="wagtailadmin_pages:edit"),
        Column("page_type", label=_("Type")),
        Column("owner_name", label=_("Owner")),
        DateColumn("first_published_at", label=_("First published")),
        Column("recent_views", label=_("Views in 90 days")),
    ]
    list_export = [
        "title",
        "page_type",
        "owner_name",
        "owner_email",
        "first_published_at",
        "recent_views",
    ]
    export_headings = {
        "title": _("Page"),
        "page_type": _("Type"),
        "owner_name": _("Owner"),
        "owner_email": _("Owner's email"),
        "first_published_at": _("First published"),
        "recent_views": _("Views in 90 days"),
    }

    def readable(self, pages):
        """`pages` but those a restriction to groups keeps the reader out of: figures per
        community are for every Insights reader, a secret community's page titles are not."""
        return outside(pages, kept_out_by_groups(self.request).pages)

    def rows(self, object_list):
        pages = list(object_list)
        people = get_user_model().objects.in_bulk({page.responsible_id for page in pages} - {None})
        rows = []
        for page in pages:
            person = people.get(page.responsible_id)
            rows.append(
                masked_row(
                    pk=page.pk,
                    title=page.title,
                    page_type=capfirst(page.content_type.model_class()._meta.verbose_name),
                    owner_name=(
                        (person.get_full_name() or person.get_username()) if person else NO_OWNER
                    ),
                    owner_email=person.email if person else "",
                    first_published_at=page.first_published_at,
                    recent_views=page.recent_views,
                )
            )
        return rows


class StaleContentReportView(ContentOwnerReportView):
    page_title = _("Stale content")
    header_icon = "warning"
    index_url_name = "insights_stale_report"
    index_results_url_name = "insights_stale_report_results"
    export_filename = "stale-content"

    def get_queryset(self):
        since = last_complete_day() - datetime.timedelta(days=LOOKBACK_DAYS - 1)
        # Below the home page: the home page is the intranet itself.
        return (
            self.readable(Page.objects.live())
            .filter(depth__gt=2)
            .filter(self.scope.page_filter())
            .annotate(recent_views=views_since(since), responsible_id=responsible_person())
            .filter(recent_views__lt=THRESHOLD)
            .select_related("content_type")
            .order_by("recent_views", "first_published_at", "path")
        )


class UncompletedGuidesReportView(ContentOwnerReportView):
    """Live guides with no completion in the last 90 days."""

    page_title = _("Guides nobody completes")
    header_icon = "doc-full"
    index_url_name = "insights_uncompleted_report"
    index_results_url_name = "insights_uncompleted_report_results"
    export_filename = "guides-nobody-completes"

    def get_queryset(self):
        since = last_complete_day() - datetime.timedelta(days=LOOKBACK_DAYS - 1)
        return (
            self.readable(GuidePage.objects.live())
            .filter(self.scope.page_filter())
            .annotate(
                recent_views=views_since(since),
                recent_completions=rolled_up_since("completions", since),
                responsible_id=Coalesce(F("content_owner"), F("owner")),
            )
            .filter(recent_completions=0)
            .select_related("content_type")
            .order_by("recent_views", "title")
        )
