"""Reading a page's view restrictions once per page object."""

from django.db import models


class RestrictionsReadOnce(models.Model):
    """Keeps the page's view restrictions once read. Put it before `Page` in the bases.

    Wagtail reads them to serve the page, and the page then asks again whether
    it is public (for its comments and its "Was this helpful?" box): one read
    serves both. A page object lives for one request.
    """

    class Meta:
        abstract = True

    def get_view_restrictions(self):
        if "_view_restrictions" not in self.__dict__:
            self.__dict__["_view_restrictions"] = super().get_view_restrictions()
        return self.__dict__["_view_restrictions"]
