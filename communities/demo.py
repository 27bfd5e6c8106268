"""Demo communities for `seed_demo`: teams, members and discussions.

Idempotent like the rest of the seed: a community, membership or discussion
that exists is left alone, so running the seed twice changes nothing and an
edit made in the admin survives the next run.
"""

import random
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model

from wagtail.models import Page

from communities import membership, services
from communities.models import (
    ANYONE_JOINS,
    CommunityPage,
    CommunityTeamMember,
    DiscussionPage,
    JoinRequest,
    Membership,
    MembershipPolicy,
    TeamRole,
    Visibility,
)
from people.demo import BUSINESS, COMMS, HR, IT, OTHER, SEED

LEAD, FACILITATOR = TeamRole.LEAD, TeamRole.FACILITATOR


@dataclass(frozen=True)
class DemoCommunity:
    title: str
    purpose: str
    # (username, discipline, role); the first is the lead.
    team: tuple[tuple[str, str, str], ...]
    members: tuple[str, ...]
    discussions: tuple[tuple[str, str, str], ...] = ()  # (author, title, body)
    children: tuple["DemoCommunity", ...] = ()
    policy: str = MembershipPolicy.OPEN
    visibility: str = Visibility.OPEN
    requests: tuple[tuple[str, str], ...] = ()  # (username, message): asked to join, waiting
    contact_channel: str = ""
    topics: tuple[str, ...] = field(default=())


