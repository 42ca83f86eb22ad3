"""Where each event's mark and label go, and the lanes that keep them apart, free of Qt.

Pixels in, pixels out: the frame (``frame.py``) measures the labels and turns the result
into rectangles. Every per-event computation is a numpy expression over the visible slice;
the one Python loop places items lane by lane.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .scale import BoolArray, FloatArray, IntArray

__all__ = ["ItemExtents", "Stacking", "item_extents", "stack_lanes"]


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
