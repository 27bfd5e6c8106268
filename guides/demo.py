"""Demo guides for `seed_demo`: the purpose guide, an onboarding path and more.

Idempotent like the rest of the seed: a guide or path that exists (by title,
in its index) is left alone, so running the seed twice changes nothing and
an edit made in the admin survives the next run.
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils import timezone

from wagtail.models import Page

from communities.models import CommunityPage
from guides.models import (
    Audience,
    AudienceCode,
    GuideIndexPage,
    GuidePage,
    LearningPathPage,
    LearningPathStep,
)

EVERYONE, NEW_JOINERS, OWNERS, COMMUNICATORS = (
    AudienceCode.EVERYONE,
    AudienceCode.NEW_JOINERS,
    AudienceCode.COMMUNITY_OWNERS,
    AudienceCode.COMMUNICATORS,
)


def heading(text):
    return {"type": "heading", "value": {"text": text, "size": "h2"}}


def paragraph(*sentences):
    return {"type": "paragraph", "value": "".join(f"<p>{text}</p>" for text in sentences)}


def tip(text):
    return {"type": "tip", "value": {"text": f"<p>{text}</p>"}}


def warning(text):
    return {"type": "warning", "value": {"text": f"<p>{text}</p>"}}


def steps(*items):
    return {
        "type": "steps",
        "value": {
            "steps": [
                {"title": title, "text": f"<p>{text}</p>", "image": None} for title, text in items
            ]
        },
    }


def questions(*items):
    return {
        "type": "questions",
        "value": {
            "questions": [{"question": q, "answer": f"<p>{answer}</p>"} for q, answer in items]
        },
    }


@dataclass(frozen=True)
class DemoGuide:
    title: str
    summary: str
    body: tuple
    audiences: tuple[str, ...] = (EVERYONE,)
    topics: tuple[str, ...] = ()
    owner: str = "carl"
    # Days from today until the review is due; negative is overdue.
    review_in_days: int = 180
    must_read: bool = False


PURPOSE = DemoGuide(
    "Why we have this intranet",
    "The intranet is a circle: we listen to you, cultivate communities, and listen again.",
    (
        paragraph(
            "This intranet is one big community made of many smaller ones. It exists so that "
            "we can talk to each other, learn from each other and find each other, wherever "
            "we work.",
        ),
        heading("A circle that starts with listening"),
        steps(
            ("Listen", "Each community's team asks what you need and reads what you say."),
            (
                "Cultivate",
                "They bring people together, train them, explain why and connect them.",
            ),
            ("Measure", "They look at what happens and report it to the people who decide."),
            ("Listen again", "What you tell us changes the intranet: things are added or go."),
        ),
        tip("Answer “Was this page helpful?” on a guide or a community: the team reads it."),
        questions(
            ("Who runs the intranet?", "A team from HR, Communications, IT and the business."),
            ("Is it compulsory?", "No. We hope it is useful enough that you come back."),
        ),
    ),
    topics=("purpose", "onboarding"),
    must_read=True,
)

ONBOARDING = (
    PURPOSE,
    DemoGuide(
        "Joining a community",
        "Find the communities that matter to your work and join them in one click.",
        (
            paragraph("Communities are where conversations happen. Joining one is instant."),
            steps(
                ("Open Communities", "Use the Communities link in the header."),
                ("Pick one", "Read its purpose and see who looks after it."),
                ("Join", "Press “Join this community”. Some are by invitation: ask the team."),
            ),
            tip("Start with New joiners: people there remember being new."),
        ),
        audiences=(EVERYONE, NEW_JOINERS),
        topics=("onboarding", "communities"),
    ),
    DemoGuide(
        "Commenting and starting a discussion",
        "Ask a question, share what you know, and reply to colleagues with care.",
        (
            paragraph("Any member can start a discussion in their community."),
            steps(
                ("Start", "On the community page, press “Start a discussion”."),
                ("Write", "A clear title and a few sentences get the best answers."),
                ("Reply", "Comment on a discussion to help a colleague."),
            ),
            warning("Never post personal data about customers or colleagues."),
        ),
        audiences=(EVERYONE, NEW_JOINERS),
        topics=("onboarding", "conversation"),
    ),
    DemoGuide(
        "Finding people",
        "Search the directory by name, team or expertise, and say hello.",
        (
            paragraph("Everyone has a profile with their role, team, location and expertise."),
            steps(
                ("Search", "Type a name or a skill in the search box."),
                ("Read the profile", "See what they work on and which communities they are in."),
                ("Connect", "Mention them in a discussion, or write to them from their profile."),
            ),
            tip("Complete your own profile so others can find you too."),
        ),
        audiences=(EVERYONE, NEW_JOINERS),
        topics=("onboarding", "people"),
        review_in_days=7,
    ),
)

OTHERS = (
    DemoGuide(
        "Cultivating your community",
        "For community teams: how to keep a community alive, from first post to yearly review.",
        (
            paragraph(
                "A community lives when its team keeps the circle turning: listen, cultivate, "
                "measure, listen again."
            ),
            heading("Every week"),
            steps(
                ("Welcome newcomers", "Greet new members and point them to a first discussion."),
                ("Answer or route", "No question should wait more than two working days."),
                ("Connect people", "Introduce members who could help each other."),
            ),
            heading("Every quarter"),
            steps(
                ("Look at the numbers", "Visits, members and discussions tell part of the story."),
                ("Ask members", "A discussion on what to keep and what to change tells the rest."),
                ("Report", "Share what you learnt with the people who decide."),
            ),
            tip("A team with people from at least two disciplines sees more."),
        ),
        audiences=(OWNERS,),
        topics=("communities", "cultivating"),
        owner="olivia",
        review_in_days=-3,
    ),
    DemoGuide(
        "Writing a good guide",
        "For communicators: short sentences, one idea per step, and a review date.",
        (
            paragraph("Guides are read in a hurry. Put the answer first."),
            steps(
                ("Start with the summary", "Say what the reader will be able to do."),
                ("Use steps", "Numbered steps for anything done in order."),
                ("Submit for review", "Communications review checks it before it goes live."),
            ),
        ),
        audiences=(COMMUNICATORS,),
        topics=("writing",),
        review_in_days=-20,
    ),
    DemoGuide(
        "Using the intranet responsibly",
        "What you may and may not post, and how moderation works.",
        (
            paragraph("Be kind, be clear and keep confidential information out of discussions."),
            warning("Posts are visible to every colleague. Treat them like an email to all."),
            questions(
                ("Who moderates?", "Each community's team, with HR for serious matters."),
                ("Can I delete my post?", "Yes: edit or delete it from the discussion page."),
            ),
        ),
        topics=("policy",),
        must_read=True,
        review_in_days=10,
    ),
    DemoGuide(
        "Setting up your profile",
        "A photo, your role and your expertise help colleagues find the right person.",
        (
            steps(
                ("Open your profile", "Use the menu under your name."),
                ("Add what you know", "List a few areas of expertise."),
            ),
        ),
        audiences=(NEW_JOINERS,),
        topics=("people",),
    ),
    DemoGuide(
        "Searching the intranet",
        "Find guides, communities, discussions and people from one box.",
        (
            paragraph("The search box in the header looks everywhere at once."),
            tip("Filters on the results page keep only the kinds you tick, such as guides."),
        ),
        topics=("search",),
    ),
    DemoGuide(
        "Running a community event",
        "From an idea to a room full of colleagues: plan, announce, follow up.",
        (
            steps(
                ("Plan", "Pick a date and a question the event will answer."),
                ("Announce", "Start a discussion in your community a fortnight before."),
                ("Follow up", "Post what was said, and what happens next."),
            ),
        ),
        audiences=(OWNERS, COMMUNICATORS),
        topics=("communities", "events"),
        owner="olivia",
    ),
    DemoGuide(
        "Measuring what happens",
        "Which numbers matter for a community, and which only look good.",
        (
            paragraph("Members who come back matter more than page views."),
            warning("Never judge a community on one month alone."),
        ),
        audiences=(OWNERS,),
        topics=("insights",),
        review_in_days=-40,
    ),
)

# A guide of a community's own, which its team publishes without review.
COMMUNITY_GUIDES = {
    "Intranet champions": (
        DemoGuide(
            "Running a champions' drop-in",
            "How champions run a monthly drop-in session in their office.",
            (
                steps(
                    ("Book a room", "A corner of the canteen works well."),
                    ("Bring examples", "Show a real question answered on the intranet."),
                ),
            ),
            audiences=(OWNERS,),
            topics=("champions",),
        ),
    ),
}

ONBOARDING_PATH = "Welcome to the intranet"


def _guide(index, spec: DemoGuide, users: dict, audiences: dict, today) -> tuple[GuidePage, bool]:
    existing = GuidePage.objects.child_of(index).filter(title=spec.title).first()
    if existing is not None:
        return existing, False
    guide = GuidePage(
        title=spec.title,
        summary=spec.summary,
        body=list(spec.body),
        must_read=spec.must_read,
        content_owner=users.get(spec.owner),
        last_reviewed=today - datetime.timedelta(days=180),
        review_by=today + datetime.timedelta(days=spec.review_in_days),
    )
    guide.audiences = [audiences[code] for code in spec.audiences]
    guide.topics.add(*spec.topics)
    index.add_child(instance=guide)
    guide.save_revision().publish()
    return guide, True


def _index(parent, title: str) -> GuideIndexPage:
    index = GuideIndexPage.objects.child_of(parent).first()
    if index is None:
        index = GuideIndexPage(title=title)
        parent.add_child(instance=index)
        index.save_revision().publish()
    return index


def seed_guides(home: Page | None) -> str:
    """Create the demo guides and paths that are missing under `home`; say what was created."""
    if home is None:
        return "no home page"
    today = timezone.localdate()
    users = {user.username: user for user in get_user_model().objects.all()}
    audiences = {audience.code: audience for audience in Audience.objects.all()}
    index = _index(home, "Guides")
    created = 0
    onboarding = []
    for spec in (*ONBOARDING, *OTHERS):
        guide, new = _guide(index, spec, users, audiences, today)
        created += new
        if spec in ONBOARDING:
            onboarding.append(guide)
    for community_title, specs in COMMUNITY_GUIDES.items():
        community = CommunityPage.objects.filter(title=community_title).first()
        if community is None:
            continue
        community_index = _index(community, f"{community_title} guides")
        for spec in specs:
            created += _guide(community_index, spec, users, audiences, today)[1]

    paths = 0
    if not LearningPathPage.objects.child_of(index).filter(title=ONBOARDING_PATH).exists():
        path = LearningPathPage(
            title=ONBOARDING_PATH,
            introduction="Four short guides for your first days: why, join, talk, find.",
        )
        path.steps = [
            LearningPathStep(guide=guide, sort_order=order)
            for order, guide in enumerate(onboarding)
        ]
        index.add_child(instance=path)
        path.save_revision().publish()
        paths = 1
    return f"{created} guides and {paths} learning paths created"
