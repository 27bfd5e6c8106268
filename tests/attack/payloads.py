"""Cross-site scripting payloads, and a check that a page's markup carries none of them.

Every payload that could run calls `__xss(n)`, the trap the browser tests
install, with its own number, so a failure says which payload got through.
"""

import re
from html.parser import HTMLParser

# 7777 * 7: a template engine that evaluated the text would print this.
TEMPLATE_RESULT = "54439"

PAYLOADS = [
    "<script>__xss(1)</script>",
    "<img src=x onerror=__xss(2)>",
    "<svg onload=__xss(3)>",
    "<svg><script>__xss(4)</script></svg>",
    '<a href="javascript:__xss(5)">five</a>',
    "<ScRiPt>__xss(6)</sCrIpT>",
    "<IMG SRC=x OnErRoR=__xss(7)>",
    "&lt;script&gt;__xss(8)&lt;/script&gt;",
    "%3Cscript%3E__xss(9)%3C%2Fscript%3E",
    '"><script>__xss(10)</script>',
    "'><img src=x onerror=__xss(11)>",
    '" autofocus onfocus="__xss(12)" x="',
    "{{ 7777*7 }}",
    '{% now "Y" %}{% debug %}',
    "[thirteen](javascript:__xss(15))",
    # Marks of direction: the one-line rule refuses the characters that reorder
    # text (tests/attack/test_stored_text.py), but these pass everywhere.
    "\u200f<img src=x onerror=__xss(16)>\u200e",
    '<iframe src="javascript:__xss(17)"></iframe>',
    '<iframe srcdoc="<script>parent.__xss(18)</script>"></iframe>',
    "<body onload=__xss(19)>",
    "<details open ontoggle=__xss(20)>",
    "<input autofocus onfocus=__xss(21)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=__xss(22)>",
    '<a href="jav&#x09;ascript:__xss(23)">tab</a>',
    '<a href="&#106;avascript:__xss(24)">entity</a>',
    '<object data="javascript:__xss(25)"></object>',
    '<embed src="javascript:__xss(26)">',
    '<form action="javascript:__xss(27)"><button>go</button></form>',
    "<style>@import 'javascript:__xss(28)';</style>",
    '<div style="background:url(javascript:__xss(29))">x</div>',
    '<meta http-equiv="refresh" content="0;url=javascript:__xss(30)">',
    '<base href="javascript:__xss(31)//">',
    "</textarea><script>__xss(32)</script>",
    "</title><script>__xss(33)</script>",
    "<scr<script>ipt>__xss(34)</script>",
    '<img src="x" onerror="&#95;&#95;xss(35)">',
    "javascript:__xss(36)",
    "data:text/html;base64,PHNjcmlwdD5fX3hzcygzNyk8L3NjcmlwdD4=",
    '<a href="https://example.com" onclick=__xss(38)>ok</a>',
    "<video><source onerror=__xss(39)></video>",
    '<noscript><p title="</noscript><img src=x onerror=__xss(40)>">',
    "'-__xss(41)-'",
    '\\";__xss(42);//',
    'https://example.com/"><img src=x onerror=__xss(43)>',
    "<a href=https://example.com/&quot;onmouseover=__xss(44)>forty-four</a>",
]

# The parts of a payload that show unchanged once it is escaped or sanitised,
# which prove the text was kept and shown.
MARKER = re.compile(r"__xss\(\d+\)|7777\*7|base64,\w+")

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster"}
BAD_SCHEMES = ("javascript:", "vbscript:", "data:text/html")
# Elements no field may ever produce; the intranet's own pages use none of them.
FORBIDDEN_ELEMENTS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base"}
INVISIBLE = re.compile(r"[\x00-\x20]")


def groups(payloads: list[str], max_length: int, separator: str = " ") -> list[str]:
    """The payloads joined into as few texts as fit in `max_length` characters each."""
    texts, current = [], ""
    for payload in payloads:
        candidate = f"{current}{separator}{payload}" if current else payload
        if len(candidate) <= max_length:
            current = candidate
        else:
            texts.append(current)
            current = payload[:max_length]
    return [*texts, current] if current else texts


class _MarkupScanner(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self._in_inline_script = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in FORBIDDEN_ELEMENTS:
            self.problems.append(f"<{tag}> element")
        if tag == "script" and not (attributes.get("src") or "").startswith("/static/"):
            self.problems.append(f"script not from /static/: {attributes}")
        if tag == "meta" and "http-equiv" in attributes:
            self.problems.append(f"<meta http-equiv>: {attributes}")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"event handler {name}={value!r} on <{tag}>")
            if name == "srcdoc":
                self.problems.append(f"srcdoc on <{tag}>")
            cleaned = INVISIBLE.sub("", (value or "")).lower()
            if name in URL_ATTRIBUTES and cleaned.startswith(BAD_SCHEMES):
                self.problems.append(f"{name}={value!r} on <{tag}>")
            if name == "style" and ("javascript:" in cleaned or "expression(" in cleaned):
                self.problems.append(f"style={value!r} on <{tag}>")

    handle_startendtag = handle_starttag


def markup_problems(html: str) -> list[str]:
    """What in `html` could run script: empty for a page that only shows text."""
    scanner = _MarkupScanner()
    scanner.feed(html)
    scanner.close()
    if TEMPLATE_RESULT in html:
        scanner.problems.append("a template expression was evaluated")
    return scanner.problems


# Ids past what the database stores: 2**31 overflows PostgreSQL's integer
# columns, 2**63 and the twenty-digit number its and SQLite's bigint.
OUT_OF_RANGE_IDS = ["2147483648", str(2**63), "9999999999999999999"]

# What a full-text engine reads as syntax: SQLite FTS5 and PostgreSQL's
# tsquery each refuse some of these as a malformed query.
FULL_TEXT_SYNTAX = [
    '"',
    '"leave',
    "NEAR(leave book)",
    "NEAR(leave",
    "title:leave",
    "col:",
    "*",
    "leave*",
    "^leave",
    "-leave",
    "- -",
    "AND OR NOT",
    "leave AND",
    "NOT",
    "(",
    ")",
    "((leave)",
    "[leave",
    "{leave}",
    "leave & | ! <-> :*",
    "'",
    "\\",
    "+",
    "leave OR",
]

# Text no database or form should choke on: a NUL (PostgreSQL refuses it in
# any string), a lone surrogate-free oddity, a very long word.
ODD_TEXT = ["\x00", "a\x00b", "\u202e\ufeff", "é" * 300, "x" * 5000]

HOSTILE_VALUES = [*OUT_OF_RANGE_IDS, *FULL_TEXT_SYNTAX, *ODD_TEXT, "-1", "0", "1.5", "", " "]
