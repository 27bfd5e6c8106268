"""Demo profiles for `seed_demo`: the demo accounts, and generated colleagues around them.

Idempotent like the rest of the seed: a profile someone has filled in is left
alone, and a colleague who exists is not made again. The colleagues come from
fixed lists shuffled by a seeded generator, so every run builds the same people.
"""

import random
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.utils.text import slugify

from people.models import Discipline, Profile

HR, COMMS, IT, BUSINESS, OTHER = (
    Discipline.HR,
    Discipline.COMMUNICATIONS,
    Discipline.IT,
    Discipline.BUSINESS,
    Discipline.OTHER,
)


@dataclass(frozen=True)
class DemoProfile:
    job_title: str
    department: str
    team: str
    location: str
    discipline: str
    expertise: tuple[str, ...]
    ask_me_about: str = ""


# The accounts `intranet.demo` creates, by username.
DEMO_PROFILES = {
    "admin": DemoProfile(
        "Intranet administrator", "IT", "Digital workplace", "London", IT, ("wagtail",)
    ),
    "carl": DemoProfile(
        "Internal communications lead",
        "Communications",
        "Internal comms",
        "Lisbon",
        COMMS,
        ("writing", "newsletters", "storytelling"),
        "How to write a post people read to the end",
    ),
    "olivia": DemoProfile(
        "Head of customer success",
        "Sales",
        "Key accounts",
        "London",
        BUSINESS,
        ("customer success", "negotiation"),
        "Our largest customers and what they need",
    ),
    "erin": DemoProfile(
        "Payroll specialist", "Finance", "Payroll", "Stockholm", BUSINESS, ("payroll", "Excel")
    ),
    "dana": DemoProfile(
        "Data analyst", "Strategy", "Insights", "London", BUSINESS, ("data analysis", "SQL")
    ),
    "priya": DemoProfile(
        "HR business partner",
        "People",
        "HR partners",
        "London",
        HR,
        ("onboarding", "employment law", "wellbeing"),
        "Leave, contracts and your first weeks",
    ),
    "tomas": DemoProfile(
        "Account manager", "Sales", "Mid-market", "Prague", BUSINESS, ("CRM", "negotiation")
    ),
    "amara": DemoProfile(
        "Sustainability manager",
        "Operations",
        "Facilities",
        "Lagos",
        OTHER,
        ("sustainability", "procurement", "public sector"),
        "Greener travel and buying",
    ),
    "jonas": DemoProfile(
        "IT service lead",
        "IT",
        "Service desk",
        "Stockholm",
        IT,
        ("security", "networks", "laptops"),
        "Anything that will not connect",
    ),
    "mei": DemoProfile(
        "Product owner", "Product", "Mobile", "Lisbon", BUSINESS, ("agile", "user research")
    ),
    "diego": DemoProfile(
        "Office manager", "Operations", "Facilities", "Lisbon", OTHER, ("events", "facilities")
    ),
    "sofia": DemoProfile(
        "Learning and development advisor",
        "People",
        "Learning",
        "Lisbon",
        HR,
        ("coaching", "onboarding", "training"),
    ),
    "liam": DemoProfile(
        "Software engineer", "IT", "Platforms", "Dublin", IT, ("Python", "cloud", "security")
    ),
    "nadia": DemoProfile(
        "Junior accountant", "Finance", "Accounts payable", "Lagos", BUSINESS, ("invoices",)
    ),
    "kofi": DemoProfile(
        "Security analyst",
        "IT",
        "Security",
        "London",
        IT,
        ("security", "phishing", "incident response"),
        "Is this email safe?",
    ),
}

