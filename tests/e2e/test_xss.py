"""No payload runs in a real browser, in any field an employee writes.

Every payload (tests/attack/payloads.py) goes into every field in the registry
(tests/attack/registry.py) through the real forms, then Chromium opens the
page that shows it. A trap, installed before any page script, records a call
to `__xss(n)` (what each payload tries), to alert, confirm or prompt, and every
Content Security Policy violation: a violation means the payload reached the
markup as script and only the CSP stopped it, which fails as well, since the
CSP is the last line of defence, not the first.
"""

import pytest

from django.test import Client

from tests.attack.conftest import build_world
from tests.attack.payloads import MARKER, PAYLOADS, groups
from tests.attack.registry import WRITABLE_FIELDS

TRAP = """
window.__xssCalls = [];
window.__xss = (n) => window.__xssCalls.push(`__xss(${n})`);
for (const name of ["alert", "confirm", "prompt"]) {
  window[name] = (message) => window.__xssCalls.push(`${name}(${message})`);
}
document.addEventListener("securitypolicyviolation", (event) => {
  window.__xssCalls.push(`CSP ${event.violatedDirective}: ${event.sample || event.blockedURI}`);
});
"""
# Lets handlers that fire after load (a failed image, a toggled <details>) run.
SETTLE = "() => new Promise((resolve) => setTimeout(() => resolve(window.__xssCalls), 50))"


@pytest.fixture
def trapped(page):
    """The browser page with the trap set; `page.xss` lists what ran, dialogs included."""
    page.add_init_script(TRAP)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    def ran(url) -> list[str]:
        page.goto(url)
        return page.evaluate(SETTLE) + [f"dialog {message}" for message in dialogs]

    page.ran = ran
    return page


def sign_in_as(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def test_the_trap_catches_a_script_that_runs_and_one_the_csp_stops(trapped, live_server, erin):
    sign_in_as(trapped, live_server, erin)
    assert trapped.ran("/") == []
    trapped.evaluate(
        "document.body.insertAdjacentHTML('beforeend', '<img src=x onerror=__xss(0)>')"
    )
    calls = trapped.evaluate(SETTLE)
    assert any(call.startswith("CSP script-src") for call in calls), calls
    # Without the intranet's CSP, the same markup runs, and the trap sees it.
    trapped.goto("about:blank")
    trapped.set_content("<script>alert('hi')</script><img src=x onerror=__xss(0)>")
    assert trapped.evaluate(SETTLE) == ["alert(hi)", "__xss(0)"]


def test_no_payload_runs_in_any_field(trapped, live_server, settings):
    settings.CONVERSATION_RATE_LIMIT = 1000
    world = build_world()
    client = Client()
    client.force_login(world.users["erin"])
    sign_in_as(trapped, live_server, world.users["erin"])
    ran, opened = {}, 0
    for field in WRITABLE_FIELDS:
        for text in groups(PAYLOADS, field.max_length, field.separator):
            url = field.write(client, world, text)
            calls = trapped.ran(url)
            opened += 1
            if calls:
                ran.setdefault(field.name, []).extend(calls)
            shown = trapped.content()
            assert any(marker in shown for marker in MARKER.findall(text)), (field.name, text)
    assert ran == {}
    assert opened >= len(WRITABLE_FIELDS)
