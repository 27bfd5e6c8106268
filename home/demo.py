"""The home page's demo text and setup and erin's follows, for `seed_demo`.

Idempotent like the rest of the seed: what is already set is left alone.
"""

from django.contrib.auth import get_user_model
from django.utils import timezone

from wagtail.models import Page

from guides.demo import ONBOARDING_PATH
from guides.models import LearningPathPage
from home.models import FeaturedItem, HomePage
from notifications.models import Notification, PageFollow, PersonFollow

HOME_INTRODUCTION = (
    "<p>This intranet is where we talk, learn and find each other. Every community here is "
    "looked after by a team from HR, Communications, IT and the business, who listen to what "
    "you say and change the intranet because of it.</p>"
)
PURPOSE_GUIDE = "Why we have this intranet"
FEATURED = (("Flexible Fridays", "Tell us how a four-day rhythm would work in your team."),)
# (follower, person followed) and (follower, discussion followed)
DEMO_PERSON_FOLLOWS = (("erin", "priya"), ("erin", "sofia"), ("olivia", "erin"))
DEMO_PAGE_FOLLOWS = (("erin", "Flexible Fridays"),)


def seed_home_page() -> bool:
    """Give the home page its introduction once; return whether it changed."""
    home = HomePage.objects.first()
    if home is None or home.introduction:
        return False
    home.introduction = HOME_INTRODUCTION
    home.save_revision().publish()
    return True


def _setup_home_page(home: HomePage) -> bool:
    changed = False
    if home.purpose_page_id is None:
        home.purpose_page = Page.objects.live().filter(title=PURPOSE_GUIDE).first()
        changed = home.purpose_page is not None
    if home.onboarding_path_id is None:
        home.onboarding_path = LearningPathPage.objects.live().filter(title=ONBOARDING_PATH).first()
        changed = changed or home.onboarding_path is not None
    if not home.featured_items.exists():
        for order, (title, blurb) in enumerate(FEATURED):
            item = Page.objects.live().filter(title=title).first()
            if item is not None:
                home.featured_items.add(FeaturedItem(item=item, blurb=blurb, sort_order=order))
                changed = True
    if changed:
        home.save_revision().publish()
    return changed


def _seed_follows() -> int:
    users = {user.username: user for user in get_user_model().objects.all()}
    created = 0
    for follower, person in DEMO_PERSON_FOLLOWS:
        if follower in users and person in users:
            created += PersonFollow.objects.get_or_create(
                user=users[follower], person=users[person]
            )[1]
    for follower, title in DEMO_PAGE_FOLLOWS:
        page = Page.objects.live().filter(title=title).first()
        if follower in users and page is not None:
            created += PageFollow.objects.get_or_create(user=users[follower], page=page)[1]
    return created


def seed_home(started_at) -> str:
    """Set up the home page and the demo follows; return what was done."""
    home = HomePage.objects.first()
    changed = home is not None and _setup_home_page(home)
    follows = _seed_follows()
    # What the seed just did shows under the bell (erin's replies and
    # mentions), but nobody is emailed about the demo's history.
    Notification.objects.filter(emailed_at__isnull=True, created_at__gte=started_at).update(
        emailed_at=timezone.now()
    )
    return f"{'set up' if changed else 'already set up'}, {follows} follows added"
