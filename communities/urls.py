from django.urls import path

from communities import views

app_name = "communities"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/join/", views.join, name="join"),
    path("<int:pk>/leave/", views.leave, name="leave"),
    path("<int:pk>/members/", views.members, name="members"),
    path("<int:pk>/members/add/", views.add_member, name="add-member"),
    path("<int:pk>/discussions/new/", views.start_discussion, name="start-discussion"),
    path("discussions/<int:pk>/edit/", views.edit_discussion, name="edit-discussion"),
]
