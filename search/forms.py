from django import forms
from django.utils.translation import gettext_lazy as _

from intranet.widgets import LongSelect, PlainChoices
from search.models import FEEDBACK_MAX_LENGTH, QUERY_MAX_LENGTH, SearchFeedback
from search.services import TOP_COMMUNITY_DEPTH


def community_picker(communities, chosen) -> str:
    """The community filter's drop-down, each community indented under its parent.

    A large organisation has hundreds: LongSelect writes them in Python, where
    a loop in the template took a good part of the search page's time.
    """
    choices = [("", _("All communities"))]
    # Each indented by a dash a level below the top communities.
    choices += [
        (community.pk, f"{'— ' * (community.depth - TOP_COMMUNITY_DEPTH)}{community.title}")
        for community in communities
    ]
    return LongSelect(
        attrs={"id": "search-community", "aria-describedby": "search-community-help"},
        choices=PlainChoices(choices),
    ).render("community", chosen.pk if chosen else None)


class FeedbackForm(forms.ModelForm):
    """The answer to "What were you looking for?", kept with the query and nothing else."""

    query = forms.CharField(widget=forms.HiddenInput, required=False, max_length=QUERY_MAX_LENGTH)

    class Meta:
        model = SearchFeedback
        fields = ["query", "text"]
        labels = {"text": _("What were you looking for?")}
        help_texts = {
            "text": _(
                "A sentence is enough. The people who look after the intranet read every "
                "answer; your name is not kept with it."
            )
        }
        widgets = {"text": forms.Textarea(attrs={"rows": 3, "maxlength": FEEDBACK_MAX_LENGTH})}
