"""Every payload, in every field an employee writes, comes back as text.

The browser proves nothing runs (tests/e2e/test_xss.py); this proves, without
one, that the markup carries no script, handler or script URL, so a page that
the browser test does not open is covered too.
"""

import pytest

from django.test import Client

from tests.attack.payloads import MARKER, PAYLOADS, groups, markup_problems
from tests.attack.registry import WRITABLE_FIELDS


def test_there_are_enough_payloads_and_the_scanner_catches_each_kind():
    assert len(PAYLOADS) >= 30
    raw = "".join(PAYLOADS[:7]) + PAYLOADS[16] + PAYLOADS[28] + PAYLOADS[29] + "54439"
    found = "\n".join(markup_problems(raw))
    for kind in (
        "script not from /static/",
        "event handler onerror",
        "onload",
        "href=",
        "<iframe>",
    ):
        assert kind in found
    assert "style=" in found
    assert "<meta http-equiv>" in found
    assert "template expression" in found
    assert markup_problems('<script src="/static/js/app.js"></script><a href="/x">x</a>') == []


def test_payloads_are_grouped_without_losing_one():
    texts = groups(PAYLOADS, 120)
    assert all(len(text) <= 120 for text in texts)
    assert " ".join(texts) == " ".join(PAYLOADS)


@pytest.mark.parametrize("field", WRITABLE_FIELDS, ids=lambda field: field.name)
def test_every_payload_is_shown_as_text(world, db, settings, field):
    settings.CONVERSATION_RATE_LIMIT = 1000
    client = Client()
    client.force_login(world.users["erin"])
    for text in groups(PAYLOADS, field.max_length, field.separator):
        url = field.write(client, world, text)
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert markup_problems(html) == [], (field.name, text)
        # What was written was kept and shown, as text (a sanitiser may drop some).
        assert any(marker in html for marker in MARKER.findall(text)), (field.name, text)