DEMO_COMMUNITIES = (
    DemoCommunity(
        "People and Culture",
        "Everything about working here: joining, growing, leave and wellbeing.",
        team=(("priya", HR, LEAD), ("carl", COMMS, FACILITATOR), ("jonas", IT, FACILITATOR)),
        members=("erin", "tomas", "amara", "mei", "diego", "sofia"),
        contact_channel="#people-and-culture",
        topics=("hr", "wellbeing"),
        discussions=(
            ("erin", "How do I book leave?", "Is there a form, or do I ask my manager first?"),
            ("tomas", "Flexible Fridays", "Has anyone tried compressed hours? How did it go?"),
        ),
        children=(
            DemoCommunity(
                "New joiners",
                "Help for your first months: who is who, where things are, what to ask.",
                team=(("priya", HR, LEAD), ("carl", COMMS, FACILITATOR)),
                members=("erin", "liam", "nadia", "kofi"),
                discussions=(
                    ("liam", "Where is the printer on floor 3?", "I have been looking for ages!"),
                    ("nadia", "Buddy wanted", "Is anyone up for a coffee to show me around?"),
                ),
                children=(
                    DemoCommunity(
                        "Buddy programme",
                        "Pairs every newcomer with a colleague for their first three months.",
                        team=(("sofia", HR, LEAD), ("mei", BUSINESS, FACILITATOR)),
                        members=("liam", "nadia", "sofia"),
                        policy=MembershipPolicy.INVITATION,
                        discussions=(
                            (
                                "sofia",
                                "Buddy kick-off",
                                "Welcome, buddies: our first meet-up is on Monday.",
                            ),
                        ),
                    ),
                ),
            ),
            DemoCommunity(
                "Wellbeing",
                "Looking after ourselves and each other, at work and beyond.",
                team=(("amara", HR, LEAD), ("diego", OTHER, FACILITATOR)),
                members=("erin", "mei", "kofi"),
                discussions=(
                    ("mei", "Lunchtime walks", "Who wants to join a walk at 12:30 on Wednesdays?"),
                ),
            ),
        ),
    ),
    DemoCommunity(
        "Internal Communications",
        "How we tell each other what matters, and how we listen back.",
        team=(("carl", COMMS, LEAD), ("dana", BUSINESS, FACILITATOR), ("priya", HR, FACILITATOR)),
        members=("erin", "olivia", "sofia", "liam"),
        contact_channel="comms@example.com",
        discussions=(
            ("erin", "Newsletter: too long?", "I rarely get to the end of the monthly newsletter."),
        ),
        children=(
            DemoCommunity(
                "Intranet champions",
                "Colleagues in every team who help others get the most out of the intranet.",
                team=(("carl", COMMS, LEAD), ("jonas", IT, FACILITATOR)),
                members=("tomas", "amara", "kofi"),
                discussions=(
                    (
                        "tomas",
                        "Champions' monthly call",
                        "Agenda ideas for next month's call, please.",
                    ),
                ),
                children=(
                    DemoCommunity(
                        "Champions in Lisbon",
                        "The Lisbon office's champions, who run the local sessions.",
                        team=(("diego", BUSINESS, LEAD), ("carl", COMMS, FACILITATOR)),
                        members=("diego", "sofia"),
                        discussions=(
                            ("diego", "Session on search tips", "Shall we run one in the canteen?"),
                        ),
                    ),
                ),
            ),
        ),
    ),
    DemoCommunity(
        "IT and Digital",
        "Tools that work for people: laptops, accounts, security and the digital workplace.",
        team=(("jonas", IT, LEAD), ("carl", COMMS, FACILITATOR), ("olivia", BUSINESS, FACILITATOR)),
        members=("erin", "mei", "liam", "nadia"),
        contact_channel="#it-help",
        topics=("it", "security"),
        discussions=(
            (
                "liam",
                "VPN keeps dropping",
                "Since Tuesday my VPN drops every hour or so. Anyone else?",
            ),
            ("mei", "Password manager?", "Which password manager are we allowed to use?"),
        ),
        children=(
            DemoCommunity(
                "Cyber security",
                "Spotting phishing, keeping data safe and reporting incidents early.",
                team=(("jonas", IT, LEAD), ("priya", HR, FACILITATOR)),
                members=("erin", "kofi"),
                discussions=(("kofi", "Suspicious email", "How do I report a phishing email?"),),
            ),
        ),
    ),
    DemoCommunity(
        "Customers and Sales",
        "What our customers tell us, and how every team can help them.",
        team=(
            ("olivia", BUSINESS, LEAD),
            ("carl", COMMS, FACILITATOR),
            ("jonas", IT, FACILITATOR),
            ("priya", HR, FACILITATOR),
        ),
        members=("erin", "tomas", "diego", "nadia", "sofia"),
        contact_channel="#customers",
        topics=("customers", "sales"),
        discussions=(
            ("olivia", "Customer of the month", "Nominate a story about a customer we helped."),
            ("tomas", "CRM training", "Is there a recorded CRM session for newcomers?"),
        ),
        children=(
            DemoCommunity(
                "Key accounts",
                "The people who look after our largest customers, sharing what works.",
                team=(("olivia", BUSINESS, LEAD), ("dana", OTHER, FACILITATOR)),
                members=("tomas", "amara"),
                children=(
                    DemoCommunity(
                        "Public sector accounts",
                        "Tenders, frameworks and the public bodies we work with.",
                        team=(("amara", BUSINESS, LEAD), ("jonas", IT, FACILITATOR)),
                        members=("amara", "nadia"),
                        discussions=(
                            (
                                "amara",
                                "Framework renewal",
                                "The framework renews in spring: who is involved?",
                            ),
                        ),
                    ),
                ),
            ),
        ),
    ),
    # Closed: everyone sees it, only its members read it. Erin is not one.
    DemoCommunity(
        "Leadership forum",
        "Managers compare notes on priorities, hiring and the year ahead.",
        team=(("olivia", BUSINESS, LEAD), ("priya", HR, FACILITATOR), ("carl", COMMS, FACILITATOR)),
        members=("dana", "amara", "jonas"),
        visibility=Visibility.CLOSED,
        requests=(("erin", "I would like to hear where we are heading next year."),),
        discussions=(
            (
                "olivia",
                "Priorities for next quarter",
                "Three priorities each, please, before Friday's meeting.",
            ),
        ),
    ),
    # Secret: only its members know it exists. Olivia leads it; erin does not know of it.
    DemoCommunity(
        "Project Aurora",
        "A new customer portal, kept confidential until its launch.",
        team=(("olivia", BUSINESS, LEAD), ("jonas", IT, FACILITATOR)),
        members=("tomas", "dana"),
        visibility=Visibility.SECRET,
        discussions=(
            (
                "jonas",
                "Launch checklist",
                "What must be true before we show Aurora to its first customers?",
            ),
        ),
    ),
    DemoCommunity(
        "Sustainability",
        "Cutting our footprint together: travel, energy and the way we buy.",
        team=(("amara", OTHER, LEAD), ("mei", BUSINESS, FACILITATOR), ("carl", COMMS, FACILITATOR)),
        members=("erin", "sofia", "kofi", "liam", "olivia"),
        topics=("sustainability",),
        discussions=(
            ("sofia", "Train instead of plane", "Can we book trains for trips under six hours?"),
            ("kofi", "Recycling on floor 2", "The bins on floor 2 are always full by Thursday."),
        ),
    ),
)


