"""Demo insights for `seed_demo`.

Idempotent like the rest of the seed: a suggestion that exists (by title) and
an answer someone has already given are left alone, so running the seed twice
changes nothing and what people changed since survives.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model

from wagtail.models import Page

from insights import services
from insights.models import HelpfulVote, Suggestion, SuggestionStatus, SuggestionVote

# Listening


@dataclass(frozen=True)
class DemoSuggestion:
    author: str
    title: str
    body: str
    status: str = SuggestionStatus.NEW
    answer: str = ""
    voters: tuple[str, ...] = ()


DEMO_SUGGESTIONS = (
    DemoSuggestion(
        "priya",
        "Add a community for parents",
        "Somewhere to swap tips on school holidays and flexible hours.",
        SuggestionStatus.DONE,
        "Done: “Parents at work” is open to everyone under People and Culture.",
        ("erin", "mei", "sofia", "nadia", "kofi", "amara"),
    ),
    DemoSuggestion(
        "tomas",
        "Show the canteen menu on the home page",
        "",
        SuggestionStatus.PLANNED,
        "Planned for next month: the facilities team will publish it each Monday.",
        ("jonas", "diego", "liam"),
    ),
    DemoSuggestion(
        "erin",
        "Make guides printable",
        "Some of us read the long ones on the train.",
        SuggestionStatus.DONE,
        "Done: every guide now prints cleanly, without the header and comments.",
        ("priya", "tomas"),
    ),
    DemoSuggestion(
        "mei",
        "Remove the old “News archive” section",
        "Nobody has opened it for a year and it shows up in every search.",
        SuggestionStatus.UNDER_REVIEW,
        "We are checking with Legal whether anything there must be kept.",
        ("diego",),
    ),
    DemoSuggestion(
        "jonas",
        "A dark theme",
        "Easier on the eyes in the evening.",
        SuggestionStatus.DECLINED,
        "Not now: we would rather spend the time on accessibility fixes first.",
        ("liam", "sofia"),
    ),
    DemoSuggestion(
        "sofia",
        "Add a community for cyclists",
        "Routes, showers, bike-to-work scheme.",
        voters=("kofi", "erin"),
    ),
    DemoSuggestion(
        "diego",
        "Let us follow a person, not only a page",
        "",
        voters=("amara",),
    ),
    DemoSuggestion(
        "nadia",
        "Translate the onboarding guides into Portuguese",
        "Our Lisbon colleagues would join faster.",
        SuggestionStatus.PLANNED,
        "Planned: the Lisbon champions are translating the first four guides.",
        ("tomas", "mei", "erin"),
    ),
)

# (page title, username, helpful, comment)
DEMO_HELPFUL_VOTES = (
    ("Why we have this intranet", "erin", True, "Clear and short, thanks."),
    ("Why we have this intranet", "kofi", True, ""),
    ("Why we have this intranet", "amara", False, "I still don't know who to ask about my pay."),
    ("Joining a community", "diego", False, "It does not say how to leave a community."),
    ("Joining a community", "mei", True, ""),
    ("Finding people", "liam", True, "The department filter is very handy."),
    ("People and Culture", "priya", True, ""),
    ("People and Culture", "jonas", False, "Hard to find the holiday policy from here."),
    ("IT and Digital", "sofia", False, "Where do I report a broken laptop?"),
)


def _people() -> dict:
    usernames = {s.author for s in DEMO_SUGGESTIONS} | {
        v for s in DEMO_SUGGESTIONS for v in s.voters
    }
    usernames |= {username for _title, username, _helpful, _comment in DEMO_HELPFUL_VOTES}
    return {u.username: u for u in get_user_model().objects.filter(username__in=usernames)}


def seed_listening() -> str:
    """Add the demo suggestions, their votes and the helpful votes that are missing."""
    people = _people()
    suggestions = votes = 0
    for spec in DEMO_SUGGESTIONS:
        suggestion = Suggestion.objects.filter(title=spec.title).first()
        if suggestion is None:
            suggestion = services.submit_suggestion(people.get(spec.author), spec.title, spec.body)
            suggestion.status, suggestion.answer = spec.status, spec.answer
            suggestion.save()
            suggestions += 1
        for username in spec.voters:
            _vote, created = SuggestionVote.objects.get_or_create(
                user=people[username], suggestion=suggestion
            )
            votes += created
    helpful = 0
    pages = {
        page.title: page
        for page in Page.objects.live().filter(
            title__in={title for title, *_rest in DEMO_HELPFUL_VOTES}
        )
    }
    for title, username, is_helpful, comment in DEMO_HELPFUL_VOTES:
        page, user = pages.get(title), people.get(username)
        if (
            page is None
            or user is None
            or HelpfulVote.objects.filter(user=user, page=page).exists()
        ):
            continue
        services.answer_helpful(user, page, is_helpful, comment)
        helpful += 1
    return f"{suggestions} suggestions, {votes} votes, {helpful} helpful answers added"


# End of Listening.
