"""Thin views over `services` and `queries`: read the request, call, answer."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from intranet.caching import PROFILES, cached_block
from intranet.paging import cached_page, page_number
from intranet.site_lookup import site_key
from intranet.view_restrictions import kept_out
from people import queries, services
from people.forms import DirectoryFilterForm, ProfileForm
from people.models import Profile


def _profile(username: str) -> Profile:
    return get_object_or_404(Profile.objects.select_related("user"), user__username=username)


def directory(request):
    """Everyone still here, searchable by name, job title or expertise, and filterable."""
    values = queries.filter_values()
    form = DirectoryFilterForm(
        request.GET or None,
        departments=values["department"],
        locations=values["location"],
        kept_out=kept_out(request).pages,
    )
    filters = form.filters() if form.is_bound else {}
    # The pagination links keep the search and filters.
    query_string = request.GET.copy()
    query_string.pop("page", None)
    query_string = query_string.urlencode()
    if query_string:
        _shown, results = queries.directory_results(
            queries.directory(**filters), page_number(request.GET.get("page")), query_string
        )
    else:
        # Everyone, a page at a time: the same for every reader.
        results = cached_page(
            "directory",
            request.GET.get("page"),
            (PROFILES,),
            lambda number: queries.directory_results(queries.directory(), number, ""),
            queries.CACHE_LIFE,
        )
    return TemplateResponse(request, "people/directory.html", {"form": form, "results": results})


def person(request, username):
    profile = _profile(username)
    return TemplateResponse(
        request,
        "people/person.html",
        {
            "profile": profile,
            "person": profile.user,
            "sections": cached_block(
                f"person:{profile.user_id}:{site_key(request)}",
                queries.SECTIONS_TOPICS,
                lambda: queries.person_sections(profile, request),
                queries.SECTIONS_LIFETIME,
            ),
            "people_to_know": queries.people_to_know(profile, request.user),
            "can_edit": services.can_edit_profile(request.user, profile),
        },
    )


def edit_profile(request, username):
    profile = _profile(username)
    if not services.can_edit_profile(request.user, profile):
        raise PermissionDenied
    # Read before the form is bound: binding writes the submitted values onto `profile`.
    name = profile.display_name
    form = ProfileForm(
        request.POST or None,
        request.FILES or None,
        instance=profile,
        initial={"expertise": list(profile.expertise.all())},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_profile(
                request.user,
                profile,
                form.profile_fields(),
                form.cleaned_data["expertise"],
                photo=form.cleaned_data["new_photo"],
                remove_photo=form.cleaned_data["remove_photo"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The profile is saved."))
            return redirect("people:person", username=username)
    return TemplateResponse(
        request, "people/edit_profile.html", {"form": form, "profile": profile, "name": name}
    )
