"""The timeline's maths, free of Qt: time ↔ pixels, ticks, lane stacking, level of detail.

Time is measured in ordinal days (``date.toordinal()``) as floats: day ``d`` covers
``[d, d + 1)``, so an inclusive ``stop`` ends at ``stop + 1``. Every per-event computation is
a numpy expression over the visible slice; Python loops only run over what is drawn with a
label (a few hundred items at most) and over ticks.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum

import numpy as np
import numpy.typing as npt

__all__ = [
    "FIRST_DAY", "LAST_DAY", "MAX_SPAN_DAYS", "MIN_SPAN_DAYS", "AxisTicks", "Cluster",
    "ItemExtents", "Lod", "Stacking", "Tick", "TickStep", "TimeScale", "brush_days", "choose_lod",
    "choose_ticks", "cluster_overflow", "column_density", "compact_count", "count_periods",
    "item_extents",
    "overlap_counts", "stack_lanes", "visible_count", "visible_range",
]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

MIN_SPAN_DAYS = 3.0
MAX_SPAN_DAYS = 200 * 365.25
FIRST_DAY = float(dt.date.min.toordinal())
LAST_DAY = float(dt.date.max.toordinal() + 1)  # exclusive: the end of 31 Dec 9999

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


# -- the time scale ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TimeScale:
    """Maps days ``[start, end)`` onto pixels ``[left, left + width)``."""

    start: float
    end: float
    left: float = 0.0
    width: float = 1.0

    @property
    def span(self) -> float:
        return self.end - self.start

    @property
    def px_per_day(self) -> float:
        return self.width / self.span

    def x(self, day: float) -> float:
        return self.left + (day - self.start) * self.width / self.span

    def xs(self, days: npt.ArrayLike) -> FloatArray:
        return self.left + (np.asarray(days, dtype=np.float64) - self.start) * (
            self.width / self.span
        )

    def day(self, x: float) -> float:
        return self.start + (x - self.left) * self.span / self.width

    def with_range(self, start: float, end: float) -> TimeScale:
        """The same pixels showing ``[start, end)``, clamped to the allowed zoom and dates."""
        span = min(max(end - start, MIN_SPAN_DAYS), MAX_SPAN_DAYS)
        centre = (start + end) / 2
        start = centre - span / 2
        start = min(max(start, FIRST_DAY), LAST_DAY - span)
        return TimeScale(start, start + span, self.left, self.width)

    def zoomed(self, factor: float, anchor_x: float) -> TimeScale:
        """Zoom in (``factor`` > 1) or out, keeping the day under ``anchor_x`` where it is."""
        anchor = self.day(anchor_x)
        span = min(max(self.span / factor, MIN_SPAN_DAYS), MAX_SPAN_DAYS)
        fraction = (anchor_x - self.left) / self.width
        start = anchor - fraction * span
        start = min(max(start, FIRST_DAY), LAST_DAY - span)
        return TimeScale(start, start + span, self.left, self.width)

    def panned(self, dx: float) -> TimeScale:
        """Content follows the pointer: dragging right by ``dx`` shows earlier days."""
        shift = -dx * self.span / self.width
        start = min(max(self.start + shift, FIRST_DAY), LAST_DAY - self.span)
        return TimeScale(start, start + self.span, self.left, self.width)

    def fitted(self, first: float, last: float, padding_px: float) -> TimeScale:
        """Shows days ``[first, last)`` with ``padding_px`` free on each side."""
        usable = max(self.width - 2 * padding_px, self.width * 0.5)
        span = max(last - first, 0.0) * self.width / usable
        centre = (first + last) / 2
        return self.with_range(centre - span / 2, centre + span / 2)


def brush_days(a: float, b: float) -> tuple[int, int]:
    """The whole days a brush from ``a`` to ``b`` touches: ``(first, last)``, inclusive."""
    lo, hi = min(a, b), max(a, b)
    first = math.floor(lo)
    return first, max(first, math.ceil(hi) - 1)


def visible_range(
    starts: IntArray, stops: IntArray, start: float, end: float, max_duration: int
) -> IntArray:
    """Indices of events overlapping ``[start, end)``; ``starts`` must be sorted.

    Binary search bounds the candidates; only events that can still reach ``start`` given
    the longest duration are tested, so a zoomed-in frame touches a small slice.
    """
    hi = int(np.searchsorted(starts, math.ceil(end), side="left"))
    lo = int(np.searchsorted(starts, math.floor(start) - max_duration - 1, side="left"))
    candidates = np.arange(lo, hi, dtype=np.int64)
    keep = stops[lo:hi] + 1 > start
    return candidates[keep]


def visible_count(sorted_starts: IntArray, sorted_stops: IntArray, start: float, end: float) -> int:
    """How many events overlap ``[start, end)``, in two binary searches."""
    return int(overlap_counts(sorted_starts, sorted_stops, (start, end))[0])


# -- ticks ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TickStep:
    unit: str  # "day", "week", "month" or "year"
    count: int
    name: str  # what a reader would call it: "days", "quarters", "decades"…
    nominal_days: float


_STEPS = (
    TickStep("day", 1, "days", 1),
    TickStep("day", 2, "days", 2),
    TickStep("week", 1, "weeks", 7),
    TickStep("month", 1, "months", 30.44),
    TickStep("month", 3, "quarters", 91.3),
    TickStep("month", 6, "half-years", 182.6),
    TickStep("year", 1, "years", 365.25),
    TickStep("year", 2, "years", 730.5),
    TickStep("year", 5, "years", 1826),
    TickStep("year", 10, "decades", 3652),
    TickStep("year", 20, "decades", 7305),
    TickStep("year", 50, "half-centuries", 18262),
    TickStep("year", 100, "centuries", 36525),
    TickStep("year", 200, "centuries", 73050),
    TickStep("year", 500, "centuries", 182625),
    TickStep("year", 1000, "millennia", 365250),
)


@dataclass(frozen=True, slots=True)
class Tick:
    day: int
    x: float
    label: str = ""  # empty: a tick line without a label (no room for one)
    label_x: float = 0.0


@dataclass(frozen=True, slots=True)
class AxisTicks:
    step: TickStep
    major: tuple[Tick, ...]
    minor: tuple[float, ...]  # x of unlabelled small ticks
    context: tuple[Tick, ...]  # the coarser row: "December 2025" under days, years under months
    context_lines: tuple[float, ...]  # x of context boundaries, drawn as longer ticks


def _boundaries(step: TickStep, first: float, last: float) -> list[int]:
    """Ordinals of the step's boundaries in ``[first, last)``."""
    lo = max(math.ceil(first), int(FIRST_DAY))
    hi = min(math.ceil(last), int(LAST_DAY))
    if lo >= hi:
        return []
    if step.unit == "day":
        begin = lo + (-lo) % step.count
        return list(range(begin, hi, step.count))
    if step.unit == "week":
        begin = lo + (-(lo - 1)) % 7  # ordinal 1 (1 Jan 0001) was a Monday
        return list(range(begin, hi, 7))
    first_date = dt.date.fromordinal(lo)
    if step.unit == "month":
        index = first_date.year * 12 + first_date.month - 1
        index += (-index) % step.count
        starts = _month_starts()[index - 12 :: step.count]
    else:
        year = first_date.year + (-first_date.year) % step.count
        starts = _month_starts()[(year - 1) * 12 :: 12 * step.count]
    # Only the first candidate can start before ``lo`` (it is the period ``lo`` falls in).
    begin = 1 if len(starts) and starts[0] < lo else 0
    days: list[int] = starts[begin : int(np.searchsorted(starts, hi, side="left"))].tolist()
    return days


