from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware

from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.core.exceptions import PermissionDenied
from django.http import Http404

from wagtail.models import Page

from intranet.view_restrictions import kept_out_by_groups

ADMIN_PREFIX = "/admin/"


class LoginGateMiddleware(LoginRequiredMiddleware):
    """Send every anonymous request to the login page, except an explicit few.

    Django's own middleware trusts a view's `login_required = False` flag, and
    third-party views set it (Django REST framework marks every API view, so the
    comments API would be open). Here the only way through is to be signed in or
    to be one of the URL names in `settings.LOGIN_EXEMPT_URL_NAMES`, a list that
    is short enough to review and is tested route by route.
    """

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.user.is_authenticated:
            # Wagtail would send a signed-in employee to the login page, which
            # sends them home again; a 403 says plainly that the admin is not
            # theirs. has_perm fills the permission cache Wagtail's own check
            # reads next, so this costs the admin no extra query.
            admin = request.path.startswith(ADMIN_PREFIX)
            if admin and not request.user.has_perm("wagtailadmin.access_admin"):
                raise PermissionDenied
            return None
        if request.resolver_match.view_name in settings.LOGIN_EXEMPT_URL_NAMES:
            return None
        return self.handle_no_permission(request, view_func)

    # One login page and one `next` parameter for the whole intranet, whatever a
    # third-party view asks for (Wagtail's admin views name their own login page).
    def get_login_url(self, view_func):
        return str(settings.LOGIN_URL)

    def get_redirect_field_name(self, view_func):
        return self.redirect_field_name


class AdminPagesBehindGroupsMiddleware:
    """An admin view that names a page behind groups its user is outside answers 404.

    The explorer and chooser already leave such pages out of their lists
    (`intranet.wagtail_hooks`), but Wagtail opens the explorer at any page id
    under the user's explorable root, and a team of two communities has the
    communities' index as that root: a secret community's title would show at
    its id. Wagtail's other page views check editing rights, which a
    restriction to groups does not take away; this answers for all of them.
    """

    PAGE_ID_KWARGS = ("page_id", "parent_page_id")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.path.startswith(ADMIN_PREFIX) or request.user.is_superuser:
            return None
        page_id = next((view_kwargs[k] for k in self.PAGE_ID_KWARGS if k in view_kwargs), None)
        if page_id is None:
            return None
        kept_out = kept_out_by_groups(request).pages
        if not kept_out:
            return None
        path = Page.objects.filter(pk=page_id).values_list("path", flat=True).first()
        if path and path.startswith(kept_out):
            raise Http404
        return None


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """The intranet's CSP, with one allowance for the Wagtail admin.

    The front end runs no inline script, so `script-src 'self'` stops an
    injected <script> outright, and nothing may frame it. Wagtail's page
    editor writes inline scripts of its own and shows its live preview in a
    frame, so under the admin's URL, and only there, both are allowed. A
    preview is rendered at the page's own address, by a request Wagtail
    builds and marks `is_dummy` inside the admin's: it gets the admin's policy,
    or the editor's panel could not frame it.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        in_admin = request.path.startswith(ADMIN_PREFIX) or getattr(request, "is_dummy", False)
        if in_admin and parts.replace is None:
            parts.replace = {"script-src": [SELF, UNSAFE_INLINE], "frame-ancestors": [SELF]}
        return parts
