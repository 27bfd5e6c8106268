from django import forms
from django.utils.translation import gettext_lazy as _

from insights.models import (
    HELPFUL_COMMENT_MAX_LENGTH,
    SUGGESTION_BODY_MAX_LENGTH,
    SUGGESTION_TITLE_MAX_LENGTH,
    SuggestionStatus,
)

# Listening


class HelpfulForm(forms.Form):
    """Yes or no, and an optional comment; `services.answer_helpful` enforces the rules."""

    helpful = forms.TypedChoiceField(
        label=_("Was this page helpful?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        error_messages={"required": _("Choose “Yes” or “No”.")},
    )
    comment = forms.CharField(
        label=_("Anything to add? (optional)"),
        required=False,
        max_length=HELPFUL_COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SuggestionForm(forms.Form):
    title = forms.CharField(
        label=_("Your suggestion"),
        # The browser stops at the limit; the service still checks, for crafted posts.
        max_length=SUGGESTION_TITLE_MAX_LENGTH,
        help_text=_("In a sentence: “Add a community for …”, “Remove …”, “Make … easier”."),
    )
    body = forms.CharField(
        label=_("Details (optional)"),
        required=False,
        max_length=SUGGESTION_BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Why it matters, and to whom. Plain text."),
    )


class SuggestionFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), *SuggestionStatus.choices],
    )


# End of Listening.