_MONTHS_FROM_YEAR_1: IntArray | None = None


def _month_starts() -> IntArray:
    """Ordinal of the first day of every month from January 0001 to December 9999 (entry
    ``year * 12 + month - 13``), built once: the month and year ticks are slices of it."""
    global _MONTHS_FROM_YEAR_1
    if _MONTHS_FROM_YEAR_1 is None:
        months = np.arange(np.datetime64("0001-01"), np.datetime64("9999-12") + 1)
        epoch = dt.date(1970, 1, 1).toordinal()
        _MONTHS_FROM_YEAR_1 = months.astype("datetime64[D]").astype(np.int64) + epoch
    return _MONTHS_FROM_YEAR_1


def _tick_formats(step: TickStep, day: int) -> tuple[str, ...]:
    """Labels for one tick, longest first; the caller keeps the longest that fits everywhere."""
    date = dt.date.fromordinal(day)
    if step.unit == "day":
        return (f"{_WEEKDAYS[date.weekday()]} {date.day}", f"{date.day}")
    if step.unit == "week":
        return (f"{date.day} {_MONTHS[date.month - 1]}", f"{date.day}")
    if step.unit == "month":
        if step.count == 3:
            return (f"Q{(date.month - 1) // 3 + 1}",)
        if step.count == 6:
            return (f"H{(date.month - 1) // 6 + 1}",)
        return (_MONTH_NAMES[date.month - 1], _MONTHS[date.month - 1])
    if step.count == 10:
        return (f"{date.year}s", f"{date.year}")
    return (f"{date.year}",)


