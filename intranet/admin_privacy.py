"""In the admin, what a restriction to groups keeps from a user answers 404 at its id.

The explorer and choosers leave such pages out of their lists
(`intranet.wagtail_hooks`), and the image and document listings leave out
collections the user holds no rights on. But Wagtail's views that take an id
show a title before they check a right, or refuse in a way that tells the id
exists: the explorer opens at any page under the user's explorable root (a
team of two communities explores from the home page), and the bulk actions
list the titles of the pages, images and documents they name before saying
they may not act. Each such view answers as for an id that does not exist.
"""

from django.db.models import Q
from django.utils.cache import add_never_cache_headers
from django.views.defaults import page_not_found

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from intranet.middleware import ADMIN_PREFIX
from intranet.view_restrictions import kept_out_by_groups

# The URL keywords Wagtail's admin names a page, an image or a document by.
PAGE_KWARGS = ("page_id", "parent_page_id", "page_to_move_id", "destination_id")
IMAGE_KWARGS = ("image_id",)
DOCUMENT_KWARGS = ("document_id", "doc_id")
# The bulk actions name their objects in the query string: /admin/bulk/<app>/<model>/…?id=1
BULK_MODELS = {
    ("wagtailcore", "page"): "page",
    ("wagtailimages", "image"): "image",
    ("wagtaildocs", "document"): "document",
}


def _named(view_kwargs, names) -> list:
    return [view_kwargs[name] for name in names if name in view_kwargs]


def _ids_named(request, view_kwargs) -> dict[str, list]:
    page_kwargs = PAGE_KWARGS
    if "wagtailadmin_pages" in request.resolver_match.namespaces:
        # The revisions comparison names its page `pk`.
        page_kwargs += ("pk",)
    named = {
        "page": _named(view_kwargs, page_kwargs),
        "image": _named(view_kwargs, IMAGE_KWARGS),
        "document": _named(view_kwargs, DOCUMENT_KWARGS),
    }
    bulk = BULK_MODELS.get((view_kwargs.get("app_label"), view_kwargs.get("model_name")))
    if bulk is not None:
        named[bulk] += [value for value in request.GET.getlist("id") if value.isdigit()]
    return named


def _below(paths, field: str) -> Q:
    places = Q(pk__in=[])
    for path in paths:
        places |= Q(**{f"{field}__startswith": path})
    return places


def names_something_kept_out(request, view_kwargs) -> bool:
    """Whether the admin view names a page, image or document that a restriction to groups
    keeps `request`'s user out of: a few small queries, none when it names nothing."""
    named = _ids_named(request, view_kwargs)
    if not any(named.values()):
        return False
    kept_out = kept_out_by_groups(request)
    checks = (
        (Page.objects, named["page"], kept_out.pages, "path"),
        (get_image_model().objects, named["image"], kept_out.collections, "collection__path"),
        (get_document_model().objects, named["document"], kept_out.collections, "collection__path"),
    )
    return any(
        ids and paths and manager.filter(_below(paths, field), pk__in=ids).exists()
        for manager, ids, paths, field in checks
    )


class AdminPrivacyMiddleware:
    """Answers 404 to an admin view that names what a restriction to groups keeps from its
    user; superusers pass every restriction.

    The answer is the admin's own for an id that does not exist, as Wagtail's
    admin URLs give it (`wagtail.admin.urls.display_custom_404`, `never_cache`):
    the same page, the same headers.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.path.startswith(ADMIN_PREFIX) or request.user.is_superuser:
            return None
        if names_something_kept_out(request, view_kwargs):
            response = page_not_found(request, "", template_name="wagtailadmin/404.html")
            add_never_cache_headers(response)
            return response
        return None
