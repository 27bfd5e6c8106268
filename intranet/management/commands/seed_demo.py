from io import StringIO

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from communities.demo import seed_communities
from conversation.demo import seed_conversation
from guides.demo import seed_guides
from intranet import demo
from intranet.env import env_str
from people.demo import seed_people
from search.demo import seed_search


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

    def handle(self, *args, force=False, **options):
        if settings.ENVIRONMENT == "production" and not force:
            raise CommandError(
                "Refusing to seed demo content with production settings: it creates accounts "
                "with a known password. Pass --force if this really is a demo server."
            )
        password = env_str("DEMO_PASSWORD", "changeme")

        with transaction.atomic():
            created = demo.seed_accounts(password)
            home_changed = demo.seed_home_page()
            communities = seed_communities()
            # After the communities: new colleagues join some of them.
            people = seed_people()
            guides = seed_guides()
            # Last: the threads go on discussions and guides made above.
            comments = seed_conversation()
            synonyms = seed_search()
        # Rebuilt from the database, so it matches whatever this run (or an
        # earlier one) made; the signal handlers keep it current from here.
        call_command("update_index", stdout=StringIO())

        existing = len(demo.DEMO_PEOPLE) - created
        self.stdout.write(f"Accounts: {created} created, {existing} already there.")
        if home_changed:
            self.stdout.write("Home page: introduction added.")
        self.stdout.write(f"Communities: {communities}.")
        self.stdout.write(f"People: {people}.")
        self.stdout.write(f"Comments: {comments} posted.")
        self.stdout.write(f"Guides: {guides}.")
        self.stdout.write(f"Search: {synonyms} synonyms added, index rebuilt.")
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