FIRST_NAMES = (
    "Aisha", "Ben", "Chloe", "Daniel", "Elif", "Farah", "Gustav", "Hana", "Ivan", "Julia",
    "Kwame", "Lucia", "Marta", "Nils", "Omar", "Paula", "Quentin", "Rosa", "Samir", "Tara",
)  # fmt: skip
LAST_NAMES = (
    "Andersson", "Bakker", "Costa", "Dubois", "Eriksen", "Fischer", "García", "Horvat",
    "Ivanova", "Jensen", "Kowalski", "Lopes", "Moreau", "Nowak", "Okafor", "Petrov",
)  # fmt: skip
# (department, discipline, teams, job titles, expertise to draw from)
DEPARTMENTS = (
    ("Finance", BUSINESS, ("Payroll", "Accounts payable", "Planning"),
     ("Accountant", "Financial analyst", "Payroll officer"),
     ("payroll", "Excel", "budgeting", "invoices", "forecasting")),
    ("IT", IT, ("Service desk", "Platforms", "Security"),
     ("Software engineer", "Support analyst", "Network engineer"),
     ("Python", "cloud", "security", "networks", "laptops", "phishing")),
    ("People", HR, ("HR partners", "Learning", "Recruitment"),
     ("Recruiter", "HR advisor", "Learning designer"),
     ("onboarding", "coaching", "recruitment", "employment law", "wellbeing")),
    ("Sales", BUSINESS, ("Key accounts", "Mid-market", "Public sector"),
     ("Account manager", "Sales executive", "Bid writer"),
     ("CRM", "negotiation", "tenders", "customer success")),
    ("Communications", COMMS, ("Internal comms", "Brand"),
     ("Communications officer", "Content designer"),
     ("writing", "video", "storytelling", "newsletters")),
    ("Operations", OTHER, ("Facilities", "Procurement"),
     ("Facilities coordinator", "Buyer"),
     ("sustainability", "procurement", "events", "facilities")),
)  # fmt: skip
LOCATIONS = ("London", "Lisbon", "Stockholm", "Lagos", "Prague", "Dublin")
COLLEAGUES = 40
SEED = 6


@dataclass(frozen=True)
class DemoColleague:
    username: str
    first_name: str
    last_name: str
    profile: DemoProfile


def demo_colleagues() -> list[DemoColleague]:
    """The generated colleagues, the same on every run."""
    rng = random.Random(SEED)  # noqa: S311 (demo data, not a secret)
    names = [(first, last) for first in FIRST_NAMES for last in LAST_NAMES]
    rng.shuffle(names)
    colleagues = []
    for first, last in names[:COLLEAGUES]:
        department, discipline, teams, titles, expertise = rng.choice(DEPARTMENTS)
        profile = DemoProfile(
            job_title=rng.choice(titles),
            department=department,
            team=rng.choice(teams),
            location=rng.choice(LOCATIONS),
            discipline=discipline,
            expertise=tuple(rng.sample(expertise, 2)),
        )
        username = f"{slugify(first)}.{slugify(last)}"
        colleagues.append(DemoColleague(username, first, last, profile))
    return colleagues


def _fill(profile: Profile, details: DemoProfile) -> bool:
    # A profile with a job title has been filled in, by the seed or by its owner.
    if profile.job_title:
        return False
    for name in ("job_title", "department", "team", "location", "discipline", "ask_me_about"):
        setattr(profile, name, getattr(details, name))
    profile.save()
    profile.expertise.set(details.expertise)
    return True


@dataclass
class SeedReport:
    profiles: int = 0
    # The accounts of the colleagues this run created, in `demo_colleagues` order.
    colleagues: list = field(default_factory=list)

    def __str__(self):
        return f"{self.profiles} profiles filled in, {len(self.colleagues)} colleagues created"


def seed_people() -> SeedReport:
    """Fill in the demo accounts' profiles and create the colleagues who are missing."""
    User = get_user_model()
    report = SeedReport()
    for profile in Profile.objects.filter(user__username__in=DEMO_PROFILES).select_related("user"):
        report.profiles += _fill(profile, DEMO_PROFILES[profile.user.username])

    for colleague in demo_colleagues():
        user, created = User.objects.get_or_create(
            username=colleague.username,
            defaults={
                "first_name": colleague.first_name,
                "last_name": colleague.last_name,
                "email": f"{colleague.username}@example.com",
            },
        )
        if not created:
            continue
        # Colleagues fill the directory; nobody signs in as them.
        user.set_unusable_password()
        user.save(update_fields=["password"])
        report.colleagues.append(user)
        report.profiles += _fill(user.profile, colleague.profile)
    return report
