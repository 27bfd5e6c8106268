"""Plain text becomes paragraphs, lists and links, and nothing unsafe survives."""

from html.parser import HTMLParser

import pytest

from intranet.text import editable_text, render_discussion_body, sanitise_discussion_body


class ElementCollector(HTMLParser):
    """Every element and attribute a browser would build from the HTML."""

    def __init__(self):
        super().__init__()
        self.tags, self.attributes = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes += attrs


def test_blank_lines_make_paragraphs_and_single_lines_breaks():
    html = render_discussion_body("First line\nsecond line\n\nNew paragraph")
    assert html == "<p>First line<br>second line</p><p>New paragraph</p>"


def test_dashes_and_numbers_make_lists():
    html = render_discussion_body("Bring:\n\n- a laptop\n* a badge\n\n1. sign in\n2) say hello")
    assert "<ul><li>a laptop</li><li>a badge</li></ul>" in html
    assert "<ol><li>sign in</li><li>say hello</li></ol>" in html


def test_a_bare_web_address_becomes_a_safe_link_without_its_full_stop():
    html = render_discussion_body("See https://intranet.example.com/guides/leave.")
    assert (
        '<a href="https://intranet.example.com/guides/leave" rel="noopener noreferrer nofollow">'
        in html
    )
    assert html.endswith("</a>.</p>")


@pytest.mark.parametrize(
    "attack",
    [
        "<script>alert(1)</script>",
        '<a href="javascript:alert(1)">x</a>',
        '<img src=x onerror="alert(1)">',
        'http://ok.example"onmouseover="alert(1)',
        "<p onclick=alert(1)>x</p>",
    ],
)
def test_nothing_that_could_run_survives(attack):
    parser = ElementCollector()
    parser.feed(render_discussion_body(attack))
    assert "script" not in parser.tags and "img" not in parser.tags
    for name, value in parser.attributes:
        assert not name.startswith("on"), name
        assert not (value or "").lower().startswith("javascript:"), value


@pytest.mark.parametrize(
    "typed",
    [
        "Is x<y then?",
        "Use <div> for layout, not tables",
        "I <3 the new canteen",
        "An unclosed <b tag and the rest",
        "<!-- not a comment, just text",
        "Write <script>alert(1)</script> in the box",
        # An allowed tag's name, but not a tag.
        "We need <a lot of help> here",
        "If x <b and y > c",
        "I <i really> mean it",
    ],
)
def test_what_is_typed_as_text_is_kept_as_text(typed):
    html = render_discussion_body(typed)
    parser = ElementCollector()
    parser.feed(html)
    assert parser.tags == ["p"]
    assert editable_text(sanitise_discussion_body(typed)) == typed
    assert html == "<p>" + typed.replace("<", "&lt;").replace(">", "&gt;") + "</p>"


def test_the_edit_box_shows_what_the_author_typed():
    stored = sanitise_discussion_body("Is 2 < 3 & <b>true</b>?")
    assert "&lt;" in stored
    assert editable_text(stored) == "Is 2 < 3 & <b>true</b>?"
