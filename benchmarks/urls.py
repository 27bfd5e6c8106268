"""The intranet's URLs plus the benchmark's floor and cache clearing.

Only `intranet.settings.bench` uses them.
"""

from django.urls import path

from benchmarks import views
from intranet.urls import handler500
from intranet.urls import urlpatterns as intranet_patterns

__all__ = ["handler500", "urlpatterns"]

urlpatterns = [
    path("bench/floor/", views.floor, name="bench-floor"),
    path("bench/floor/view/<int:page_id>/", views.floor_counting_a_view, name="bench-floor-view"),
    path("bench/cache/clear/", views.clear_cache, name="bench-clear-cache"),
    # Wagtail's catch-all comes last in the intranet's list, so it stays last here.
    *intranet_patterns,
]
