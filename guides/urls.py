from django.urls import path

from guides import views

app_name = "guides"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/complete/", views.complete, name="complete"),
    path("<int:pk>/acknowledge/", views.acknowledge, name="acknowledge"),
    path("<int:pk>/acknowledgements/", views.acknowledgements, name="acknowledgements"),
    path("<int:pk>/acknowledgements/remind/", views.remind, name="remind"),
    path(
        "<int:pk>/acknowledgements.csv",
        views.acknowledgements_csv,
        name="acknowledgements-csv",
    ),
]
