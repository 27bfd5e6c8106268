from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from intranet import admin_exports, view_passwords, views
from intranet.password_reset import PasswordResetView

# A database outage gets a 503 page of its own rather than the generic 500.
handler500 = views.server_error

auth_patterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("password-reset/", PasswordResetView.as_view(), name="password_reset"),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]

urlpatterns = [
    *auth_patterns,
    path("healthz/", views.healthz, name="healthz"),
    # Single sign-on through the identity provider (docs/sso.md); 404 while it is off.
    path("sso/", include("sso.urls")),
    # Provisioning by the identity provider (SCIM 2.0); 404 without SCIM_TOKEN.
    path("scim/v2/", include("sso.scim_urls")),
    # The admin's "Log out" signs out as the header's does, the provider's session included.
    path("admin/logout/", views.LogoutView.as_view(), name="wagtailadmin_logout"),
    # Wagtail's own exports with their cells kept as text, before the admin so they answer first.
    path("admin/", include(admin_exports)),
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's password forms, at their own addresses and names, throttled as sign-in is.
    path(
        "documents/authenticate_with_password/<int:restriction_id>/",
        view_passwords.document_password,
        name="wagtaildocs_authenticate_with_password",
    ),
    path("documents/", include(wagtaildocs_urls)),
    re_path(r"^media/(?P<path>.+)$", views.media, name="media"),
    path("search/", include("search.urls")),
    path("communities/", include("communities.urls")),
    path("conversation/", include("conversation.urls")),
    path("people/", include("people.urls")),
    path("notifications/", include("notifications.urls")),
    path("tour/", include("home.urls")),
    # The guide index page itself is at /guides/ too: `guides.views.index`
    # hands that address back to Wagtail.
    path("guides/", include("guides.urls")),
    path("feedback/", include("insights.urls")),
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        view_passwords.page_password,
        name="wagtailcore_authenticate_with_password",
    ),
    # Wagtail serves every other path from the page tree; it must come last.
    path("", include(wagtail_urls)),
]
