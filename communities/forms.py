from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from communities import services


class DiscussionForm(forms.Form):
    """The fields a member fills in; `services.start_discussion` enforces the rules."""

    title = forms.CharField(
        label=_("Title"),
        # The browser stops at the limit; the service still checks, for crafted posts.
        max_length=services.TITLE_MAX_LENGTH,
        help_text=_("A question or a topic, in a few words."),
    )
    body = forms.CharField(
        label=_("What would you like to talk about?"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Plain text. Leave a blank line between paragraphs, start lines with “- ” or “1. ” "
            "for a list; web addresses become links. <b>bold</b> and <i>italics</i> are kept."
        ),
    )


class AddMemberForm(forms.Form):
    username = forms.CharField(label=_("Username of the person to add"), max_length=150)

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise forms.ValidationError(
                _("Nobody has the username “%(username)s”."), params={"username": username}
            )
        return user
