"""What the apps above people add to a person's page and to the directory.

People sits below communities, conversation and guides and imports none of
them: each adds its part through a Wagtail hook registered in its own
`wagtail_hooks.py` (https://docs.wagtail.org/en/stable/reference/hooks.html),
whose `order` places it among the others.

- "person_sections": called with a profile, gives a `PersonSection` the same
  for every reader. The page caches them all in one fragment, keyed on the
  stamps of the data they show, so none may list what is behind a view
  restriction.
- "person_reader_sections": called with a profile and the request, gives a
  `PersonSection` of the reader's own, rendered after the others; its
  template caches it for that reader.
- "directory_filters": called with nothing, gives a `DirectoryFilter`, one
  more drop-down of the directory.
"""

from abc import ABC, abstractmethod
from collections.abc import Callable

from django.db.models import QuerySet

from wagtail import hooks

PERSON_SECTIONS = "person_sections"
PERSON_READER_SECTIONS = "person_reader_sections"
DIRECTORY_FILTERS = "directory_filters"


class PersonSection:
    """A part of a person's page, rendered by `template_name` with `section` in its context.

    What it lists is read the first time its template asks (a
    `cached_property`), so a page served from the cache reads nothing.
    """

    template_name: str

    def __init__(self, profile):
        self.profile = profile
        self.user = profile.user


def person_sections(profile) -> list[PersonSection]:
    return [section(profile) for section in hooks.get_hooks(PERSON_SECTIONS)]


def person_reader_sections(profile, request) -> list[PersonSection]:
    return [section(profile, request) for section in hooks.get_hooks(PERSON_READER_SECTIONS)]


class DirectoryFilter(ABC):
    """A drop-down of the directory, its field named `name`: what it offers and whom a choice
    keeps. Its values are turned into Python by `coerce`."""

    name: str
    label: str
    coerce: Callable = str

    @abstractmethod
    def choices(self, kept_out: tuple[str, ...]) -> list[tuple]:
        """The (value, label) pairs offered; none in the places `kept_out`
        (`intranet.view_restrictions`), those the reader may not open."""

    @abstractmethod
    def filter(self, people: QuerySet, value) -> QuerySet:
        """The profiles among `people` that the chosen `value` keeps."""


def directory_filters() -> list[DirectoryFilter]:
    return [directory_filter() for directory_filter in hooks.get_hooks(DIRECTORY_FILTERS)]
