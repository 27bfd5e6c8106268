from django.urls import path

from insights import views

app_name = "insights"

# Listening, mounted at /feedback/.
urlpatterns = [
    path("helpful/<int:page_id>/", views.helpful, name="helpful"),
    path("suggestions/", views.suggestions, name="suggestions"),
    path("suggestions/new/", views.suggest, name="suggest"),
    path("suggestions/<int:pk>/vote/", views.vote, name="vote"),
    path("suggestions/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("you-said-we-did/", views.you_said_we_did, name="you-said-we-did"),
]
