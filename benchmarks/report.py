"""Figures and markdown tables for the benchmark and the load run."""

import statistics
from dataclasses import dataclass, field

# Targets the benchmark reports against; it never fails on them. Warm: the
# cache filled by the requests before. Cold: the cache cleared just before.
MAX_FLOOR_RATIO = 4.0
MAX_QUERIES = 20
MAX_COLD_FLOOR_RATIO = 15.0
MAX_COLD_QUERIES = 25


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` of `values` fall (inclusive method, as spreadsheets do)."""
    if not values:
        return 0.0
    if len(values) == 1:
        return values[0]
    ordered = sorted(values)
    position = share * (len(ordered) - 1)
    below = int(position)
    above = min(below + 1, len(ordered) - 1)
    return ordered[below] + (ordered[above] - ordered[below]) * (position - below)


@dataclass
class Timing:
    """What one page cost over a series of requests."""

    name: str
    path: str
    seconds: list[float] = field(default_factory=list)
    queries: list[int] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def median_ms(self) -> float:
        return 1000 * statistics.median(self.seconds) if self.seconds else 0.0

    @property
    def p95_ms(self) -> float:
        return 1000 * percentile(self.seconds, 0.95)

    @property
    def usual_queries(self) -> int:
        """The median count: what a request costs once the worker's caches are filled."""
        return round(statistics.median(self.queries)) if self.queries else 0

    @property
    def queries_cell(self) -> str:
        """The usual count, and the most when some request took more (a worker's first)."""
        most = max(self.queries, default=0)
        return f"{self.usual_queries}" + (f" (at most {most})" if most > self.usual_queries else "")


@dataclass
class Page:
    """One page's requests with the cache warm and with it cleared just before each."""

    warm: Timing
    cold: Timing

    @property
    def name(self) -> str:
        return self.warm.name


def ratio(timing: Timing, floor: Timing) -> float:
    return timing.median_ms / floor.median_ms if floor.median_ms else 0.0


def misses(page: Page, floor: Timing) -> list[str]:
    """The targets a page misses, in words, against the warm floor; empty when it meets them all.

    Cold, every request counts: the most queries any took, not the usual.
    """
    missed = []
    for state, timing in (("warm", page.warm), ("cold", page.cold)):
        if timing.errors:
            missed.append(f"{len(timing.errors)} failed {state} requests ({timing.errors[0]})")
    if ratio(page.warm, floor) > MAX_FLOOR_RATIO:
        missed.append(
            f"warm median {ratio(page.warm, floor):.1f}× the floor (target {MAX_FLOOR_RATIO:g}×)"
        )
    if page.warm.usual_queries > MAX_QUERIES:
        missed.append(f"warm {page.warm.usual_queries} queries (target {MAX_QUERIES})")
    if ratio(page.cold, floor) > MAX_COLD_FLOOR_RATIO:
        missed.append(
            f"cold median {ratio(page.cold, floor):.1f}× the floor "
            f"(target {MAX_COLD_FLOOR_RATIO:g}×)"
        )
    most = max(page.cold.queries, default=0)
    if most > MAX_COLD_QUERIES:
        missed.append(f"cold {most} queries (target {MAX_COLD_QUERIES})")
    return missed


def cells(timing: Timing | None, floor: Timing) -> str:
    """Median, p95, ratio to the floor and queries; dashes where nothing was timed."""
    if timing is None:
        return "– | – | – | –"
    return (
        f"{timing.median_ms:.1f} | {timing.p95_ms:.1f} | {ratio(timing, floor):.1f} "
        f"| {timing.queries_cell}"
    )


def page_table(pages: list[Page], floor: Page, static: Timing) -> str:
    """The benchmark's markdown table: each page warm and cold against the warm floor,
    then the floor itself and a static file (which no cache serves)."""
    lines = [
        "| page | warm median ms | warm p95 ms | warm × floor | warm queries "
        "| cold median ms | cold p95 ms | cold × floor | cold queries | targets |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for page in pages:
        lines.append(
            f"| {page.name} (`{page.warm.path}`) | {cells(page.warm, floor.warm)} "
            f"| {cells(page.cold, floor.warm)} | {'; '.join(misses(page, floor.warm)) or 'met'} |"
        )
    for label, warm, cold in (
        ("floor: signed-in empty view", floor.warm, floor.cold),
        ("static file", static, None),
    ):
        lines.append(
            f"| {label} (`{warm.path}`) | {cells(warm, floor.warm)} | {cells(cold, floor.warm)} | |"
        )
    return "\n".join(lines) + "\n"


def summary(pages: list[Page], floor: Page) -> str:
    """One sentence under the table: every page meets the targets, or which miss them."""
    missed = [page.name for page in pages if misses(page, floor.warm)]
    if missed:
        return f"Missing a target: {', '.join(missed)}."
    return (
        f"Every page meets the targets: warm, a median at most {MAX_FLOOR_RATIO:g}× the floor "
        f"and at most {MAX_QUERIES} queries; cold, a median at most {MAX_COLD_FLOOR_RATIO:g}× "
        f"the floor and at most {MAX_COLD_QUERIES} queries."
    )


def facts_table(facts: dict[str, object]) -> str:
    """Two columns, one fact a row."""
    lines = ["| | |", "| --- | --- |"]
    lines += [f"| {name} | {value} |" for name, value in facts.items()]
    return "\n".join(lines) + "\n"
