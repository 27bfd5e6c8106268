from django import forms
from django.utils.translation import gettext_lazy as _

from taggit.forms import TagField

from intranet.control_characters import validate_one_line
from intranet.widgets import LongSelect, PlainChoices
from people import services
from people.contributions import directory_filters
from people.models import ONE_LINE_FIELDS, WORK_FIELDS, Profile

SEARCH_MAX_LENGTH = 100


class ProfileForm(forms.ModelForm):
    """The details a person edits; `services.update_profile` saves them."""

    expertise = TagField(
        label=_("Expertise"),
        required=False,
        help_text=_("What you know well, separated by commas, for example: payroll, Python."),
    )
    # A plain file field: forms.ImageField would accept every format Pillow
    # reads; services.prepare_photo decides instead.
    new_photo = forms.FileField(
        label=_("Photo"),
        required=False,
        help_text=_(
            "A JPEG, PNG or WebP picture under %(size)d MB, at least %(min)d pixels on each side."
        )
        % {"size": services.PHOTO_MAX_BYTES // (1024 * 1024), "min": services.PHOTO_MIN_PIXELS},
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    remove_photo = forms.BooleanField(label=_("Remove my photo"), required=False)
    # Picked from the departments people are in, so that the directory's department filter
    # finds everyone in one: "HR", "H.R." and "Human resources" would be three.
    department = forms.ChoiceField(
        label=_("Department"),
        required=False,
        widget=LongSelect,
        error_messages={
            "invalid_choice": _(
                "Choose a department from the list. Departments come from the people "
                "import: ask an administrator if yours is missing."
            )
        },
    )

    class Meta:
        model = Profile
        fields = [
            *WORK_FIELDS,
            "bio",
            "ask_me_about",
            "email",
            "phone",
            "chat_handle",
        ]
        widgets = {"bio": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, departments=(), **kwargs):
        """`departments`: those people are in (`queries.filter_values`)."""
        super().__init__(*args, **kwargs)
        # The person's own stays on offer, even when nobody else is left in it.
        known = sorted({*departments, self.instance.department} - {""})
        self.fields["department"].choices = PlainChoices(
            [("", _("None chosen"))] + [(name, name) for name in known]
        )
        # The same rule as `import_people` applies to the same fields.
        for name in ONE_LINE_FIELDS:
            self.fields[name].validators.append(validate_one_line)

    def clean_new_photo(self):
        upload = self.cleaned_data.get("new_photo")
        return services.prepare_photo(upload) if upload else None

    def clean_expertise(self):
        return services.clean_expertise(self.cleaned_data.get("expertise") or [])

    def profile_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class DirectoryFilterForm(forms.Form):
    """The directory's search box and filters, read from the query string; the apps above
    people add filters of their own (`people.contributions.DirectoryFilter`)."""

    q = forms.CharField(
        label=_("Name, job title or expertise"), required=False, max_length=SEARCH_MAX_LENGTH
    )
    department = forms.ChoiceField(label=_("Department"), required=False, widget=LongSelect)
    location = forms.ChoiceField(label=_("Location"), required=False, widget=LongSelect)

    def __init__(self, data, *, departments, locations, kept_out=()):
        """`kept_out`: the places the reader may not open (`intranet.view_restrictions`), of
        which the added filters neither offer nor take anything."""
        super().__init__(data)
        everyone = [("", _("Any"))]
        self.fields["department"].choices = PlainChoices(everyone + [(d, d) for d in departments])
        self.fields["location"].choices = PlainChoices(everyone + [(loc, loc) for loc in locations])
        self.added = directory_filters()
        for added in self.added:
            self.fields[added.name] = forms.TypedChoiceField(
                label=added.label,
                required=False,
                coerce=added.coerce,
                empty_value=None,
                choices=PlainChoices(everyone + added.choices(kept_out)),
                widget=LongSelect,
            )

    def added_fields(self) -> list:
        """The bound fields of the filters the apps above people add, in their hooks' order."""
        return [self[added.name] for added in self.added]

    def filters(self) -> dict:
        """The valid filters; a bad value (a hand-edited URL) is dropped and reported."""
        self.is_valid()
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if value not in (None, "") and name not in self.errors
        }
