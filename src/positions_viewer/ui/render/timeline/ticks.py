"""Axis ticks that adapt to the zoom (DESIGN §3: days → months → years), free of Qt.

The finest calendar step whose labels fit side by side is chosen from the time per pixel,
as pyqtgraph's date axis does; a coarser context row ("December 2025" under days, years
under months) names the period the ticks fall in.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

import numpy as np

from ....model.dates import MONTH_ABBR, MONTH_NAMES
from .scale import FIRST_DAY, LAST_DAY, IntArray, TimeScale

__all__ = ["AxisTicks", "Tick", "TickStep", "choose_ticks", "count_periods"]

_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


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
    TickStep("year", 2000, "millennia", 730500),  # the whole calendar in a narrow view
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


@cache
def _month_starts() -> IntArray:
    """Ordinal of the first day of every month from January 0001 to December 9999 (entry
    ``year * 12 + month - 13``), built once: the month and year ticks are slices of it."""
    months = np.arange(np.datetime64("0001-01"), np.datetime64("9999-12") + 1)
    epoch = dt.date(1970, 1, 1).toordinal()
    starts: IntArray = months.astype("datetime64[D]").astype(np.int64) + epoch
    return starts


@lru_cache(maxsize=20_000)  # panning asks for the same days again
def _tick_formats(unit: str, count: int, day: int) -> tuple[str, ...]:
    """Labels for one tick, longest first; the caller keeps the longest that fits everywhere."""
    date = dt.date.fromordinal(day)
    if unit == "day":
        return (f"{_WEEKDAYS[date.weekday()]} {date.day}", f"{date.day}")
    if unit == "week":
        return (f"{date.day} {MONTH_ABBR[date.month - 1]}", f"{date.day}")
    if unit == "month":
        if count == 3:
            return (f"Q{(date.month - 1) // 3 + 1}",)
        if count == 6:
            return (f"H{(date.month - 1) // 6 + 1}",)
        return (MONTH_NAMES[date.month - 1], MONTH_ABBR[date.month - 1])
    if count == 10:
        return (f"{date.year}s", f"{date.year}")
    return (f"{date.year}",)


def _cached_formats(step: TickStep, days: list[int]) -> list[tuple[str, ...]]:
    """``_tick_formats`` of each day."""
    unit, count = step.unit, step.count
    return [_tick_formats(unit, count, day) for day in days]


@lru_cache(maxsize=20_000)  # the same months and years, frame after frame
def _context_formats(unit: str, day: int) -> tuple[str, ...]:
    date = dt.date.fromordinal(day)
    if unit == "month":
        return (
            f"{MONTH_NAMES[date.month - 1]} {date.year}",
            f"{MONTH_ABBR[date.month - 1]} {date.year}",
            f"{MONTH_ABBR[date.month - 1]} ’{date.year % 100:02d}",
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
    label_right: float | None = None,
    context_width: Callable[[str], float] | None = None,
) -> AxisTicks:
    """The finest tick step whose labels fit side by side without overlapping.

    Labels sit just right of their tick (``pad``), so "Dec" reads as the month that starts
    there. A step is accepted when every label plus ``gap`` ends before the next tick and the
    ticks are at least ``min_spacing`` apart; a label that would cross ``label_right`` (the
    scale's right end by default; the frame passes its own, past the plot's margin) is
    dropped, its tick kept. The context row ("2026" under "Q1") is measured by
    ``context_width`` (``text_width`` by default), the font it is drawn in.
    """
    px_per_day = scale.px_per_day
    right = scale.left + scale.width if label_right is None else label_right
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
    context, context_lines = _context_row(scale, step, context_width or text_width, gap, pad,
                                          days, right)
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
    pad: float, tick_days: Sequence[int], right: float,
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

