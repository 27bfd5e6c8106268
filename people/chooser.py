"""The admin's people chooser: a searchable list of names wherever a form picks a person.

Wagtail's `ChooserViewSet` registers its widget for every foreign key to the
user model in the admin's forms (`register_form_field_override`): a community's
team members, a page's content owner. Without it Wagtail offers a select of
every username.
"""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView, ChosenView
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.widgets import BaseChooser

from people.queries import CHOOSER_MAX_LENGTH, choosable_people, people_matching
from people.services import default_display_name


class PeopleSearchForm(BaseFilterForm):
    q = forms.CharField(
        label=_("Name, email or department"),
        max_length=CHOOSER_MAX_LENGTH,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Name, email or department")}),
    )

    def filter(self, objects):
        query = self.cleaned_data.get("q", "").strip()
        if query:
            self.is_searching, self.search_query = True, query
            objects = people_matching(objects, query)
        return super().filter(objects)


def _department(person) -> str:
    profile = getattr(person, "profile", None)
    return profile.department if profile else ""


class PeopleListing:
    """What the chooser lists: active people by name, found by name, email or department."""

    filter_form_class = PeopleSearchForm

    def get_object_list(self):
        return choosable_people()

    @property
    def columns(self):
        title = self.title_column
        title.accessor = default_display_name
        title.label = _("Name")
        return [
            title,
            Column("email", label=_("Email")),
            Column("department", label=_("Department"), accessor=_department),
        ]


class PeopleChooseView(PeopleListing, ChooseView):
    pass


class PeopleChooseResultsView(PeopleListing, ChooseResultsView):
    pass


class PersonChosenView(ChosenView):
    def get_display_title(self, instance):
        return default_display_name(instance)


class PersonChooserWidget(BaseChooser):
    def get_display_title(self, instance):
        return default_display_name(instance)


class PeopleChooserViewSet(ChooserViewSet):
    model = settings.AUTH_USER_MODEL
    icon = "user"
    choose_one_text = _("Choose a person")
    choose_another_text = _("Choose another person")
    choose_view_class = PeopleChooseView
    choose_results_view_class = PeopleChooseResultsView
    chosen_view_class = PersonChosenView
    base_widget_class = PersonChooserWidget


people_chooser_viewset = PeopleChooserViewSet("people_chooser", url_prefix="people-chooser")
