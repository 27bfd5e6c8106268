"""Factories for conversation, for the tests and the benchmark data set."""

import factory
from factory.django import DjangoModelFactory

from django.conf import settings
from django.contrib.contenttypes.models import ContentType

from conversation.models import Comment, CommentReaction, Flag, FlagReason, PageReaction
from intranet.factories import UserFactory


class CommentFactory(DjangoModelFactory):
    """A visible comment; pass `page` (a page using CommentableMixin), and `parent_id` to reply.

    Straight to the database, past the rules in `services.post_comment`, for
    building data; tests of the rules call the service.
    """

    user = factory.SubFactory(UserFactory)
    comment = factory.Faker("paragraph")
    content_type = factory.LazyAttribute(
        lambda comment: ContentType.objects.get_for_model(comment.page.specific_class)
    )
    object_pk = factory.LazyAttribute(lambda comment: str(comment.page.pk))
    site_id = settings.SITE_ID

    class Meta:
        model = Comment


class CommentReactionFactory(DjangoModelFactory):
    user = factory.SubFactory(UserFactory)
    kind = "like"

    class Meta:
        model = CommentReaction


class PageReactionFactory(DjangoModelFactory):
    user = factory.SubFactory(UserFactory)
    kind = "celebrate"

    class Meta:
        model = PageReaction


class FlagFactory(DjangoModelFactory):
    user = factory.SubFactory(UserFactory)
    reason = FlagReason.OFFENSIVE

    class Meta:
        model = Flag
