"""Geometry for the cost-versus-speed chart: typed points, axes and label positions, no markup.

The chart plots one scenario's cost per interaction (y) against a current published latency figure (x),
one point per priced model: for the first-token time, the figure the verdicts use (macros.waits); for the
speed, the newest. Each point carries a number that its row in the table beside the chart repeats, so a
label stays short enough to read on a phone. Both axes are logarithmic, since costs span several orders of
magnitude and latencies cluster below a few seconds. Coordinates are in SVG user units; the template draws
them, sized for a 390 px screen first.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from macros import calc, waits
from macros.data import rules
from macros.data.dataset import Dataset, Listing
from macros.data.models import Observation, Scenario

WIDTH = 358  # the text column of a 390 px phone, so that one unit is one CSS pixel there and no text shrinks
HEIGHT = 380
MARGIN_LEFT = 88
MARGIN_RIGHT = 16
MARGIN_TOP = 16
MARGIN_BOTTOM = 48
FONT_SIZE = 13
CHAR_WIDTH = 7.0  # an estimate of the average glyph width at FONT_SIZE, for keeping labels apart
MARKER_RADIUS = 5
STEPS = (1, 2, 5)  # tick marks at 1, 2 and 5 times each power of ten


@dataclass(frozen=True)
class Box:
    """A rectangle in SVG units."""

    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: Box) -> bool:
        """True when the two rectangles share any area."""
        return self.left < other.right and other.left < self.right and self.top < other.bottom and other.top < self.bottom

    def inside(self, other: Box) -> bool:
        """True when this rectangle lies wholly within `other`."""
        return self.left >= other.left and self.right <= other.right and self.top >= other.top and self.bottom <= other.bottom


@dataclass(frozen=True)
class Tick:
    """One labelled mark on an axis: the value and where it falls."""

    value: Decimal
    position: float


Thinking = Literal["yes", "no", "unclear"]
"""Whether thinking comes before the first visible token (first-token chart), or whether the model thinks in
this scenario by default (speed chart): each is drawn with its own marker."""


@dataclass(frozen=True)
class Point:
    """One model's figure placed on the chart, with its number and where the number goes."""

    observation: Observation
    listing: Listing
    cost: Decimal
    thinking: Thinking
    x: float
    y: float
    label: str
    label_x: float
    label_y: float
    anchor: Literal["start", "end"]


@dataclass(frozen=True)
class Chart:
    """Everything the template needs to draw the chart and its table."""

    scenario: Scenario
    metric: str
    width: int
    height: int
    plot: Box
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    points: tuple[Point, ...]
    free: tuple[Listing, ...] = ()
    """Models with a figure whose cost is 0: a log scale has no place for them, so they are left off and named."""


class LogScale:
    """Maps values between `low` and `high` onto positions between `start` and `end`, logarithmically."""

    def __init__(self, low: Decimal, high: Decimal, start: float, end: float) -> None:
        if low <= 0 or high <= low:
            raise ValueError(f"a log scale needs 0 < low < high (got {low}, {high})")
        self.low, self.high, self.start, self.end = low, high, start, end
        self._span = math.log10(high) - math.log10(low)

    def __call__(self, value: Decimal) -> float:
        share = (math.log10(value) - math.log10(self.low)) / self._span
        return round(self.start + share * (self.end - self.start), 2)


def domain(values: list[Decimal]) -> tuple[Decimal, Decimal, list[Decimal]]:
    """The 1-2-5 steps that just hold every value: (lowest step, highest step, tick values).

    With more than ten ticks only the powers of ten are kept, so labels stay apart.
    """
    low, high = min(values), max(values)
    if low <= 0:
        raise ValueError("a log scale cannot show zero or negative values")
    steps: list[Decimal] = []
    exponent = low.adjusted() - 1
    while not steps or steps[-1] <= high:
        steps += [Decimal(step).scaleb(exponent) for step in STEPS]
        exponent += 1
    first = max(i for i, v in enumerate(steps) if v <= low)
    last = min(i for i, v in enumerate(steps) if v >= high)
    if first == last:  # one value, exactly on a step: show the steps either side
        first, last = first - 1, last + 1
    ticks = steps[first:last + 1]
    if len(ticks) > 10:
        ticks = [v for v in ticks if v.normalize().as_tuple().digits == (1,) or v in (ticks[0], ticks[-1])]
    return ticks[0], ticks[-1], ticks


def chosen_observations(dataset: Dataset, metric: str) -> list[Observation]:
    """One current observation of `metric` for each priced model that has one."""
    if metric == "ttft_s":
        return [e.ttft for e in waits.headline_evidence(dataset) if e.listing is not None]
    newest: dict[str, Observation] = {}
    for obs in dataset.current_observations:
        if (obs.metric == metric and dataset.has_model(obs.model) and obs.observed is not None
                and not dataset.is_retired(dataset.listing(obs.model))
                and not dataset.is_superseded(dataset.listing(obs.model))):
            held = newest.get(obs.model)
            if held is None or rules.earliest_date(obs.observed) > rules.earliest_date(held.observed or obs.observed):
                newest[obs.model] = obs
    return list(newest.values())


def _thinking(obs: Observation, listing: Listing, scenario: Scenario) -> Thinking:
    if obs.metric == "ttft_s":
        return obs.includes_thinking if obs.includes_thinking in ("yes", "unclear") else "no"  # type: ignore[return-value]
    return "yes" if calc.thinking_for(listing.model, scenario.thinking_tokens)[0] else "no"


