"""Factories for insights, for the tests and the benchmark data set."""

import factory
from factory.django import DjangoModelFactory

from insights.models import HelpfulVote, Suggestion, SuggestionVote
from intranet.factories import UserFactory

# Listening


class HelpfulVoteFactory(DjangoModelFactory):
    """A helpful vote; give it a live guide or community as `page`."""

    user = factory.SubFactory(UserFactory)
    helpful = True
    comment = ""

    class Meta:
        model = HelpfulVote


class SuggestionFactory(DjangoModelFactory):
    author = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Add a community for idea {n}")
    body = "It would help people find each other."

    class Meta:
        model = Suggestion


class SuggestionVoteFactory(DjangoModelFactory):
    user = factory.SubFactory(UserFactory)
    suggestion = factory.SubFactory(SuggestionFactory)

    class Meta:
        model = SuggestionVote


# End of Listening.
