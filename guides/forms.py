from django import forms
from django.utils.translation import gettext_lazy as _

from guides.models import AudienceCode

SEARCH_MAX_LENGTH = 100


class GuideSort:
    UPDATED = "updated"
    MOST_READ = "read"
    CHOICES = ((UPDATED, _("Recently updated")), (MOST_READ, _("Most read")))


class GuideFilterForm(forms.Form):
    """The guide index's filters, read from the query string."""

    q = forms.CharField(
        label=_("Search guides"), required=False, max_length=SEARCH_MAX_LENGTH, strip=True
    )
    audience = forms.ChoiceField(
        label=_("Written for"),
        required=False,
        choices=[("", _("Anyone")), *AudienceCode.choices],
        error_messages={"invalid_choice": _("There is no audience called “%(value)s”.")},
    )
    topic = forms.SlugField(
        label=_("Topic"),
        required=False,
        error_messages={"invalid": _("A topic is a single word or words joined by hyphens.")},
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=GuideSort.CHOICES,
        error_messages={"invalid_choice": _("Guides can be sorted by date or by readers.")},
    )
