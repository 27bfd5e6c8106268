"""Figures and markdown tables for the benchmark and the load run."""

import statistics
from dataclasses import dataclass, field

# Targets the benchmark reports against; it never fails on them.
MAX_FLOOR_RATIO = 3.0
MAX_QUERIES = 20


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


def misses(timing: Timing, floor: Timing) -> list[str]:
    """The targets a page misses, in words; empty when it meets them all."""
    missed = []
    if timing.errors:
        missed.append(f"{len(timing.errors)} failed requests ({timing.errors[0]})")
    ratio = timing.median_ms / floor.median_ms if floor.median_ms else 0.0
    if ratio > MAX_FLOOR_RATIO:
        missed.append(f"median {ratio:.1f}× the floor (target {MAX_FLOOR_RATIO:g}×)")
    if timing.usual_queries > MAX_QUERIES:
        missed.append(f"{timing.usual_queries} queries (target {MAX_QUERIES})")
    return missed


def page_table(pages: list[Timing], floor: Timing, static: Timing) -> str:
    """The benchmark's markdown table: each page against the floor, then the floors."""
    lines = [
        "| page | median ms | p95 ms | × floor | queries | targets |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for timing in pages:
        ratio = timing.median_ms / floor.median_ms if floor.median_ms else 0.0
        missed = misses(timing, floor)
        lines.append(
            f"| {timing.name} (`{timing.path}`) | {timing.median_ms:.1f} | {timing.p95_ms:.1f} "
            f"| {ratio:.1f} | {timing.queries_cell} | {'; '.join(missed) or 'met'} |"
        )
    for label, timing in (("floor: signed-in empty view", floor), ("static file", static)):
        ratio = timing.median_ms / floor.median_ms if floor.median_ms else 0.0
        lines.append(
            f"| {label} (`{timing.path}`) | {timing.median_ms:.1f} | {timing.p95_ms:.1f} "
            f"| {ratio:.1f} | {timing.queries_cell} | |"
        )
    return "\n".join(lines) + "\n"


def facts_table(facts: dict[str, object]) -> str:
    """Two columns, one fact a row."""
    lines = ["| | |", "| --- | --- |"]
    lines += [f"| {name} | {value} |" for name, value in facts.items()]
    return "\n".join(lines) + "\n"
