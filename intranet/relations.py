"""What every record linking one person to one page shares.

A membership, a completed guide and an acknowledged must-read are each "this
person, this page, once": the shape lives here so every app keeps it the same
way (digital-workspace-v2 does this in `interactions/models.py`).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class UserPageRelation(models.Model):
    """Adds a person to a record about one page.

    Each subclass adds the foreign key to its page and lists `unique_per_person`
    in its constraints, so a person relates to a page at most once and doing
    the same thing twice can never create a second row.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="%(class)ss",
        verbose_name=_("person"),
    )

    class Meta:
        abstract = True

    @staticmethod
    def unique_per_person(page_field: str, name: str) -> models.UniqueConstraint:
        return models.UniqueConstraint(fields=["user", page_field], name=name)
