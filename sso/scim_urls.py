"""SCIM 2.0 at /scim/v2/: people (Users) and what a client reads to learn the service.

Groups are not provisioned: roles come from the provider's group claim at
sign-in (`sso.roles`), and communities are the intranet's own.
"""

from django_scim import views as scim_views

from django.urls import path, re_path

from sso import scim

app_name = "scim"

people = scim.PeopleView.as_view()
schemas = scim_views.SchemasView.as_view()

# The names django-scim2 reverses; a collection and one of its members share one.
urlpatterns = [
    # django-scim2 names this root to know which requests are its own.
    path("", scim_views.SCIMView.as_view(implemented=False), name="root"),
    path("Users", people, name="users"),
    path("Users/<str:uuid>", people, name="users"),
    path(
        "ServiceProviderConfig",
        scim_views.ServiceProviderConfigView.as_view(),
        name="service-provider-config",
    ),
    path("Schemas", schemas, name="schemas"),
    path("Schemas/<str:uuid>", schemas, name="schemas"),
    # Groups, /Me, /Bulk, /ResourceTypes and the rest: 501, as SCIM answers a
    # feature a service does not offer (RFC 7644, section 3.12).
    re_path(r".", scim_views.SCIMView.as_view(implemented=False), name="not-implemented"),
]
