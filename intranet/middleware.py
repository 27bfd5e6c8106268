from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware

from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.core.exceptions import PermissionDenied

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


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """The intranet's CSP, with two allowances for the Wagtail admin.

    The front end runs no inline script, so `script-src 'self'` stops an
    injected <script> outright, and nothing may frame it. Wagtail's page
    editor writes inline scripts of its own, so under the admin's URL they are
    allowed. It shows its live preview in a frame: the views it frames (the
    preview panel, block previews) mark their responses `X-Frame-Options:
    SAMEORIGIN`, and those, and only those, may be framed by the intranet
    itself. A preview is rendered at the page's own address, by a request
    Wagtail builds and marks `is_dummy` inside such a view: it gets the same
    allowances, or the editor's panel could not frame it.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if parts.replace is not None:
            return parts
        preview = getattr(request, "is_dummy", False)
        replace = {}
        if preview or request.path.startswith(ADMIN_PREFIX):
            replace["script-src"] = [SELF, UNSAFE_INLINE]
        if preview or response.get("X-Frame-Options") == "SAMEORIGIN":
            replace["frame-ancestors"] = [SELF]
        parts.replace = replace or None
        return parts
