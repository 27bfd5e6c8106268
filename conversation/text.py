"""Comment text: what people type shows as they typed it, with a little formatting.

The same tags as discussions survive (communities.text); any other tag is
shown as text rather than silently dropped, so `<script>` in a comment about
web pages reads as written and runs nothing. `backticks` mark inline code.
"""

import re

from communities.text import ALLOWED_TAGS, sanitise_discussion_body

# A "<" that does not open or close an allowed tag.
NOT_AN_ALLOWED_TAG = re.compile(r"<(?!/?(?:%s)\b)" % "|".join(sorted(ALLOWED_TAGS)))  # noqa: UP031
INLINE_CODE = re.compile(r"`([^`\n]+)`")


def sanitise_comment(text: str) -> str:
    text = NOT_AN_ALLOWED_TAG.sub("&lt;", text)
    text = INLINE_CODE.sub(r"<code>\1</code>", text)
    return sanitise_discussion_body(text)
