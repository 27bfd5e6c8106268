"""The demo's search settings: a few synonyms, so "holiday" finds the leave guides."""

from search.models import SearchSynonym

DEMO_SYNONYMS = (
    "holiday, leave, vacation",
    "laptop, computer, pc",
    "salary, pay, payroll",
)


def seed_search() -> int:
    """Create the demo synonyms that are missing; return how many were created."""
    created = 0
    for words in DEMO_SYNONYMS:
        _synonym, new = SearchSynonym.objects.get_or_create(words=words)
        created += new
    return created
