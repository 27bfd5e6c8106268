"""What the apps above people add to the directory.

People sits below communities, conversation and guides and imports none of
them: each adds its part through a Wagtail hook registered in its own
`wagtail_hooks.py` (https://docs.wagtail.org/en/stable/reference/hooks.html),
whose `order` places it among the others.

- "directory_filters": called with nothing, gives a `DirectoryFilter`, one
  more drop-down of the directory.
"""

from abc import ABC, abstractmethod
from collections.abc import Callable

from django.db.models import QuerySet

from wagtail import hooks

DIRECTORY_FILTERS = "directory_filters"


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
