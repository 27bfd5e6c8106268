from django import forms
from django.utils.translation import gettext_lazy as _

from search.models import FEEDBACK_MAX_LENGTH, QUERY_MAX_LENGTH, SearchFeedback


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
