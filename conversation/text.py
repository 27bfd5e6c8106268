"""Comment text: what people type shows as they typed it, with a little formatting.

The same tags as discussions survive (communities.text); any other tag is
shown as text rather than silently dropped, so `<script>` in a comment about
web pages reads as written and runs nothing. `backticks` mark inline code.
"""

import html
import re

from communities.text import sanitise_discussion_body

INLINE_CODE = re.compile(r"`([^`\n]+)`")


def sanitise_comment(text: str) -> str:
    # What is between backticks is shown as typed, tags included.
    text = INLINE_CODE.sub(lambda code: f"<code>{html.escape(code[1], quote=False)}</code>", text)
    return sanitise_discussion_body(text)
