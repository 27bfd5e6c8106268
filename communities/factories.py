"""Factories for communities, for the tests and the benchmark data set."""

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from communities import blocks
from communities.models import (
    CommunityPage,
    CommunityTeamMember,
    DiscussionPage,
    Membership,
    TeamRole,
)
from intranet.factories import UserFactory
from people.models import Discipline


class HeadingBlockFactory(wagtail_factories.StructBlockFactory):
    text = factory.Faker("sentence", nb_words=4)
    size = "h2"

    class Meta:
        model = blocks.HeadingBlock


class ParagraphBlockFactory(wagtail_factories.blocks.BlockFactory):
    value = factory.Faker("paragraph")

    class Meta:
        model = blocks.ParagraphBlock

    @classmethod
    def _construct_block(cls, block_class, *args, **kwargs):
        # The base factory's clean() expects a RichText; tests pass plain HTML.
        return block_class().to_python(kwargs["value"])


class CommunityBodyFactory(wagtail_factories.StreamBlockFactory):
    heading = factory.SubFactory(HeadingBlockFactory)
    paragraph = factory.SubFactory(ParagraphBlockFactory)

    class Meta:
        model = blocks.CommunityBodyBlock


class CommunityPageFactory(wagtail_factories.PageFactory):
    """A published community; pass `parent` (the home page or another community)."""

    title = factory.Sequence(lambda n: f"Community {n}")
    purpose = factory.Faker("sentence", nb_words=10)
    body = wagtail_factories.StreamFieldFactory(CommunityBodyFactory)

    class Meta:
        model = CommunityPage


class CommunityTeamMemberFactory(DjangoModelFactory):
    page = factory.SubFactory(CommunityPageFactory)
    user = factory.SubFactory(UserFactory)
    discipline = Discipline.HR
    role = TeamRole.LEAD

    class Meta:
        model = CommunityTeamMember


class MembershipFactory(DjangoModelFactory):
    user = factory.SubFactory(UserFactory)
    community = factory.SubFactory(CommunityPageFactory)

    class Meta:
        model = Membership


class DiscussionPageFactory(wagtail_factories.PageFactory):
    """A published discussion; pass `parent` (a community)."""

    title = factory.Sequence(lambda n: f"Discussion {n}")
    body = factory.Faker("paragraph")
    author = factory.SubFactory(UserFactory)

    class Meta:
        model = DiscussionPage