_FORMATS: dict[tuple[str, int, int], tuple[str, ...]] = {}


def _cached_formats(step: TickStep, days: list[int]) -> list[tuple[str, ...]]:
    """``_tick_formats`` of each day, remembered: panning asks for the same days again."""
    if len(_FORMATS) > 20_000:
        _FORMATS.clear()
    out = []
    for day in days:
        key = (step.unit, step.count, day)
        formats = _FORMATS.get(key)
        if formats is None:
            formats = _FORMATS[key] = _tick_formats(step, day)
        out.append(formats)
    return out


def _context_formats(unit: str, day: int) -> tuple[str, ...]:
    date = dt.date.fromordinal(day)
    if unit == "month":
        return (
            f"{_MONTH_NAMES[date.month - 1]} {date.year}",
            f"{_MONTHS[date.month - 1]} {date.year}",
            f"{_MONTHS[date.month - 1]} ’{date.year % 100:02d}",
        )
    return (f"{date.year}",)


def _divides(fine: TickStep, coarse: TickStep) -> bool:
    """Whether every boundary of ``coarse`` is also one of ``fine``."""
    if fine.unit == "day":
        return fine.count == 1  # even ordinals do not line up with Mondays or month starts
    if fine.unit == "week":
        return False
    if fine.unit == "month":
        return coarse.unit == "year" or (
            coarse.unit == "month" and coarse.count % fine.count == 0
        )
    return coarse.unit == "year" and coarse.count % fine.count == 0


def choose_ticks(
    scale: TimeScale,
    text_width: Callable[[str], float],
    *,
    gap: float = 8.0,
    pad: float = 3.0,
    min_spacing: float = 36.0,
    minor_spacing: float = 6.0,
) -> AxisTicks:
    """The finest tick step whose labels fit side by side without overlapping.

    Labels sit just right of their tick (``pad``), so "Dec" reads as the month that starts
    there. A step is accepted when every label plus ``gap`` ends before the next tick and the
    ticks are at least ``min_spacing`` apart; a label that would cross the right edge is
    dropped, its tick kept.
    """
    px_per_day = scale.px_per_day
    right = scale.left + scale.width
    # scale.x, inlined: the same arithmetic, for every boundary of every step tried
    left, first, width, span = scale.left, scale.start, scale.width, scale.span
    chosen: tuple[TickStep, list[int], tuple[str, ...], list[float]] | None = None
    for step in _STEPS:
        if step.nominal_days * px_per_day * 1.1 < min_spacing:
            continue
        days = _boundaries(step, scale.start, scale.end)
        xs = [left + (d - first) * width / span for d in days]
        if len(days) > 1 and min(b - a for a, b in itertools.pairwise(xs)) < min_spacing:
            continue
        formats = _cached_formats(step, days)
        for choice in range(max((len(f) for f in formats), default=1)):
            labels = tuple(f[min(choice, len(f) - 1)] for f in formats)
            if all(
                a + pad + text_width(label) + gap <= b
                for a, b, label in zip(xs, xs[1:], labels, strict=False)
            ):
                chosen = (step, days, labels, xs)
                break
        if chosen is not None:
            break
    if chosen is None:  # only when even millennia crowd: show one unlabelled tick per step
        step = _STEPS[-1]
        days = _boundaries(step, scale.start, scale.end)
        chosen = (step, days, tuple("" for _ in days), [scale.x(d) for d in days])
    step, days, labels, xs = chosen
    major = []
    for day, label, x in zip(days, labels, xs, strict=True):
        fits = x + pad + text_width(label) <= right
        major.append(Tick(day, x, label if fits else "", x + pad))
    minor = _minor_ticks(scale, step, minor_spacing)
    context, context_lines = _context_row(scale, step, text_width, gap, pad, days)
    return AxisTicks(step, tuple(major), minor, context, context_lines)


