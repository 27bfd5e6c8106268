import argparse
from io import StringIO

from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from benchmarks import large_data
from communities.demo import seed_colleague_memberships, seed_communities
from conversation.demo import seed_conversation
from guides.demo import seed_guides
from home.demo import seed_home, seed_home_page
from home.models import HomePage
from insights.demo import seed_history, seed_listening
from intranet import demo
from intranet.env import env_str
from people.demo import seed_people
from search.demo import seed_search

SIZES = ("small", "large")


class Command(BaseCommand):
    help = (
        "Build the demo intranet: accounts, and the content later apps add. "
        "Idempotent: running it again changes nothing. Passwords come from DEMO_PASSWORD."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with production settings (it adds accounts with a known password).",
        )
        parser.add_argument(
            "--size",
            default="small",
            help=(
                "small: the demo intranet (the default). large: the demo intranet plus a large "
                "organisation for benchmarks (10,000 people, 500 communities, 5,000 discussions "
                "and guides, 100,000 comments), built in a few minutes."
            ),
        )
        # A fraction of the large organisation, for tests; not advertised.
        parser.add_argument("--scale", type=float, default=1.0, help=argparse.SUPPRESS)

    def handle(self, *args, force=False, size="small", scale=1.0, **options):
        if settings.ENVIRONMENT == "production" and not force:
            raise CommandError(
                "Refusing to seed demo content with production settings: it creates accounts "
                "with a known password. Pass --force if this really is a demo server."
            )
        if size not in SIZES:
            raise CommandError(f"Unknown --size {size!r}: choose one of {', '.join(SIZES)}.")
        if not 0 < scale <= 1:
            raise CommandError(f"--scale must be more than 0 and at most 1, not {scale}.")
        password = env_str("DEMO_PASSWORD", "changeme")

        started_at = timezone.now()
        with transaction.atomic():
            created = demo.seed_accounts(password)
            home_changed = seed_home_page()
            # The communities and the intranet's guides sit below the home page.
            root = HomePage.objects.first()
            communities = seed_communities(root)
            people = seed_people()
            # After the communities and the people: new colleagues join some communities.
            seed_colleague_memberships(people.colleagues)
            guides = seed_guides(root)
            # Last: the threads go on discussions and guides made above.
            comments = seed_conversation()
            listening = seed_listening()
            synonyms = seed_search()
            # After everything it points at and every notification the seed causes.
            home = seed_home(started_at)
            # After everything else: it spreads what the seed did over past weeks.
            history = seed_history()

        existing = len(demo.DEMO_PEOPLE) - created
        self.stdout.write(f"Accounts: {created} created, {existing} already there.")
        if home_changed:
            self.stdout.write("Home page: introduction added.")
        self.stdout.write(f"Communities: {communities}.")
        self.stdout.write(f"People: {people}.")
        self.stdout.write(f"Comments: {comments} posted.")
        self.stdout.write(f"Guides: {guides}.")
        self.stdout.write(f"Feedback: {listening}.")
        self.stdout.write(f"Home page: {home}.")
        self.stdout.write(f"Insights history: {history}.")
        if size == "large":
            self.seed_large(scale)
        # Much of the above writes in bulk, which sends none of the signals that
        # mark cached fragments stale.
        cache.clear()
        # Rebuilt from the database, so it matches whatever this run (or an
        # earlier one) made; the signal handlers keep it current from here.
        call_command("update_index", stdout=StringIO())
        self.stdout.write(f"Search: {synonyms} synonyms added, index rebuilt.")
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))

    def seed_large(self, scale: float) -> None:
        if large_data.already_built():
            self.stdout.write("Large organisation: already built, nothing changed.")
            return
        self.stdout.write("Large organisation: building…")
        # The progress bar redraws its line: no newline after each write, and
        # not in the colour of an error.
        self.stderr.ending, self.stderr.style_func = "", None
        try:
            report = large_data.build(scale, stream=self.stderr)
        finally:
            self.stderr.ending, self.stderr.style_func = "\n", self.style.ERROR
        self.stdout.write(f"Large organisation: {report}.")
        steps = ", ".join(f"{step} {seconds:.0f} s" for step, seconds in report.steps.items())
        self.stdout.write(f"Large organisation, step by step: {steps}.")
