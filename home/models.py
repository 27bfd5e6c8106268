from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from intranet.ancestry import Ancestry, path_and_above, tree_rows, url_paths_and_above

# No page lies deeper than Wagtail's tree paths allow: a longer address names none.
DEEPEST = Page._meta.get_field("path").max_length // Page.steplen


def address_condition(home: Page, path_components: list[str]) -> Q:
    """The pages above `home` and itself by their tree paths, and the pages an address below it
    names, level by level, by their slugs and `url_path`s: each through an index, as
    Wagtail keeps none on `url_path`."""
    url_path = f"{home.url_path}{'/'.join(path_components)}/"
    return Q(path__in=path_and_above(home.path)) | Q(
        slug__in=path_components, url_path__in=url_paths_and_above(url_path)
    )


class HomePage(Ancestry, Page):
    """The root of the big community: the page every employee lands on.

    It sits directly under Wagtail's root and there is only one; communities and
    the guides index hang below it. What it shows is personal: see
    `home.queries.home_context`.
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
    purpose_page = models.ForeignKey(
        Page,
        verbose_name=_("purpose guide"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The page that explains why we have this intranet; the welcome links to it."),
    )
    onboarding_path = models.ForeignKey(
        "guides.LearningPathPage",
        verbose_name=_("onboarding path"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The learning path new joiners see on their home page, with their progress."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("welcome"),
        FieldPanel("introduction"),
        MultiFieldPanel(
            [FieldPanel("purpose_page"), FieldPanel("onboarding_path")],
            heading=_("Getting started"),
        ),
        InlinePanel(
            "featured_items",
            heading=_("Featured"),
            label=_("featured item"),
            help_text=_("Shown to everyone on the home page, in this order, until their end date."),
        ),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        """The page an address names below the home page, and the pages above it, found
        in two queries however deep.

        Wagtail's own walk asks for each level's child and then its specific
        type: two queries a level, ten for a discussion four communities deep.
        No page type here routes sub-paths of its own, so the page whose
        `url_path` the address spells is the one the walk would reach, and the
        pages above it are those whose `url_path` begins it: one query reads
        them all, and the page found keeps them as its ancestry for the request
        (`intranet.ancestry`). It is then routed as Wagtail routes a page with
        nothing left of the address (live, or 404). Anything else goes
        Wagtail's own way.
        """
        if 0 < len(path_components) < DEEPEST:
            url_path = f"{self.url_path}{'/'.join(path_components)}/"
            rows = tree_rows(address_condition(self, path_components))
            if rows and rows[-1].url_path == url_path and rows[-1].path.startswith(self.path):
                found = rows[-1].specific
                if isinstance(found, Ancestry):
                    found.knows_its_ancestry(rows)
                return found.route(request, [])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        # Imported here: the queries read models of apps that build on this one.
        from home.queries import home_context

        context = super().get_context(request, *args, **kwargs)
        context.update(home_context(request, self))
        return context


class FeaturedItem(Orderable):
    """A page the editors put forward on everyone's home page, for a while."""

    home = ParentalKey(
        HomePage, on_delete=models.CASCADE, related_name="featured_items", verbose_name=_("home")
    )
    item = models.ForeignKey(
        Page, on_delete=models.CASCADE, related_name="+", verbose_name=_("page")
    )
    blurb = models.CharField(
        _("blurb"), max_length=200, blank=True, help_text=_("Why it matters, in a sentence.")
    )
    ends_on = models.DateField(
        _("show until"),
        null=True,
        blank=True,
        help_text=_("The last day it is featured; leave empty to keep it until removed."),
    )

    panels = [FieldPanel("item"), FieldPanel("blurb"), FieldPanel("ends_on")]

    class Meta(Orderable.Meta):
        verbose_name = _("featured item")
        verbose_name_plural = _("featured items")


class TourDismissal(models.Model):
    """Someone closed the first-run tour: it does not come back for them."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="tour_dismissal",
        verbose_name=_("person"),
    )
    dismissed_at = models.DateTimeField(_("dismissed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("tour dismissal")
        verbose_name_plural = _("tour dismissals")

    def __str__(self):
        return str(self.user)
