"""What editors set for search, and what search remembers of the queries people type.

The query log keeps counts per day and nothing about who searched; the answers
to "What were you looking for?" keep the text people chose to write, with no
author either.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel

# A normalised query is cut to this length, the longest a person may type.
QUERY_MAX_LENGTH = 200
FEEDBACK_MAX_LENGTH = 1000


class SearchSynonym(models.Model):
    """Words that mean the same to the people searching, such as "holiday, leave".

    Searching for any of them finds pages that use any other.
    """

    words = models.CharField(
        _("words"),
        max_length=255,
        unique=True,
        help_text=_(
            "Single words separated by commas, for example: holiday, leave, vacation. "
            "A search for any of them finds all of them."
        ),
    )

    panels = [FieldPanel("words")]

    class Meta:
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")
        ordering = ["words"]

    def __str__(self):
        return self.words

    def clean(self):
        # Imported here: query imports this module for the synonym lookups.
        from search.query import synonym_words

        words = synonym_words(self.words)
        if len(words) < 2:
            raise ValidationError({"words": _("List at least two words, separated by commas.")})
        if any(" " in word for word in words):
            raise ValidationError(
                {"words": _("Each synonym is a single word: %(words)s") % {"words": self.words}}
            )
        self.words = ", ".join(words)


class SearchExclusion(models.Model):
    """A page an editor keeps out of the results for one search phrase."""

    query_string = models.CharField(
        _("search phrase"),
        max_length=QUERY_MAX_LENGTH,
        help_text=_("What people type; case, punctuation and extra spaces do not matter."),
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("page"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    panels = [FieldPanel("query_string"), FieldPanel("page")]

    class Meta:
        verbose_name = _("search exclusion")
        verbose_name_plural = _("search exclusions")
        ordering = ["query_string"]
        constraints = [
            models.UniqueConstraint(fields=["query_string", "page"], name="unique_search_exclusion")
        ]

    def __str__(self):
        return f"{self.query_string} − {self.page_id}"

    def save(self, *args, **kwargs):
        from search.query import normalise

        self.query_string = normalise(self.query_string)
        super().save(*args, **kwargs)


class SearchQueryDay(models.Model):
    """How often one normalised query was searched on one day, and how often it found nothing."""

    day = models.DateField(_("day"))
    query_string = models.CharField(_("query"), max_length=QUERY_MAX_LENGTH)
    searches = models.PositiveIntegerField(_("searches"), default=0)
    zero_results = models.PositiveIntegerField(_("searches with no results"), default=0)

    class Meta:
        verbose_name = _("search query count")
        verbose_name_plural = _("search query counts")
        constraints = [
            models.UniqueConstraint(fields=["day", "query_string"], name="one_row_per_query_day")
        ]

    def __str__(self):
        return f"{self.day} {self.query_string}: {self.searches}"


class SearchFeedback(models.Model):
    """What someone was looking for when search did not find it, in their words."""

    query = models.CharField(_("query"), max_length=QUERY_MAX_LENGTH, blank=True)
    text = models.TextField(_("what they were looking for"), max_length=FEEDBACK_MAX_LENGTH)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("search feedback")
        verbose_name_plural = _("search feedback")
        ordering = ["-created_at"]

    def __str__(self):
        return self.text[:60]
