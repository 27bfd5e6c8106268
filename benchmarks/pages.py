"""The pages `make bench` times: one line each, a name and how to find its address.

Run as `python -m benchmarks.pages` with the server's settings and database, it
prints the addresses, the size of the data and the cache backend as JSON for
the benchmark.
"""

import json
import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intranet.settings.bench")
django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.templatetags.static import static  # noqa: E402
from django.urls import reverse  # noqa: E402

from wagtail.models import Page  # noqa: E402

from benchmarks.large_data import built_at_full_size  # noqa: E402
from communities.models import ANYONE_JOINS, CommunityPage, DiscussionPage  # noqa: E402
from conversation.models import Comment  # noqa: E402
from guides.models import GuidePage  # noqa: E402


def most_commented(model):
    """The live page of `model` with the most comments: the heaviest to show."""
    return (
        model.objects.live()
        .annotate(comment_count=Count("conversation_comments"))
        .order_by("-comment_count", "pk")
        .first()
    )


def quiet_discussion():
    """Where the benchmark posts its comments: the live discussion with the fewest, so that
    they never make it the most commented, which the page benchmark times. Its community is
    one anyone joins, so that joining and leaving it, timed beside, does the whole write."""
    discussions = (
        DiscussionPage.objects.live()
        .annotate(comment_count=Count("conversation_comments"))
        .order_by("comment_count", "pk")
    )
    joinable = CommunityPage.objects.filter(ANYONE_JOINS)
    return next(
        discussion
        for discussion in discussions.iterator()
        if joinable.filter(pk=discussion.get_parent().pk).exists()
    )


def a_colleague() -> str:
    """The newest colleague with a filled-in profile: in the large data set, one of its people."""
    colleagues = get_user_model().objects.filter(profile__job_title__gt="").exclude(username="erin")
    return colleagues.order_by("-pk").first().username


PAGES = {
    "home": lambda: "/",
    "community": lambda: most_commented(DiscussionPage).get_parent().url,
    "discussion (most comments)": lambda: most_commented(DiscussionPage).url,
    "guide": lambda: most_commented(GuidePage).url,
    "people directory": lambda: reverse("people:directory"),
    "person": lambda: reverse("people:person", args=[a_colleague()]),
    "search": lambda: reverse("search") + "?query=onboarding",
    # Its ratio to the floor is the cost of counting a page view (`benchmarks.views`).
    "floor and a page view": lambda: reverse(
        "bench-floor-view", args=[Page.objects.get(depth=2).pk]
    ),
}

# Timed signed in as an Insights reader (`--reader`): employees may not open them.
READER_PAGES = {"insights dashboard": lambda: reverse("insights_dashboard")}

FLOOR = {"floor": lambda: reverse("bench-floor"), "static": lambda: static("css/intranet.css")}


def data_size() -> dict[str, int]:
    return {
        "people": get_user_model().objects.count(),
        "communities": CommunityPage.objects.count(),
        "discussions": DiscussionPage.objects.count(),
        "guides": GuidePage.objects.count(),
        "comments": Comment.objects.count(),
        "comments on the discussion": most_commented(DiscussionPage).conversation_comments.count(),
    }


if __name__ == "__main__":
    quiet = quiet_discussion()
    print(
        json.dumps(
            {
                "pages": {name: find() for name, find in PAGES.items()},
                "reader pages": {name: find() for name, find in READER_PAGES.items()},
                "floor": {name: find() for name, find in FLOOR.items()},
                "size": data_size(),
                "large": built_at_full_size(),
                "clear cache": reverse("bench-clear-cache"),
                "discussion id": quiet.pk,
                "community id": quiet.get_parent().pk,
                "cache": settings.CACHES["default"]["BACKEND"],
            }
        )
    )
