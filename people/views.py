"""Thin views over `services` and `queries`: read the request, call, answer."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from wagtail.models import Site

from intranet.view_restrictions import kept_out
from people import mentions, queries, services
from people.contributions import person_reader_sections, person_sections
from people.forms import DirectoryFilterForm, ProfileForm
from people.models import Profile


def _profile(username: str) -> Profile:
    return get_object_or_404(Profile.objects.select_related("user"), user__username=username)


def directory(request):
    """Everyone still here, searchable by name, job title or expertise, and filterable.

    Everyone, unfiltered, is the same for every reader: the template caches the
    filters and each page of them. The form and the page are read only when
    their fragments are rendered.
    """
    # The pagination links keep the search and filters.
    query_string = request.GET.copy()
    query_string.pop("page", None)
    query_string = query_string.urlencode()
    places = kept_out(request).pages

    def filter_form(data=None):
        values = queries.filter_values()
        return DirectoryFilterForm(
            data,
            departments=values["department"],
            locations=values["location"],
            kept_out=places,
        )

    if query_string:
        form = filter_form(request.GET)
        people = queries.directory(**form.filters())
    else:
        form = SimpleLazyObject(filter_form)
        people = queries.directory()
    people, shown = queries.directory_page(people, request.GET.get("page"))
    return TemplateResponse(
        request,
        "people/directory.html",
        {
            "form": form,
            "people": people,
            "shown": shown,
            "searched": bool(query_string),
            "query_string": query_string,
            "kept_out": places,
        },
    )


def person(request, username):
    profile = _profile(username)
    return TemplateResponse(
        request,
        "people/person.html",
        {
            "profile": profile,
            "person": profile.user,
            # What the apps above people list of them: their communities,
            # discussions, guides and comments, then colleagues to know.
            "sections": person_sections(profile),
            "reader_sections": person_reader_sections(profile, request),
            # Their pages' addresses are written for the reader's site.
            "site": Site.find_for_request(request),
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
        departments=queries.filter_values()["department"],
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


@require_safe
def mention_suggestions(request):
    """The people an "@" being typed may name, as JSON: name, username and photo only,
    of people anyone signed in finds in the directory."""
    return JsonResponse({"people": mentions.suggestions(request.GET.get("q", ""))})
