from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase
from wagtail.search import index

from intranet.indexing import SUMMARY_BOOST

BIO_MAX_LENGTH = 600
# Where a person sits in the organisation: what they edit first and what HR's export sets.
WORK_FIELDS = ("display_name", "job_title", "department", "team", "location", "discipline")
# Fields that hold one line of plain text (intranet.control_characters).
ONE_LINE_FIELDS = (*WORK_FIELDS, "ask_me_about", "email", "phone", "chat_handle")


class Discipline(models.TextChoices):
    HR = "hr", _("HR")
    COMMUNICATIONS = "communications", _("Communications")
    IT = "it", _("IT")
    BUSINESS = "business", _("Business")
    OTHER = "other", _("Other")


class ProfileExpertise(TaggedItemBase):
    """An expertise tag on a profile; a table of its own, apart from the pages' tags."""

    content_object = models.ForeignKey(
        "people.Profile", on_delete=models.CASCADE, related_name="expertise_items"
    )

    class Meta:
        verbose_name = _("expertise")
        verbose_name_plural = _("expertise")


class ProfileQuerySet(models.QuerySet):
    def with_expertise(self):
        """Read each profile's expertise tags with the profiles, in one more query.

        Taggit's own prefetch builds a query set for every profile, which costs
        more than the read itself on a list of fifty.
        """
        items = ProfileExpertise.objects.select_related("tag").order_by("tag__name")
        return self.prefetch_related(
            models.Prefetch("expertise_items", queryset=items, to_attr="expertise_read")
        )


class Profile(index.Indexed, models.Model):
    """What colleagues see about a person. One per user, made with the user (`signals`).

    Search finds people by name first, then job title and expertise, then the
    rest; people who have left are not in the index (`get_indexed_objects`).
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="profile",
        verbose_name=_("person"),
    )
    display_name = models.CharField(
        _("display name"),
        max_length=150,
        help_text=_("The name colleagues see and search for."),
    )
    job_title = models.CharField(_("job title"), max_length=150, blank=True)
    department = models.CharField(_("department"), max_length=100, blank=True)
    team = models.CharField(_("team"), max_length=100, blank=True)
    location = models.CharField(
        _("location"), max_length=100, blank=True, help_text=_("An office or a city.")
    )
    discipline = models.CharField(
        _("discipline"), max_length=20, choices=Discipline.choices, blank=True
    )
    bio = models.TextField(_("short bio"), max_length=BIO_MAX_LENGTH, blank=True)
    expertise = TaggableManager(
        verbose_name=_("expertise"),
        through=ProfileExpertise,
        blank=True,
        help_text=_("What you know well, separated by commas."),
    )
    ask_me_about = models.CharField(
        _("ask me about"),
        max_length=255,
        blank=True,
        help_text=_("Questions you are happy to answer."),
    )
    # A plain file in the default storage: /media/ serves it only to signed-in
    # people (intranet.views.media), and services.prepare_photo has re-encoded it.
    photo = models.ImageField(_("photo"), upload_to="people/photos/", blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    chat_handle = models.CharField(
        _("chat handle"), max_length=100, blank=True, help_text=_("For example @erin.")
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ProfileQuerySet.as_manager()

    search_fields = [
        index.SearchField("display_name", boost=2),
        index.AutocompleteField("display_name"),
        index.SearchField("job_title", boost=SUMMARY_BOOST),
        index.SearchField("expertise_text", boost=SUMMARY_BOOST),
        index.SearchField("department"),
        index.SearchField("team"),
        index.SearchField("ask_me_about"),
        index.SearchField("bio"),
        index.FilterField("user"),
        index.FilterField("updated_at"),
    ]

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")
        # The directory sorts by name and filters by department and location.
        indexes = [
            models.Index(fields=["display_name"], name="profile_display_name"),
            models.Index(fields=["department"], name="profile_department"),
            models.Index(fields=["location"], name="profile_location"),
        ]

    def __str__(self):
        return self.display_name

    @classmethod
    def get_indexed_objects(cls):
        return super().get_indexed_objects().filter(user__is_active=True)

    @property
    def expertise_tags(self) -> list:
        """The tags by name, from `with_expertise` when the profiles were read with it."""
        if hasattr(self, "expertise_read"):
            return [item.tag for item in self.expertise_read]
        return list(self.expertise.order_by("name"))

    def expertise_text(self) -> str:
        return ", ".join(tag.name for tag in self.expertise_tags)

    @property
    def initial(self) -> str:
        return self.display_name[:1].upper()
