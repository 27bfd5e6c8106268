from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from communities import membership, services
from communities.models import TeamRole
from people.mentions import TEXTAREA_ATTRS
from people.models import Discipline
from people.services import default_display_name


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
        widget=forms.Textarea(attrs={"rows": 8, **TEXTAREA_ATTRS}),
        help_text=_(
            "Plain text. Leave a blank line between paragraphs, start lines with “- ” or “1. ” "
            "for a list; web addresses become links. <b>bold</b> and <i>italics</i> are kept. "
            "Mention someone with @username."
        ),
    )


class PersonForm(forms.Form):
    """A person chosen from the people chooser (or the list of matches without script)."""

    person = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        error_messages={
            "required": _("Choose a person from the list first."),
            "invalid": _("Choose a person from the list first."),
            "min_value": _("Choose a person from the list first."),
        },
    )

    def clean_person(self):
        person = get_user_model().objects.filter(pk=self.cleaned_data["person"]).first()
        if person is None:
            raise forms.ValidationError(_("Nobody matches that choice: find the person again."))
        if not person.is_active:
            raise forms.ValidationError(
                _("%(name)s has left the organisation."),
                params={"name": default_display_name(person)},
            )
        return person


class AddMemberForm(PersonForm):
    """Add someone at once; the same form invites them, with its message."""

    message = forms.CharField(
        label=_("Message with an invitation (optional)"),
        required=False,
        max_length=membership.MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RemoveMemberForm(PersonForm):
    reason = forms.CharField(
        label=_("Why? (kept in the membership log, and told to them)"),
        max_length=membership.REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PromoteForm(PersonForm):
    discipline = forms.ChoiceField(label=_("Discipline"), choices=Discipline.choices)
    role = forms.ChoiceField(label=_("Role"), choices=TeamRole.choices)


class AskToJoinForm(forms.Form):
    message = forms.CharField(
        label=_("A word for the team (optional)"),
        required=False,
        max_length=membership.MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AnswerRequestForm(forms.Form):
    join_request = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    decision = forms.ChoiceField(choices=[("approve", _("Approve")), ("decline", _("Decline"))])


class AnswerInvitationForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", _("Accept")), ("decline", _("Decline"))])