def count_periods(
    scale: TimeScale, min_px: float, finest: TickStep | None = None
) -> list[float]:
    """Edges of the calendar periods that density mode counts events in: the finest step
    (days, weeks, months… decades), no finer than ``finest`` (the axis ticks, so that each
    count sits between two labelled ticks), at least ``min_px`` wide so a count chip fits.
    Calendar-aligned, so the counts do not change as the view pans."""
    floor = finest.nominal_days if finest is not None else 0.0
    for step in _STEPS:
        if step.nominal_days < floor:
            continue
        if step.nominal_days * scale.px_per_day >= min_px:
            inner = [float(d) for d in _boundaries(step, scale.start, scale.end)]
            return [scale.start, *inner, scale.end]
    return [scale.start, scale.end]


def _minor_ticks(scale: TimeScale, major: TickStep, spacing: float) -> tuple[float, ...]:
    for step in _STEPS:
        if step.nominal_days >= major.nominal_days:
            break
        if step.nominal_days * scale.px_per_day >= spacing and _divides(step, major):
            days = _boundaries(step, scale.start, scale.end)
            return tuple(scale.xs(days).tolist())
    return ()


def _context_row(
    scale: TimeScale, step: TickStep, text_width: Callable[[str], float], gap: float,
    pad: float, tick_days: Sequence[int],
) -> tuple[tuple[Tick, ...], tuple[float, ...]]:
    """Month-and-year labels under day or week ticks, years under months; none beyond.

    The label of the period already under way at the left edge sticks to the edge and is
    shortened, then dropped, as the next period's label approaches; it is left out when
    none of the ticks above (``tick_days``) falls in that period, as it would qualify none.
    """
    if step.unit in ("day", "week"):
        unit = TickStep("month", 1, "months", 30.44)
    elif step.unit == "month":
        unit = TickStep("year", 1, "years", 365.25)
    else:
        return (), ()
    edges = _boundaries(unit, scale.start, scale.end)
    lines = tuple(scale.x(d) for d in edges)
    right = scale.left + scale.width
    first_day = max(math.floor(scale.start), int(FIRST_DAY))
    periods = ([first_day] if not edges or edges[0] > scale.start else []) + edges
    if edges and periods[0] != edges[0] and not any(d < edges[0] for d in tick_days):
        periods = edges  # a sliver of the last period, with no tick of its own
    out: list[Tick] = []
    for i, day in enumerate(periods):
        x = max(scale.x(day), scale.left) + pad
        limit = (scale.x(periods[i + 1]) - gap) if i + 1 < len(periods) else right
        for label in _context_formats(unit.unit, day):
            if x + text_width(label) <= limit:
                out.append(Tick(day, scale.x(day), label, x))
                break
    return tuple(out), lines


# -- items, lanes and clusters -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ItemExtents:
    """Horizontal geometry of labelled items, in pixels (arrays aligned with the input)."""

    mark_x0: FloatArray  # marker or bar
    mark_x1: FloatArray
    label_x: FloatArray
    flipped: BoolArray  # label drawn left of the mark
    left: FloatArray  # what the item occupies in its lane
    min_right: FloatArray  # right end with the label cut to ``min_label`` px
    full_right: FloatArray  # right end with the whole label


def item_extents(
    x0: FloatArray,
    x1: FloatArray,
    is_point: BoolArray,
    label_width: FloatArray,
    *,
    marker: float,
    pad: float,
    min_label: float,
    inside_min: float,
    plot_left: float,
    plot_right: float,
) -> ItemExtents:
    """Where each mark and its label go.

    A point gets a round marker of diameter ``marker`` centred on its day with the label to
    its right. A bar at least ``inside_min`` px wide on screen carries its label inside,
    starting at its visible left end (so a bar that began off screen keeps its label in
    view); a narrower one has it after its end. A label that would cross the right edge
    goes left of the mark when it fits there whole.
    """
    half = marker / 2
    centre = (x0 + x1) / 2
    mark_x0 = np.where(is_point, centre - half, x0)
    mark_x1 = np.where(is_point, centre + half, np.maximum(x1, x0 + 3.0))
    visible_x0 = np.maximum(mark_x0, plot_left)
    inside = ~is_point & (np.minimum(mark_x1, plot_right) - visible_x0 >= inside_min)
    label_x = np.where(inside, visible_x0 + pad, mark_x1 + pad)
    full_right = np.maximum(mark_x1, label_x + label_width)
    flipped = (
        ~inside
        & (full_right > plot_right)
        & (mark_x0 - pad - label_width >= plot_left)
    )
    label_x = np.where(flipped, mark_x0 - pad - label_width, label_x)
    left = np.where(flipped, label_x, mark_x0)
    full_right = np.where(flipped, mark_x1, full_right)
    min_right = np.where(
        flipped, mark_x1, np.maximum(mark_x1, label_x + np.minimum(label_width, min_label))
    )
    return ItemExtents(mark_x0, mark_x1, label_x, flipped, left, min_right, full_right)


