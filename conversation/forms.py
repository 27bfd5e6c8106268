from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from conversation import services
from conversation.models import Comment, FlagReason
from intranet.bad_input import MAX_ID
from people.mentions import TEXTAREA_ATTRS

# Room for the formatting tags on top of the visible limit the service checks.
RAW_BODY_MAX_LENGTH = services.BODY_MAX_LENGTH * 2


class CommentForm(forms.Form):
    """Only the text: the author is always the person signed in."""

    body = forms.CharField(
        label=_("Your comment"),
        widget=forms.Textarea(attrs={"rows": 4, **TEXTAREA_ATTRS}),
        max_length=RAW_BODY_MAX_LENGTH,
        help_text=_(
            "Plain text. Leave a blank line between paragraphs, start lines with “- ” for a list, "
            "put `backticks` around code; web addresses become links. Mention someone with "
            "@username."
        ),
        error_messages={"required": _("Write something before posting.")},
    )
    # The comment replied to; none (or 0) for a comment of its own.
    parent = forms.IntegerField(
        required=False,
        max_value=MAX_ID,
        widget=forms.HiddenInput,
        error_messages={"invalid": services.PARENT_GONE, "max_value": services.PARENT_GONE},
    )
    key = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)

    def clean_parent(self) -> Comment | None:
        """The comment replied to: a reply to one that is gone is refused, not posted alone."""
        parent_id = self.cleaned_data["parent"]
        if not parent_id:
            return None
        parent = Comment.objects.filter(pk=parent_id).first()
        if parent is None:
            raise ValidationError(services.PARENT_GONE)
        return parent


class EditCommentForm(forms.Form):
    body = CommentForm.base_fields["body"]


class FlagForm(forms.Form):
    # No reason chosen for them: a flag left at the first one would say "spam".
    reason = forms.ChoiceField(
        label=_("What is wrong with this comment?"),
        choices=[("", _("Choose a reason")), *FlagReason.choices],
        error_messages={"required": _("Choose what is wrong with the comment.")},
    )
    note = forms.CharField(
        label=_("Anything the moderators should know (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
