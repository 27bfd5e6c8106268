"""axe-core, run in the browser on the page a walk is looking at.

axe's script comes from the pinned `axe-playwright-python` package, which ships
`axe.min.js`, so no test reaches a CDN. Only critical and serious findings count:
those are the ones that stop someone using the page (an unlabeled field, text too
faint to read, a button without a name).
"""

from dataclasses import dataclass

from axe_playwright_python.base import AXE_SCRIPT
from playwright.sync_api import Error as PlaywrightError

BLOCKING = ("critical", "serious")
FRAME_ATTEMPTS = 3

# Brings the page's CSS transitions and animations that end (not a spinner's) to
# their end at once, as a reader sees the page once they have run. Waiting for
# them took 25 s on every admin page: Wagtail's sidebar badge pulses five times
# for five seconds.
FINISH_TRANSITIONS = """() => document.getAnimations()
    .filter(animation => animation.effect.getComputedTiming().iterations !== Infinity)
    .forEach(animation => animation.finish())"""


@dataclass(frozen=True)
class Finding:
    rule: str
    impact: str
    help: str
    targets: tuple[str, ...]
    url: str
    step: str

    def __str__(self) -> str:
        where = "\n      ".join(self.targets)
        return (
            f"[{self.impact}] {self.rule}: {self.help}\n"
            f"    step {self.step} at {self.url}\n      {where}"
        )


def audit(page, step: str) -> list[Finding]:
    """The page's critical and serious axe violations, each with where it was found."""
    # A colour fading in (the admin's messages) would be judged half-way.
    page.evaluate(FINISH_TRANSITIONS)
    for attempt in range(1, FRAME_ATTEMPTS + 1):
        # axe reads into frames (the admin's preview panel) only where it is loaded
        # too; without it there a frame is waited on until `frameWaitTime`.
        try:
            for frame in page.frames:
                frame.evaluate(AXE_SCRIPT)
            results = page.evaluate(
                "axe.run(document, {resultTypes: ['violations'], frameWaitTime: 5000})"
            )
            break
        except PlaywrightError:
            # The preview panel loads a new frame after each change, which can land
            # between loading axe and running it: the page is read again.
            if attempt == FRAME_ATTEMPTS:
                raise
    return [
        Finding(
            rule=violation["id"],
            impact=violation["impact"],
            help=violation["help"],
            # Each element with axe's reason (for contrast: the colours and the ratio).
            targets=tuple(
                " ".join(map(str, node["target"]))
                + " : "
                + " ".join(node.get("failureSummary", "").split())
                for node in violation["nodes"]
            ),
            url=page.url,
            step=step,
        )
        for violation in results["violations"]
        if violation["impact"] in BLOCKING
    ]


def report(findings: list[Finding]) -> str:
    return f"{len(findings)} critical or serious accessibility violations (axe-core):\n\n" + (
        "\n\n".join(map(str, findings))
    )
