"""From what a person typed to what the engine is asked, on every engine alike.

Only words reach the engine: quotes, operators, punctuation and emoji are
dropped, so nothing typed can break an engine's query syntax, and the same
words give the same results on SQLite, PostgreSQL and Elasticsearch.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import reduce

from django.db.models import Q

from wagtail.search.query import And, Or, PlainText, SearchQuery

from search.models import QUERY_MAX_LENGTH, SearchSynonym

# Letters and digits in any script, so right-to-left words are words too.
WORD = re.compile(r"[^\W_]+")
# More words than this add nothing but cost to the engine's query.
MAX_TERMS = 12


@dataclass(frozen=True)
class CleanQuery:
    text: str  # what the person typed, trimmed, shown back to them
    trimmed: bool  # whether it was longer than QUERY_MAX_LENGTH
    terms: tuple[str, ...]  # its words, lower case, the engine's input

    @property
    def normalised(self) -> str:
        """The key for the log, promotions and exclusions."""
        return " ".join(self.terms)


def words(text: str) -> list[str]:
    return WORD.findall(text.casefold())


def words_only(query):
    """A query for Wagtail's search backend with only the words of what was typed.

    The search backend applies it to every search, so the admin's search boxes
    (pages, choosers, snippets, listings) get words only, as the front end's do.
    Queries the intranet composes from words (`engine_query`) pass unchanged.
    """
    if isinstance(query, PlainText):
        text = " ".join(words(query.query_string))
        # Wagtail's backends answer "" with no results; an empty PlainText they
        # compile into a broken query.
        return PlainText(text, operator=query.operator, boost=query.boost) if text else ""
    if isinstance(query, str):
        return " ".join(words(query))
    return query


def normalise(text: str) -> str:
    return " ".join(words(text)[:MAX_TERMS])[:QUERY_MAX_LENGTH]


def clean_query(raw: str) -> CleanQuery:
    # Control characters (a NUL byte above all, which PostgreSQL refuses) become spaces.
    text = " ".join("".join(" " if unicodedata.category(c) == "Cc" else c for c in raw).split())
    trimmed = len(text) > QUERY_MAX_LENGTH
    text = text[:QUERY_MAX_LENGTH]
    return CleanQuery(text=text, trimmed=trimmed, terms=tuple(words(text)[:MAX_TERMS]))


def synonym_words(text: str) -> list[str]:
    """The words of a synonym list, lower case, without blanks or repeats."""
    seen = []
    for word in (" ".join(part.split()).casefold() for part in text.split(",")):
        if word and word not in seen:
            seen.append(word)
    return seen


def synonyms_for(terms: tuple[str, ...]) -> dict[str, list[str]]:
    """Each term's alternatives from the editors' synonym lists, in one query."""
    if not terms:
        return {}
    candidates = reduce(lambda a, b: a | b, (Q(words__icontains=term) for term in terms))
    alternatives: dict[str, list[str]] = {term: [term] for term in terms}
    for row in SearchSynonym.objects.filter(candidates).only("words"):
        group = synonym_words(row.words)
        for term in terms:
            if term in group:
                alternatives[term] += [word for word in group if word not in alternatives[term]]
    return alternatives


def engine_query(alternatives: dict[str, list[str]]) -> SearchQuery:
    """Every term must match, through itself or one of its synonyms."""
    parts = []
    for options in alternatives.values():
        plain = [PlainText(option) for option in options]
        parts.append(plain[0] if len(plain) == 1 else Or(plain))
    return parts[0] if len(parts) == 1 else And(parts)


def stem(term: str) -> str:
    """The start of a word that its other forms share: "booking" and "books" match "book".

    The engines stem words their own way; highlighting and ranking only need
    to find the same words again in the text.
    """
    return term if len(term) <= 4 else term[: max(4, len(term) - 2)]


def match_pattern(alternatives: dict[str, list[str]]) -> re.Pattern | None:
    """Words in a text that any term or synonym matches, longest first."""
    stems = sorted(
        {stem(option) for options in alternatives.values() for option in options},
        key=len,
        reverse=True,
    )
    if not stems:
        return None
    return re.compile(r"(?<![^\W_])(?:" + "|".join(re.escape(s) for s in stems) + r")[^\W_]*", re.I)
