"""The insights dashboard and the printable summary, in the Wagtail admin.

Both read only roll-ups and aggregates: no view here lists a person.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.views.defaults import permission_denied

from communities.models import CommunityPage
from insights import dashboard
from insights.health import health_of, last_complete_day
from insights.services import request_scope


def forbidden(request):
    """A plain 403, rather than the admin's redirect home, so nothing is hinted at."""
    return permission_denied(request, PermissionDenied())


def dashboard_view(request):
    scope = request_scope(request)
    if not scope.reads_any:
        return forbidden(request)
    communities = list(scope.communities().order_by("path"))
    if not communities:
        return forbidden(request)
    by_id = {str(community.pk): community for community in communities}
    chosen = request.GET.get("community")
    if chosen is not None and chosen not in by_id:
        # Someone else's community, or no community at all: either way not theirs to read.
        return forbidden(request)
    selected = by_id[chosen] if chosen else communities[0]
    end = last_complete_day()
    health = health_of(scope.communities(), end)
    context = {
        "selected": selected,
        "rows": dashboard.comparison_rows(communities, health),
        "selected_health": health.get(selected.pk),
        "trend": dashboard.trend(selected, end),
        "searches": dashboard.searches_chart(end) if scope.reads_all else None,
        "end": end,
    }
    return TemplateResponse(request, "insights/dashboard.html", context)


def summary_view(request, community_id: int):
    scope = request_scope(request)
    if not scope.reads_any:
        return forbidden(request)
    community = get_object_or_404(CommunityPage, pk=community_id)
    if not scope.includes(community):
        return forbidden(request)
    end = last_complete_day()
    context = {
        "community": community,
        "health": health_of(CommunityPage.objects.filter(pk=community.pk), end).get(community.pk),
        "trend": dashboard.trend(community, end),
        "end": end,
    }
    return TemplateResponse(request, "insights/summary.html", context)
