"""The blocks a community's body is made of.

Each block's Meta gives an icon, a template, a preview and a description, so
the editor's block picker explains itself
(https://docs.wagtail.org/en/stable/topics/streamfield.html#block-previews).
"""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.images.blocks import ImageBlock

# Headings stop at h2/h3: the page title is the only h1.
RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("text"), max_length=120)
    size = blocks.ChoiceBlock(
        label=_("size"),
        choices=[("h2", _("Section heading")), ("h3", _("Sub-heading"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        template = "communities/blocks/heading_block.html"
        preview_value = {"text": _("How we work together"), "size": "h2"}
        description = _("A heading that starts a new section of the page.")
        label = _("Heading")


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        super().__init__(features=RICH_TEXT_FEATURES, **kwargs)

    class Meta:
        icon = "pilcrow"
        template = "communities/blocks/paragraph_block.html"
        preview_value = _(
            "<p>We meet every other Thursday to share what we learnt and what we need.</p>"
        )
        description = _("Text with bold, italics, links and lists.")
        label = _("Paragraph")


class CaptionedImageBlock(ImageBlock):
    """Wagtail's image block, which already asks for alt text, with a template of ours."""

    class Meta:
        icon = "image"
        template = "communities/blocks/image_block.html"
        # An image block has no meaningful preview without an image in the library.
        preview_value = None
        description = _("A picture, with a text alternative for screen readers.")
        label = _("Image")


class CommunityBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = CaptionedImageBlock()
