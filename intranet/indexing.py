"""What the page models tell the search index, shared by communities and guides.

The index weighs a page's title most (Wagtail gives it a boost), then its
summary-like fields and headings (`SUMMARY_BOOST`), then its body, which has
no boost. PostgreSQL turns these boosts into its A-D weights and
Elasticsearch applies them directly; `search.ranking` applies the same order
on every engine.
"""

from django.utils.html import strip_tags

SUMMARY_BOOST = 1.5


def headings(body) -> str:
    """The text of a StreamField's heading blocks, one per line."""
    return "\n".join(block.value["text"] for block in body if block.block_type == "heading")


def plain_text(body) -> str:
    """All the words a StreamField shows, without markup (or a heading's size label)."""
    return " ".join(
        strip_tags(str(text))
        for block in body
        for text in (
            [block.value["text"]]
            if block.block_type == "heading"
            else block.block.get_searchable_content(block.value)
        )
    )
