from django.urls import path

from home import views

app_name = "home"

urlpatterns = [
    path("dismiss/", views.dismiss_tour, name="dismiss-tour"),
]
