"""Comment text: what people type shows as they typed it, with a little formatting.

The same tags as discussions survive (communities.text); any other tag is
shown as text rather than silently dropped, so `<script>` in a comment about
web pages reads as written and runs nothing. `backticks` mark inline code.
"""

import re

from communities.text import sanitise_discussion_body

INLINE_CODE = re.compile(r"`([^`\n]+)`")


def sanitise_comment(text: str) -> str:
    text = INLINE_CODE.sub(r"<code>\1</code>", text)
    return sanitise_discussion_body(text)
