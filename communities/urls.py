from django.urls import path

from communities import views

app_name = "communities"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/join/", views.join, name="join"),
    path("<int:pk>/about/", views.about, name="about"),
    path("<int:pk>/leave/", views.leave, name="leave"),
    path("<int:pk>/members/", views.members, name="members"),
    path("<int:pk>/members/add/", views.add_member, name="add-member"),
    path("<int:pk>/members/people/", views.find_people, name="find-people"),
    path("<int:pk>/members/invite/", views.invite, name="invite"),
    path("<int:pk>/members/remove/", views.remove_member, name="remove-member"),
    path("<int:pk>/members/promote/", views.promote_member, name="promote-member"),
    path("<int:pk>/members/requests/", views.answer_request, name="answer-request"),
    path("<int:pk>/ask/", views.ask_to_join, name="ask-to-join"),
    path("<int:pk>/ask/withdraw/", views.withdraw_request, name="withdraw-request"),
    path("<int:pk>/invitation/", views.answer_invitation, name="answer-invitation"),
    path("<int:pk>/discussions/new/", views.start_discussion, name="start-discussion"),
    path("discussions/<int:pk>/edit/", views.edit_discussion, name="edit-discussion"),
]
