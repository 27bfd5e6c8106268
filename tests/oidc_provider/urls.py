import json

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.http import HttpResponse, HttpResponseForbidden
from django.urls import include, path
from django.utils.crypto import constant_time_compare
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from tests.oidc_provider.models import ExtraClaims


@csrf_exempt
@require_POST
def person(request):
    """Create or change a person at the provider: the tests' stand-in for its admin screens."""
    token = request.headers.get("Authorization", "").removeprefix("Bearer ")
    if not constant_time_compare(token, settings.ADMIN_TOKEN):
        return HttpResponseForbidden()
    data = json.loads(request.body)
    user, _ = get_user_model().objects.update_or_create(
        username=data["username"],
        defaults={
            "email": data.get("email", ""),
            "first_name": data.get("first_name", ""),
            "last_name": data.get("last_name", ""),
        },
    )
    user.set_password(data["password"])
    user.save()
    ExtraClaims.objects.update_or_create(user=user, defaults={"claims": data.get("claims", {})})
    return HttpResponse(status=204)


urlpatterns = [
    path("o/", include("oauth2_provider.urls", namespace="oauth2_provider")),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("people/", person),
]