@dataclass(frozen=True, slots=True)
class Stacking:
    lanes: IntArray  # lane of each item, -1 when it did not fit (it joins a cluster)
    label_limit: FloatArray  # x where the item's label must stop (next item in its lane)
    lane_count: int  # lanes actually used


def stack_lanes(
    left: Sequence[float] | FloatArray,
    min_right: Sequence[float] | FloatArray,
    full_right: Sequence[float] | FloatArray,
    max_lanes: int,
    gap: float,
) -> Stacking:
    """Greedy interval packing, left to right, so that no two items' extents overlap.

    An item goes to the first lane where it fits with every label whole. When none is free,
    it goes where it fits by cutting the previous label to no less than its minimum (the
    lane with the most room); when even that fails it is left out (lane -1) for a cluster.
    Labels are therefore cut with an ellipsis before anything collides or is hidden.
    """
    lefts = np.asarray(left, dtype=np.float64)
    n = len(lefts)
    lanes = np.full(n, -1, dtype=np.int64)
    limit = np.full(n, np.inf)
    xs = lefts.tolist()
    mins = np.asarray(min_right, dtype=np.float64).tolist()
    fulls = np.asarray(full_right, dtype=np.float64).tolist()
    lane_last = [-1] * max_lanes
    lane_min = [-math.inf] * max_lanes
    lane_full = [-math.inf] * max_lanes
    used = 0
    # Once every lane is in use most items are left out; the lowest ends of the lanes say so
    # at once (``min(ends) + gap <= x`` holds exactly when some lane's does). Kept up to date
    # on each placement, which is rare by then.
    # Items come in order of ``left``, so the run of items that cannot go anywhere is
    # skipped with one binary search.
    lowest_min = lowest_full = -math.inf
    order = np.argsort(lefts, kind="stable").tolist()
    ordered_xs = [xs[i] for i in order]
    p = 0
    while p < n:
        i, x = order[p], ordered_xs[p]
        p += 1
        if used == max_lanes:
            lowest = min(lowest_min, lowest_full) + gap
            if lowest > x:
                p = bisect.bisect_left(ordered_xs, lowest, p)
                continue
        chosen = -1
        for lane in range(min(used + 1, max_lanes)):
            if lane_full[lane] + gap <= x:
                chosen = lane
                break
        if chosen < 0:
            best = -math.inf
            for lane in range(used):
                if lane_min[lane] + gap <= x and x - lane_full[lane] > best:
                    best = x - lane_full[lane]
                    chosen = lane
        if chosen < 0:
            continue
        previous = lane_last[chosen]
        if previous >= 0:
            limit[previous] = x - gap
        lanes[i] = chosen
        lane_last[chosen] = i
        lane_min[chosen] = mins[i]
        lane_full[chosen] = fulls[i]
        used = max(used, chosen + 1)
        if used == max_lanes:
            lowest_min, lowest_full = min(lane_min), min(lane_full)
    return Stacking(lanes, limit, used)


@dataclass(frozen=True, slots=True)
class Cluster:
    x0: float  # span of the member marks, px
    x1: float
    members: tuple[int, ...]  # positions in the input arrays

    @property
    def count(self) -> int:
        return len(self.members)


