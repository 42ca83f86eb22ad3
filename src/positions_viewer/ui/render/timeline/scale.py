"""Time ↔ pixels: the timeline's scale, free of Qt (an import-linter contract proves it).

Time is measured in ordinal days (``date.toordinal()``) as floats: day ``d`` covers
``[d, d + 1)``, so an inclusive ``stop`` ends at ``stop + 1``. Every date a scale can show
lies in ``[FIRST_DAY, LAST_DAY)``, 1 January 0001 to the end of 31 December 9999, the dates
Python (and the data file, DESIGN §1) can hold.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

__all__ = [
    "FIRST_DAY", "LAST_DAY", "MAX_SPAN_DAYS", "MIN_SPAN_DAYS", "BoolArray", "FloatArray",
    "IntArray", "TimeScale", "brush_days",
]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

FIRST_DAY = float(dt.date.min.toordinal())  # 1 Jan 0001
LAST_DAY = float(dt.date.max.toordinal() + 1)  # exclusive: the end of 31 Dec 9999
MIN_SPAN_DAYS = 3.0
# Fit shows every event whatever the span (issue 12): zooming out stops at the whole calendar.
MAX_SPAN_DAYS = LAST_DAY - FIRST_DAY


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
        span = min(self.span, MAX_SPAN_DAYS)
        start = min(max(self.start - dx * span / self.width, FIRST_DAY), LAST_DAY - span)
        return TimeScale(start, start + span, self.left, self.width)

    def fitted(self, first: float, last: float, padding_px: float) -> TimeScale:
        """Shows days ``[first, last)`` with ``padding_px`` free on each side."""
        usable = max(self.width - 2 * padding_px, self.width * 0.5)
        span = max(last - first, 0.0) * self.width / usable
        centre = (first + last) / 2
        return self.with_range(centre - span / 2, centre + span / 2)


def brush_days(a: float, b: float) -> tuple[int, int]:
    """The whole days a brush from ``a`` to ``b`` touches: ``(first, last)``, inclusive
    ordinals, within the calendar however far past either end the pointer went."""
    lo = min(max(min(a, b), FIRST_DAY), LAST_DAY - 1)
    hi = min(max(max(a, b), FIRST_DAY + 1), LAST_DAY)
    first = math.floor(lo)
    return first, max(first, math.ceil(hi) - 1)

