"""A preview never reaches readers, and kept blocks never cross languages or time zones.

Every page built from kept blocks (`intranet.caching`) is read by one reader
with nothing kept, then again after an editor in another time zone has
previewed a changed draft of each page with nothing kept: the second reading
must be the first, to the byte but for each request's tokens. A kept block
filled by a preview would show the draft's title, its team member or the
editor's time zone to everyone.
"""

import re

import pytest

from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Page
from wagtail.users.models import UserProfile

from communities.models import CommunityTeamMember, TeamRole
from people.models import Discipline

DRAFT = "Unpublished draft words"
FAR_AWAY = "Pacific/Kiritimati"  # UTC+14: every time of day reads differently there.
# What changes from one request to the next whatever is kept: tokens and the
# comment form's signed timestamp and its key against posting twice.
PER_REQUEST = re.compile(
    r'(name="(?:csrfmiddlewaretoken|timestamp|security_hash|key)" value=")[^"]*"'
    r'|(data-csrf(?:-token)?=")[^"]*"'
)


def normalised(response) -> str:
    assert response.status_code == 200, response.status_code
    return PER_REQUEST.sub(lambda match: (match.group(1) or match.group(2)) + '"', response.text)


def forget_cached_fragments() -> None:
    cache.clear()


def reader_urls(world) -> list[str]:
    pages = world.pages
    return [
        pages["home"].url,
        pages["A"].url,
        pages["discussion in A"].url,
        pages["guide"].url,
        reverse("people:directory"),
        reverse("people:person", args=["erin"]),
        reverse("search") + "?q=In",
    ]


def change_drafts(world) -> list[Page]:
    """A draft of each page with words nobody else may see, and a team member who is only in
    the community's draft."""
    drafted = []
    for name in ("home", "A", "discussion in A", "guide"):
        page = Page.objects.get(pk=world.pages[name].pk).specific
        page.title = f"{DRAFT} {name}"
        if name == "A":
            page.team_members.add(
                CommunityTeamMember(
                    user=world.users["sam"], discipline=Discipline.IT, role=TeamRole.FACILITATOR
                )
            )
        page.save_revision(user=world.users["admin"])
        drafted.append(page)
    return drafted


def preview_as_editor_far_away(world, drafted: list[Page]) -> None:
    admin = world.users["admin"]
    profile = UserProfile.get_for_user(admin)
    profile.current_time_zone = FAR_AWAY
    profile.save()
    editor = Client()
    editor.force_login(admin)
    for page in drafted:
        shown = editor.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk]))
        assert DRAFT in shown.text
        # The editor's panel shows the draft as it is being edited, too.
        editor.get(reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk]))


@pytest.mark.django_db
def test_a_preview_fills_no_block_that_readers_see(world):
    reader = Client()
    reader.force_login(world.users["sam"])
    urls = reader_urls(world)
    drafted = change_drafts(world)
    # A first round counts the views and the search, which some blocks show.
    for url in urls:
        reader.get(url)
        reader.get(url)
    forget_cached_fragments()
    before = {url: normalised(reader.get(url)) for url in urls}

    forget_cached_fragments()
    preview_as_editor_far_away(world, drafted)
    after = {url: normalised(reader.get(url)) for url in urls}

    for url in urls:
        assert DRAFT not in after[url], url
        assert "+14:00" not in after[url], url
        assert after[url] == before[url], url


DATETIME = re.compile(r'datetime="([^"]+)"')


@pytest.mark.django_db
def test_readers_in_two_time_zones_each_see_their_own_times(world):
    """Every page read in turn by two readers, one in UTC and one in UTC+14: each time the
    second is shown is in their own zone, though the first filled the kept blocks."""
    here, there = Client(), Client()
    here.force_login(world.users["sam"])
    there.force_login(world.users["carl"])
    times_shown = 0
    for url in reader_urls(world):
        with timezone.override("UTC"):
            in_utc = DATETIME.findall(here.get(url).text)
        with timezone.override(FAR_AWAY):
            far_away = DATETIME.findall(there.get(url).text)
        assert all(time.endswith("+00:00") for time in in_utc), (url, in_utc)
        assert all(time.endswith("+14:00") for time in far_away), (url, far_away)
        times_shown += len(far_away)
    # The discussion's comments and the home page's feed show times at least.
    assert times_shown >= 2
