"""Content ownership and review dates, for every page someone must keep true.

Guides and communities both go stale when nobody looks after them; the same
three fields let one report and one reminder command cover them all.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel


class ContentOwnership(models.Model):
    """Adds a named owner and the dates of the last and the next review."""

    content_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("content owner"),
        null=True,
        blank=True,
        # The page outlives its owner's account; the review report then shows
        # it without an owner, so someone picks it up.
        on_delete=models.SET_NULL,
        related_name="owned_%(class)ss",
        help_text=_("The person who keeps this page accurate and answers for it."),
    )
    last_reviewed = models.DateField(_("last reviewed"), null=True, blank=True)
    review_by = models.DateField(
        _("review by"),
        null=True,
        blank=True,
        help_text=_("The owner is reminded by email as this date comes near."),
    )

    ownership_panels = [
        MultiFieldPanel(
            [FieldPanel("content_owner"), FieldPanel("last_reviewed"), FieldPanel("review_by")],
            heading=_("Ownership and review"),
        )
    ]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.last_reviewed and self.review_by and self.review_by <= self.last_reviewed:
            raise ValidationError({"review_by": _("The next review must come after the last one.")})
