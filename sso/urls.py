from django.urls import path

from sso import views

app_name = "sso"

# Both answer a visitor who has not signed in (LOGIN_EXEMPT_URL_NAMES), and
# nobody at all while single sign-on is off.
urlpatterns = [
    path("start/", views.StartView.as_view(), name="start"),
    path("callback/", views.CallbackView.as_view(), name="callback"),
]