def cluster_overflow(
    mark_x0: FloatArray, mark_x1: FloatArray, members: IntArray, merge_px: float
) -> list[Cluster]:
    """Groups the items left out of the lanes into clusters whose count chips cannot touch."""
    if len(members) == 0:
        return []
    ordered = members[np.argsort(mark_x0[members], kind="stable")]
    starts, ends = mark_x0[ordered], mark_x1[ordered]
    order = ordered.tolist()
    if not np.all(ends >= starts):  # never from marks; one by one then, as the rule reads
        return _clusters_one_by_one(order, starts.tolist(), ends.tolist(), merge_px)
    # With every mark ending after it starts, a cluster's right end is the running maximum
    # of all ends so far, and a new cluster can only begin where a mark starts past it:
    # only those candidates are looked at in Python.
    reach = np.maximum.accumulate(ends)
    right = reach.tolist()
    lefts = starts.tolist()
    clusters: list[Cluster] = []
    first, x0 = 0, lefts[0]
    for c in (np.flatnonzero(starts[1:] > reach[:-1]) + 1).tolist():
        if lefts[c] > x0 + merge_px:
            clusters.append(Cluster(x0, right[c - 1], tuple(order[first:c])))
            first, x0 = c, lefts[c]
    clusters.append(Cluster(x0, right[-1], tuple(order[first:])))
    return clusters


def _clusters_one_by_one(
    order: list[int], starts: list[float], ends: list[float], merge_px: float
) -> list[Cluster]:
    """A mark joins the cluster when it starts before the cluster's marks end, or within
    ``merge_px`` of the cluster's first start."""
    clusters: list[Cluster] = []
    current = [order[0]]
    x0, x1 = starts[0], ends[0]
    for i, start, end in zip(order[1:], starts[1:], ends[1:], strict=True):
        if start <= max(x1, x0 + merge_px):
            current.append(i)
            x1 = max(x1, end)
        else:
            clusters.append(Cluster(x0, x1, tuple(current)))
            current, x0, x1 = [i], start, end
    clusters.append(Cluster(x0, x1, tuple(current)))
    return clusters


# -- level of detail -----------------------------------------------------------------


class Lod(Enum):
    LABELS = "labels"  # every visible event drawn and labelled
    DENSITY = "density"  # per-column density with counts per period


def choose_lod(
    visible: int, width_px: float, lanes: int, *, min_item_px: float = 48.0,
    max_labelled: int = 600,
) -> Lod:
    """Labels while the visible events, spread over the lanes, leave each one about
    ``min_item_px`` (about a short word); density beyond, or past ``max_labelled``, which
    bounds the per-item Python work of a frame."""
    capacity = max(lanes, 1) * max(width_px, 1.0) / min_item_px
    return Lod.LABELS if visible <= min(capacity, max_labelled) else Lod.DENSITY


def column_density(
    sorted_starts: IntArray, sorted_stops: IntArray, scale: TimeScale, columns: int
) -> IntArray:
    """How many events overlap each of ``columns`` equal pixel columns across the scale.

    Both arrays sorted, one binary search per column edge answers it: the cost grows with
    the width and the log of the event count, not the count (a bincount over the visible
    events costs ~3 ms at 100k and grows linearly).
    """
    if columns <= 0:
        return np.zeros(0, dtype=np.int64)
    edges = np.linspace(scale.start, scale.end, columns + 1)
    return overlap_counts(sorted_starts, sorted_stops, edges)


def overlap_counts(
    sorted_starts: IntArray, sorted_stops: IntArray, edges: Sequence[float] | FloatArray
) -> IntArray:
    """Events overlapping each period ``[edges[i], edges[i+1])``: those started before its
    end minus those finished before its start, by binary search in the two sorted arrays.

    Days are whole, so the float edges are rounded to the integer test they stand for; that
    also keeps numpy from converting the whole int array to float on every search.
    """
    bounds = np.asarray(edges, dtype=np.float64)
    started = np.searchsorted(sorted_starts, np.ceil(bounds[1:]).astype(np.int64), side="left")
    finished = np.searchsorted(
        sorted_stops, np.floor(bounds[:-1] - 1).astype(np.int64), side="right"
    )
    return (started - finished).astype(np.int64)


def compact_count(count: int) -> str:
    """``987``, ``1.2k``, ``12k``, ``1.5M``: a count that fits on a small chip."""
    if count < 1000:
        return f"{count}"
    if count < 10_000:
        return f"{count / 1000:.1f}k".replace(".0k", "k")
    if count < 1_000_000:
        return f"{count // 1000}k"
    return f"{count / 1_000_000:.1f}M".replace(".0M", "M")
