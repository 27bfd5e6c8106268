"""Demo conversation for `seed_demo`: threads with replies and reactions on
discussions and guides.

Idempotent like the rest of the seed: a page that already has comments is
left alone, so running the seed twice changes nothing and comments people
wrote since survive.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model

from wagtail.models import Page

from conversation import services
from conversation.models import Comment


@dataclass(frozen=True)
class DemoComment:
    author: str
    text: str
    replies: tuple["DemoComment", ...] = ()
    reactions: tuple[tuple[str, str], ...] = ()  # (username, kind)


# Keyed by page title, as communities.demo and guides.demo create them.
DEMO_THREADS = {
    "Why we have this intranet": (
        DemoComment(
            "kofi",
            "Who decides what gets removed when nobody uses it?",
            replies=(
                DemoComment(
                    "carl",
                    "The community's team, from what the insights show and what you tell "
                    "us. Nothing goes without a note here first.",
                    replies=(DemoComment("kofi", "Good to know, thanks."),),
                    reactions=(("kofi", "like"), ("erin", "insightful")),
                ),
            ),
        ),
    ),
    "Joining a community": (
        DemoComment(
            "diego",
            "Can I join a community that is by invitation only?",
            replies=(
                DemoComment(
                    "olivia",
                    "Ask its team: their names are on the community page under "
                    "“Who cultivates this community”.",
                    reactions=(("diego", "support"),),
                ),
            ),
        ),
    ),
    "How do I book leave?": (
        DemoComment(
            "priya",
            "Ask your manager first, then record it in the HR portal under “Time off”.",
            replies=(
                DemoComment(
                    "erin",
                    "Thanks! Does half a day count as one request?",
                    replies=(
                        DemoComment(
                            "priya",
                            "Yes: pick “Half day” in the form, morning or afternoon.",
                            reactions=(("erin", "like"), ("tomas", "insightful")),
                        ),
                    ),
                ),
            ),
            reactions=(("erin", "support"), ("mei", "like"), ("diego", "insightful")),
        ),
        DemoComment(
            "amara",
            "Tip: book early for school holidays, @erin. The calendar fills up fast.",
            reactions=(("erin", "celebrate"),),
        ),
    ),
    "Flexible Fridays": (
        DemoComment(
            "sofia",
            "We tried it in Finance for three months. Mondays got busier but everyone liked it.",
            replies=(
                DemoComment(
                    "tomas",
                    "Did clients notice?",
                    replies=(DemoComment("sofia", "Not once we set an out-of-office rota."),),
                ),
            ),
            reactions=(("tomas", "curious"), ("mei", "insightful")),
        ),
    ),
    "Buddy wanted": (
        DemoComment(
            "liam",
            "I am on floor 2 too, happy to have a coffee on Wednesday!",
            replies=(DemoComment("nadia", "Wednesday at 10 works, see you there."),),
            reactions=(("nadia", "celebrate"),),
        ),
    ),
    # In the closed and the secret community (`communities.demo`): their members talk there.
    "Priorities for next quarter": (
        DemoComment(
            "amara",
            "Mine: the public sector framework, two hires in sales, and fewer meetings.",
            replies=(
                DemoComment(
                    "olivia",
                    "Fewer meetings gets my vote too. Let's start with this forum's.",
                    reactions=(("amara", "celebrate"),),
                ),
            ),
            reactions=(("dana", "like"),),
        ),
    ),
    "Launch checklist": (
        DemoComment(
            "tomas",
            "Single sign-on working for the pilot customers, and a support rota.",
            replies=(
                DemoComment(
                    "olivia",
                    "And the contract wording signed off: I'll chase it this week.",
                    reactions=(("jonas", "support"),),
                ),
            ),
        ),
    ),
}
# Reactions to the discussions themselves: (title, username, kind).
DEMO_PAGE_REACTIONS = (
    ("How do I book leave?", "mei", "like"),
    ("How do I book leave?", "kofi", "curious"),
    ("Flexible Fridays", "erin", "support"),
    ("Buddy wanted", "liam", "celebrate"),
)


def _post(page, spec: DemoComment, users: dict, parent=None) -> int:
    comment = services.post_comment(users[spec.author], page, spec.text, parent=parent)
    for username, kind in spec.reactions:
        services.react_to_comment(users[username], comment, kind)
    return 1 + sum(_post(page, reply, users, parent=comment) for reply in spec.replies)


def seed_conversation() -> int:
    """Post the demo threads on pages that have no comments yet; return how many."""
    users = {user.username: user for user in get_user_model().objects.all()}
    posted = 0
    for title, threads in DEMO_THREADS.items():
        page = Page.objects.live().filter(title=title).specific().first()
        if page is None or Comment.objects.filter(page=page).exists():
            continue
        for spec in threads:
            posted += _post(page, spec, users)
        for page_title, username, kind in DEMO_PAGE_REACTIONS:
            if page_title == title:
                services.react_to_page(users[username], page, kind)
    return posted
