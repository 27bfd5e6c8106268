from django import forms

from notifications.models import EmailFrequency, NotificationKind


class EmailPreferencesForm(forms.Form):
    """One choice of frequency per kind of notification."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in NotificationKind:
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label, choices=EmailFrequency.choices, widget=forms.RadioSelect
            )
