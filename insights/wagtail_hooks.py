"""Insights in the Wagtail admin, and the hook that counts page views."""

from wagtail import hooks

from insights import services


# Wrapped inside Wagtail's own view-restriction check (registered at order 0),
# so this only runs for someone allowed to read the page, and counts the view
# only when the page was actually served.
@hooks.register("on_serve_page", order=100)
def count_page_views(serve):
    def serve_and_count(page, request, args, kwargs):
        response = serve(page, request, args, kwargs)
        if response.status_code == 200 and services.counts_as_view(request):
            services.record_view(request.user, page)
        return response

    return serve_and_count