@dataclass
class SeedReport:
    communities: int = 0
    memberships: int = 0
    discussions: int = 0

    def __str__(self):
        return (
            f"{self.communities} created, {self.memberships} memberships and "
            f"{self.discussions} discussions added"
        )


def _users() -> dict:
    # `seed_accounts` runs first, so every demo person named here exists.
    return {user.username: user for user in get_user_model().objects.all()}


def _community(parent, spec: DemoCommunity, users: dict, report: SeedReport) -> CommunityPage:
    existing = CommunityPage.objects.child_of(parent).filter(title=spec.title).first()
    if existing is not None:
        return existing
    community = CommunityPage(
        title=spec.title,
        purpose=spec.purpose,
        membership_policy=spec.policy,
        visibility=spec.visibility,
        contact_channel=spec.contact_channel,
    )
    community.team_members = [
        CommunityTeamMember(user=users[username], discipline=discipline, role=role)
        for username, discipline, role in spec.team
    ]
    community.topics.add(*spec.topics)
    parent.add_child(instance=community)
    # Publishing sends `page_published`, which gives the team its rights.
    community.save_revision().publish()
    report.communities += 1
    return community


def _seed(parent, spec: DemoCommunity, users: dict, report: SeedReport) -> None:
    community = _community(parent, spec, users, report)
    lead = users[spec.team[0][0]]
    for username in spec.members:
        report.memberships += services.add_member(lead, users[username], community)
    for author, title, body in spec.discussions:
        if DiscussionPage.objects.child_of(community).filter(title=title).exists():
            continue
        # Only members may start a discussion.
        report.memberships += services.add_member(lead, users[author], community)
        services.start_discussion(users[author], community, title, body)
        report.discussions += 1
    for username, message in spec.requests:
        # Asked once: a request the team has answered since is not asked again.
        if not JoinRequest.objects.filter(user=users[username], community=community).exists():
            membership.ask_to_join(users[username], community, message)
    for child in spec.children:
        _seed(community, child, users, report)


def seed_communities(home: Page | None) -> SeedReport:
    """Create the demo communities that are missing under `home`; report what was created."""
    report = SeedReport()
    if home is None:
        return report
    users = _users()
    for spec in DEMO_COMMUNITIES:
        _seed(home, spec, users, report)
    return report


def seed_colleague_memberships(colleagues) -> None:
    """Each colleague `seed_people` has just created joins two of the open communities, so
    the directory's community filter and "People you may want to know" have something to show.
    """
    rng = random.Random(SEED)  # noqa: S311 (demo data, not a secret)
    communities = list(CommunityPage.objects.live().filter(ANYONE_JOINS).order_by("path"))
    for user in colleagues:
        for community in rng.sample(communities, min(2, len(communities))):
            Membership.objects.get_or_create(user=user, community=community)
