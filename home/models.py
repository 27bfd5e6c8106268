from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    """The root of the big community: the page every employee lands on.

    It sits directly under Wagtail's root and there is only one; communities and
    the guides index hang below it.
    """

    welcome = models.CharField(
        _("welcome line"),
        max_length=255,
        blank=True,
        help_text=_("A short greeting shown at the top of the home page."),
    )
    introduction = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("Why the intranet exists, in a few sentences."),
    )

    content_panels = [*Page.content_panels, FieldPanel("welcome"), FieldPanel("introduction")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        # Imported here: the guides app builds on the home page, not the other way round.
        from guides.services import pending_must_reads

        context = super().get_context(request, *args, **kwargs)
        # A must-read stays on everyone's front page until they acknowledge it.
        context["pending_must_reads"] = pending_must_reads(request.user)
        return context
