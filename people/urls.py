from django.urls import path

from people import views

app_name = "people"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("<str:username>/", views.person, name="person"),
    path("<str:username>/edit/", views.edit_profile, name="edit"),
]
