"""Bar charts drawn on the server as SVG: no JavaScript, readable by screen readers.

Each chart carries a title and a description for assistive technology, and the
template shows the same figures as a table. A count below the privacy threshold
(zero included) gets no bar: a bar of any height would read as a figure. It is
drawn as a "<5" marker on the axis instead, so the chart never shows a figure
the table hides.
"""

from dataclasses import dataclass
from functools import cached_property

from insights import privacy

# The text is sized in these units: a chart is drawn about as wide as the
# viewBox (two side by side in the admin), so 14 units read as 13 to 14 pixels.
WIDTH, HEIGHT = 480, 220
LEFT, RIGHT, TOP, BOTTOM = 44, 8, 12, 30
GRID_LINES = 4


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    series: int
    label: str
    masked: bool

    @property
    def centre(self) -> float:
        return round(self.x + self.width / 2, 1)


@dataclass(frozen=True)
class Series:
    name: str
    values: list[int]

    @cached_property
    def shown(self) -> list:
        """The values as a reader sees them; read for every bar and table cell."""
        return [privacy.masked(value) for value in self.values]


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    description: str
    labels: list[str]
    series: list[Series]
    bars: list[Bar]
    grid: list[tuple[float, int]]
    ticks: list[tuple[float, str]]
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT

    @property
    def has_masked(self) -> bool:
        """Whether any count is drawn as "<5", for the key to explain the mark."""
        return any(bar.masked for bar in self.bars)

    @property
    def rows(self) -> list[tuple[str, list]]:
        """The figures week by week, for the table under the chart."""
        return [
            (label, [series.shown[index] for series in self.series])
            for index, label in enumerate(self.labels)
        ]


def _nice_ceiling(value: int) -> int:
    """The smallest round top for the axis at or above `value`.

    Its grid lines fall on whole, round figures: the step between them is 1,
    2, 2.5 or 5 times a power of ten.
    """
    power = 1
    while True:
        for multiple in (1, 2, 2.5, 5):
            step = multiple * power
            if step == int(step) and step * GRID_LINES >= value:
                return int(step * GRID_LINES)
        power *= 10


def bar_chart(
    chart_id: str, title: str, description: str, labels: list[str], series: list[Series]
) -> Chart:
    """Grouped bars: one group per label (a week), one bar per series in each group."""
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    ceiling = _nice_ceiling(max([privacy.THRESHOLD, *(v for one in series for v in one.values)]))
    group_width = plot_width / max(len(labels), 1)
    bar_width = group_width * 0.8 / max(len(series), 1)
    bars = []
    for index, label in enumerate(labels):
        for number, one in enumerate(series):
            value = one.values[index]
            masked = privacy.is_small(value)
            height = 0 if masked else plot_height * value / ceiling
            bars.append(
                Bar(
                    x=round(LEFT + index * group_width + group_width * 0.1 + number * bar_width, 1),
                    y=round(TOP + plot_height - height, 1),
                    width=round(bar_width, 1),
                    height=round(height, 1),
                    series=number,
                    label=f"{label}: {one.name} {one.shown[index]}",
                    masked=masked,
                )
            )
    grid = [
        (
            round(TOP + plot_height - plot_height * step / GRID_LINES, 1),
            ceiling * step // GRID_LINES,
        )
        for step in range(GRID_LINES + 1)
    ]
    ticks = [
        (round(LEFT + index * group_width + group_width / 2, 1), label)
        for index, label in enumerate(labels)
        # Every other week back from the last, so the labels do not overlap.
        if (len(labels) - 1 - index) % 2 == 0
    ]
    return Chart(chart_id, title, description, labels, series, bars, grid, ticks)
