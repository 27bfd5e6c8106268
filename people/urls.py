from django.urls import path

from people import views

app_name = "people"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("<str:username>/", views.person, name="person"),
    path("<str:username>/edit/", views.edit_profile, name="edit"),
    # Two parts, so that no username's own page is ever this address.
    path("mentions/suggestions/", views.mention_suggestions, name="mention-suggestions"),
]
