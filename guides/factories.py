"""Factories for guides, for the tests and the benchmark data set."""

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from wagtail.rich_text import RichText

from communities.factories import HeadingBlockFactory, ParagraphBlockFactory
from guides import blocks
from guides.models import (
    Acknowledgement,
    Audience,
    AudienceCode,
    GuideCompletion,
    GuideIndexPage,
    GuidePage,
    LearningPathPage,
    LearningPathStep,
)
from intranet.factories import UserFactory


def rich_text(html: str) -> RichText:
    # Struct blocks store rich text as RichText; a plain string would not save.
    return RichText(html)


class CalloutBlockFactory(wagtail_factories.StructBlockFactory):
    text = factory.Sequence(lambda n: rich_text(f"<p>Callout {n}: keep it short.</p>"))

    class Meta:
        model = blocks.TipBlock


class WarningBlockFactory(CalloutBlockFactory):
    class Meta:
        model = blocks.WarningBlock


class StepBlockFactory(wagtail_factories.StructBlockFactory):
    title = factory.Sequence(lambda n: f"Step {n}")
    text = factory.Sequence(lambda n: rich_text(f"<p>Do thing {n}.</p>"))
    image = None

    class Meta:
        model = blocks.StepBlock


class StepsBlockFactory(wagtail_factories.StructBlockFactory):
    steps = wagtail_factories.ListBlockFactory(StepBlockFactory)

    class Meta:
        model = blocks.StepsBlock


class VideoBlockFactory(wagtail_factories.StructBlockFactory):
    url = "https://videos.example.com/watch/intranet-tour"
    title = factory.Sequence(lambda n: f"Video {n}")

    class Meta:
        model = blocks.VideoBlock


class QuestionBlockFactory(wagtail_factories.StructBlockFactory):
    question = factory.Sequence(lambda n: f"Question {n}?")
    answer = factory.Sequence(lambda n: rich_text(f"<p>Answer {n}.</p>"))

    class Meta:
        model = blocks.QuestionBlock


class QuestionsBlockFactory(wagtail_factories.StructBlockFactory):
    questions = wagtail_factories.ListBlockFactory(QuestionBlockFactory)

    class Meta:
        model = blocks.QuestionsBlock


class DocumentBlockFactory(wagtail_factories.StructBlockFactory):
    document = factory.SubFactory(wagtail_factories.DocumentChooserBlockFactory)
    label = ""

    class Meta:
        model = blocks.DocumentBlock


class RelatedPagesBlockFactory(wagtail_factories.StructBlockFactory):
    pages = wagtail_factories.ListBlockFactory(wagtail_factories.PageChooserBlockFactory)

    class Meta:
        model = blocks.RelatedPagesBlock


class GuideBodyFactory(wagtail_factories.StreamBlockFactory):
    heading = factory.SubFactory(HeadingBlockFactory)
    paragraph = factory.SubFactory(ParagraphBlockFactory)
    steps = factory.SubFactory(StepsBlockFactory)
    tip = factory.SubFactory(CalloutBlockFactory)
    warning = factory.SubFactory(WarningBlockFactory)
    video = factory.SubFactory(VideoBlockFactory)
    questions = factory.SubFactory(QuestionsBlockFactory)
    document = factory.SubFactory(DocumentBlockFactory)
    related_pages = factory.SubFactory(RelatedPagesBlockFactory)

    class Meta:
        model = blocks.GuideBodyBlock


class GuideIndexPageFactory(wagtail_factories.PageFactory):
    """A published guide index; pass `parent` (the home page or a community)."""

    title = factory.Sequence(lambda n: f"Guides {n}")

    class Meta:
        model = GuideIndexPage


class GuidePageFactory(wagtail_factories.PageFactory):
    """A published guide; pass `parent` (a guide index), `audiences` as codes and `topics`."""

    title = factory.Sequence(lambda n: f"Guide {n}")
    summary = factory.Faker("sentence", nb_words=12)
    body = wagtail_factories.StreamFieldFactory(GuideBodyFactory)

    class Meta:
        model = GuidePage
        skip_postgeneration_save = True

    # Hooks run in this order; the last one saves what both added.
    @factory.post_generation
    def topics(obj, create, names, **kwargs):
        if create and names:
            obj.topics.add(*names)

    @factory.post_generation
    def audiences(obj, create, codes, **kwargs):
        if not create:
            return
        obj.audiences.set(Audience.objects.filter(code__in=codes or [AudienceCode.EVERYONE]))
        obj.save()


class LearningPathPageFactory(wagtail_factories.PageFactory):
    """A published learning path; pass `parent` and `guides`, in order."""

    title = factory.Sequence(lambda n: f"Path {n}")

    class Meta:
        model = LearningPathPage
        skip_postgeneration_save = True

    @factory.post_generation
    def guides(obj, create, guides, **kwargs):
        if not create:
            return
        for order, guide in enumerate(guides or ()):
            LearningPathStep.objects.create(path=obj, guide=guide, sort_order=order)


class GuideCompletionFactory(DjangoModelFactory):
    user = factory.SubFactory(UserFactory)
    guide = factory.SubFactory(GuidePageFactory)

    class Meta:
        model = GuideCompletion


class AcknowledgementFactory(DjangoModelFactory):
    user = factory.SubFactory(UserFactory)
    guide = factory.SubFactory(GuidePageFactory)

    class Meta:
        model = Acknowledgement
