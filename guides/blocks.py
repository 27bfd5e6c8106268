"""The blocks a guide's body is made of.

Each block's Meta gives an icon, a template, a preview and a description, so
the editor's block picker explains itself
(https://docs.wagtail.org/en/stable/topics/streamfield.html#block-previews).
Headings, paragraphs and images are the communities' own, so a guide and a
community page read alike.
"""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.embeds import get_embed
from wagtail.embeds.exceptions import EmbedException
from wagtail.images.blocks import ImageChooserBlock

from communities.blocks import (
    RICH_TEXT_FEATURES,
    CaptionedImageBlock,
    HeadingBlock,
    ParagraphBlock,
)
from intranet.view_restrictions import private_places


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=120)
    text = blocks.RichTextBlock(label=_("text"), features=RICH_TEXT_FEATURES)
    image = ImageChooserBlock(label=_("image"), required=False)

    class Meta:
        icon = "list-ol"
        label = _("Step")


class StepsBlock(blocks.StructBlock):
    steps = blocks.ListBlock(StepBlock(), label=_("steps"), min_num=1)

    class Meta:
        icon = "list-ol"
        template = "guides/blocks/steps_block.html"
        preview_value = {
            "steps": [
                {"title": _("Open your profile"), "text": _("<p>Click your name.</p>")},
                {"title": _("Add a photo"), "text": _("<p>Colleagues recognise you.</p>")},
            ]
        }
        description = _("Numbered steps to follow in order, each with an optional picture.")
        label = _("Numbered steps")


class CalloutBlock(blocks.StructBlock):
    """A boxed aside; `kind` in Meta tells the template how to present it."""

    text = blocks.RichTextBlock(label=_("text"), features=RICH_TEXT_FEATURES)

    class Meta:
        template = "guides/blocks/callout_block.html"
        kind = "tip"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["kind"] = self.meta.kind
        context["kind_label"] = self.meta.label
        return context


class TipBlock(CalloutBlock):
    class Meta:
        icon = "help"
        kind = "tip"
        preview_value = {"text": _("<p>Pin the communities you visit most.</p>")}
        description = _("A helpful hint, set apart from the text.")
        label = _("Tip")


class WarningBlock(CalloutBlock):
    class Meta:
        icon = "warning"
        kind = "warning"
        preview_value = {"text": _("<p>Never share your password, even with IT.</p>")}
        description = _("Something readers must not miss, such as a risk or a deadline.")
        label = _("Warning")


class VideoBlock(blocks.StructBlock):
    """A video from a hosting service, shown as a plain link when it cannot be embedded.

    Not Wagtail's EmbedBlock: that one fetches the embed to validate the URL,
    so an editor could not even save a guide while the provider is unreachable.
    """

    url = blocks.URLBlock(label=_("video address"))
    title = blocks.CharBlock(
        label=_("title"), max_length=200, help_text=_("Also the link text if it cannot be shown.")
    )

    class Meta:
        icon = "media"
        template = "guides/blocks/video_block.html"
        preview_value = {
            "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "title": _("A tour of the intranet"),
        }
        description = _("A video from YouTube, Vimeo or similar; a link if it cannot be shown.")
        label = _("Video")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        try:
            context["embed_html"] = get_embed(value["url"]).html
        except EmbedException:
            # Unknown provider, provider unreachable or the video removed: the
            # link still takes the reader to it.
            context["embed_html"] = ""
        return context


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("question"), max_length=200)
    answer = blocks.RichTextBlock(label=_("answer"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "help"
        label = _("Question")


class QuestionsBlock(blocks.StructBlock):
    questions = blocks.ListBlock(QuestionBlock(), label=_("questions"), min_num=1)

    class Meta:
        icon = "help"
        template = "guides/blocks/questions_block.html"
        preview_value = {
            "questions": [
                {
                    "question": _("Who can see my posts?"),
                    "answer": _("<p>Every colleague signed in to the intranet.</p>"),
                }
            ]
        }
        description = _("Questions people ask, each with its answer.")
        label = _("Questions and answers")


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    label = blocks.CharBlock(
        label=_("link text"), required=False, help_text=_("The document's title if empty.")
    )

    class Meta:
        icon = "doc-full"
        template = "guides/blocks/document_block.html"
        # A document block has no meaningful preview without a document in the library.
        preview_value = None
        description = _("A file to download, such as a form or a checklist.")
        label = _("Document download")


class RelatedPagesBlock(blocks.StructBlock):
    pages = blocks.ListBlock(blocks.PageChooserBlock(label=_("page")), label=_("pages"))

    def get_context(self, value, parent_context=None):
        # A guide's body is cached for every reader: it links to no page that
        # anyone may be kept out of.
        context = super().get_context(value, parent_context)
        private = private_places()
        context["pages"] = [
            page
            for page in value["pages"]
            if page is not None
            and page.live
            and not any(page.path.startswith(path) for path in private)
        ]
        return context

    class Meta:
        icon = "link"
        template = "guides/blocks/related_pages_block.html"
        # A page chooser has no meaningful preview without pages to choose.
        preview_value = None
        description = _("Links to guides, communities or discussions to read next.")
        label = _("Related pages")


class GuideBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    steps = StepsBlock()
    tip = TipBlock()
    warning = WarningBlock()
    image = CaptionedImageBlock()
    video = VideoBlock()
    questions = QuestionsBlock()
    document = DocumentBlock()
    related_pages = RelatedPagesBlock()
