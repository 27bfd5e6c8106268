from django.urls import path

from conversation import views

app_name = "conversation"

urlpatterns = [
    path("pages/<int:page_id>/comments/", views.post_comment, name="post"),
    path("pages/<int:page_id>/react/", views.react_to_page, name="react-page"),
    path("pages/<int:page_id>/lock/", views.lock, name="lock"),
    path("comments/<int:pk>/", views.permalink, name="comment"),
    path("comments/<int:pk>/reply/", views.reply, name="reply"),
    path("comments/<int:pk>/edit/", views.edit_comment, name="edit"),
    path("comments/<int:pk>/delete/", views.delete_comment, name="delete"),
    path("comments/<int:pk>/react/", views.react_to_comment, name="react"),
    path("comments/<int:pk>/flag/", views.flag_comment, name="flag"),
    path("comments/<int:pk>/moderate/", views.moderate, name="moderate"),
]