def cost_speed(dataset: Dataset, scenario_id: str, metric: str = "ttft_s") -> Chart:
    """Place one current figure of `metric` per priced model against the cost of one `scenario_id` interaction."""
    scenario = dataset.scenario(scenario_id)
    found = chosen_observations(dataset, metric)
    if not found:
        raise ValueError(f"no current {metric} observation names a model in the price dataset")
    costs = {o.model: calc.scenario_cost(dataset.listing(o.model).model, scenario) for o in found}
    if any(c.unsupported for c in costs.values()):
        raise ValueError(f"some models cannot run {scenario_id}; the chart needs a scenario every model can")
    totals = {model: c.total for model, c in costs.items()}
    free = tuple(sorted((dataset.listing(model) for model in dict.fromkeys(o.model for o in found) if totals[model] <= 0),
                        key=lambda listing: listing.model.name.casefold()))
    found = [o for o in found if totals[o.model] > 0]
    plot = Box(MARGIN_LEFT, MARGIN_TOP, WIDTH - MARGIN_RIGHT, HEIGHT - MARGIN_BOTTOM)
    if not found:
        return Chart(scenario, metric, WIDTH, HEIGHT, plot, (), (), (), free)

    x_low, x_high, x_values = domain([o.value for o in found])
    y_low, y_high, y_values = domain([totals[o.model] for o in found])
    x_scale = LogScale(x_low, x_high, plot.left, plot.right)
    y_scale = LogScale(y_low, y_high, plot.bottom, plot.top)

    ordered = sorted(found, key=lambda o: (o.value, totals[o.model], o.id))
    placed = [(o, dataset.listing(o.model), x_scale(o.value), y_scale(totals[o.model])) for o in ordered]
    labels = _place_labels([(str(n), x, y) for n, (_, _, x, y) in enumerate(placed, 1)], plot)
    points = tuple(
        Point(o, listing, totals[o.model], _thinking(o, listing, scenario), x, y, str(n), lx, ly, anchor)
        for n, ((o, listing, x, y), (lx, ly, anchor)) in enumerate(zip(placed, labels, strict=True), 1)
    )
    return Chart(
        scenario=scenario, metric=metric, width=WIDTH, height=HEIGHT, plot=plot,
        x_ticks=tuple(Tick(v, x_scale(v)) for v in x_values),
        y_ticks=tuple(Tick(v, y_scale(v)) for v in y_values),
        points=points,
        free=free,
    )


def _label_box(text: str, x: float, y: float, anchor: str) -> Box:
    width = len(text) * CHAR_WIDTH
    left = x if anchor == "start" else x - width
    return Box(left, y - FONT_SIZE * 0.8, left + width, y + FONT_SIZE * 0.25)


def _place_labels(items: list[tuple[str, float, float]], plot: Box) -> list[tuple[float, float, Literal["start", "end"]]]:
    """Put each label beside its marker where it overlaps no other label or marker, greedily.

    Candidates, in order of preference: right, left, then above and below on either side.
    When none is free, the least crowded candidate is used.
    """
    gap = MARKER_RADIUS + 3
    markers = [Box(x - MARKER_RADIUS, y - MARKER_RADIUS, x + MARKER_RADIUS, y + MARKER_RADIUS) for _, x, y in items]
    area = Box(plot.left, plot.top - MARGIN_TOP + 2, plot.right + MARGIN_RIGHT - 2, plot.bottom)
    taken: list[Box] = []
    result: list[tuple[float, float, Literal["start", "end"]]] = []
    for index, (text, x, y) in enumerate(items):
        middle = y + FONT_SIZE * 0.35
        candidates: list[tuple[float, float, Literal["start", "end"]]] = [
            (x + gap, middle, "start"), (x - gap, middle, "end"),
            (x + gap, y - gap - 2, "start"), (x - gap, y - gap - 2, "end"),
            (x + gap, y + gap + FONT_SIZE * 0.8, "start"), (x - gap, y + gap + FONT_SIZE * 0.8, "end"),
        ]
        for shift in (1, 2, 3):
            up, down = middle - shift * FONT_SIZE * 1.1, middle + shift * FONT_SIZE * 1.1
            candidates += [(x + gap, up, "start"), (x + gap, down, "start"), (x - gap, up, "end"), (x - gap, down, "end")]
        others = markers[:index] + markers[index + 1:]

        def clashes(candidate: tuple[float, float, str], text: str = text, others: list[Box] = others) -> int:
            box = _label_box(text, *candidate)
            outside = 0 if box.inside(area) else 100
            return outside + sum(box.overlaps(b) for b in taken) * 10 + sum(box.overlaps(m) for m in others)

        best = min(candidates, key=clashes)  # min keeps the first of equals, so preference order holds
        taken.append(_label_box(text, *best))
        result.append((round(best[0], 2), round(best[1], 2), best[2]))
    return result


def overlapping_labels(chart: Chart) -> list[tuple[str, str]]:
    """Pairs of labels whose boxes overlap: empty when every label is readable."""
    boxes = [(p.observation.id, _label_box(p.label, p.label_x, p.label_y, p.anchor)) for p in chart.points]
    return [(a, b) for i, (a, box) in enumerate(boxes) for b, other in boxes[i + 1:] if box.overlaps(other)]
