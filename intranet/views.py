"""Cross-cutting views: login, the health check, the error pages and login-checked media files."""

import mimetypes
import sys
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.db.models import Max
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template import loader
from django.utils import timezone
from django.utils.module_loading import import_string
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from intranet import media_access
from intranet.models import WorkerHeartbeat
from intranet.sign_in import SignInForm, passwords_for_administrators_only

# Errors that mean the database cannot be reached (stopped, restarting, out of
# connections), as opposed to a bug: the visitor is asked to come back shortly.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
# Seconds a client is asked to wait before trying again.
RETRY_AFTER_SECONDS = 30

# A worker runs the heartbeat every minute (`intranet.schedules`): one not seen
# for this long has stopped, or nothing queues the heartbeat (the scheduler).
WORKER_LATE_AFTER = timedelta(minutes=5)

# Uploaded files a browser may show in the page; anything else is downloaded.
INLINE_MEDIA_TYPES = frozenset({"image/jpeg", "image/png", "image/gif", "image/webp", "image/avif"})


class LoginView(auth_views.LoginView):
    form_class = SignInForm

    def dispatch(self, request, *args, **kwargs):
        # A signed-in person lands here when a page they may not open sends them
        # to log in (Wagtail's admin does, for employees). Following `next`
        # would bounce them straight back, so they go home, where the reason
        # waits as a message.
        if request.user.is_authenticated:
            return redirect(settings.LOGIN_REDIRECT_URL)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if settings.SSO_ENABLED:
            context["sso_provider_name"] = settings.SSO_PROVIDER_NAME
            context["passwords_for_administrators_only"] = passwords_for_administrators_only()
        return context


class LogoutView(auth_views.LogoutView):
    """Signing out ends the intranet's session and, after a single sign-on, the provider's.

    The provider's address needs the ID token, which the intranet's session
    holds until it ends, so it is worked out first.
    """

    def post(self, request, *args, **kwargs):
        method = settings.OIDC_OP_LOGOUT_URL_METHOD
        provider_url = import_string(method)(request) if method else ""
        response = super().post(request, *args, **kwargs)
        return redirect(provider_url) if provider_url else response


@login_not_required
@never_cache
@require_safe
def healthz(request):
    """200 when the database answers, 503 when it does not; for load balancers.

    It also says whether a task worker was seen lately. A missing worker does
    not make this server unhealthy (it answers requests all the same, and
    tasks wait in the queue), so it never turns the answer into a 503: a
    monitor reads `worker` instead.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        seen_at = WorkerHeartbeat.objects.aggregate(seen_at=Max("seen_at"))["seen_at"]
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    if seen_at is None:
        worker = "never seen"
    elif seen_at < timezone.now() - WORKER_LATE_AFTER:
        worker = "late"
    else:
        worker = "ok"
    return JsonResponse(
        {
            "status": "ok",
            "database": "ok",
            "worker": worker,
            "worker_seen_at": seen_at.isoformat() if seen_at else None,
        }
    )


def server_error(request):
    """The 500 handler, with a 503 "back shortly" page when the database is down.

    Django calls it while handling the exception, so `sys.exc_info()` names it.
    Like Django's own handler it renders without the request: the page must
    not need the database that has just failed.
    """
    error = sys.exc_info()[1]
    if not isinstance(error, DATABASE_UNAVAILABLE):
        return defaults.server_error(request)
    response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


@require_safe
def media(request, path):
    """Serve an uploaded file to a signed-in visitor, from the default storage.

    The login gate runs before this view, so uploads are never public; what a
    reader may open beyond that is `media_access.may_send`'s to say. Files are
    sent as attachments unless they are raster images, so an uploaded HTML or
    SVG file can never run in the intranet's origin.
    """
    if not media_access.may_send(request, path):
        raise Http404
    try:
        file = default_storage.open(path, "rb")
    # A path that climbs out of the storage, a missing file or a folder.
    except (SuspiciousFileOperation, OSError) as error:
        raise Http404 from error
    content_type, _ = mimetypes.guess_type(path)
    inline = content_type in INLINE_MEDIA_TYPES
    response = FileResponse(
        file,
        as_attachment=not inline,
        filename=Path(path).name,
        content_type=content_type if inline else "application/octet-stream",
    )
    response["Cache-Control"] = "private, max-age=3600"
    return response
