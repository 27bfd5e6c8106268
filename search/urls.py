from django.urls import path

from search import views

# Not namespaced: the header's form in base.html posts to {% url 'search' %}.
urlpatterns = [
    path("", views.search, name="search"),
    path("suggest/", views.suggest, name="search_suggest"),
    path("feedback/", views.feedback, name="search_feedback"),
]
