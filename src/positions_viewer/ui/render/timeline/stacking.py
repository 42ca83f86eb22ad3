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
from enum import IntEnum

import numpy as np

from .scale import BoolArray, FloatArray, IntArray

__all__ = [
    "MIN_LABEL_CHARS", "ItemExtents", "LabelForm", "LabelPlacement", "LabelSide", "Stacking",
    "item_extents", "max_overlap", "place_labels", "readable_length", "stack_lanes",
]


@dataclass(frozen=True, slots=True)
class ItemExtents:
    """Horizontal geometry of labelled items, in pixels (arrays aligned with the input)."""

    mark_x0: FloatArray  # marker or bar
    mark_x1: FloatArray
    label_x: FloatArray  # where the whole label starts: inside its bar, after or before it
    flipped: BoolArray  # label drawn left of the mark
    left: FloatArray  # what the item occupies in its lane
    min_right: FloatArray  # right end with the label cut to ``min_label`` px
    full_right: FloatArray  # right end with the whole label
    right_x: FloatArray  # where a label beside the mark, on its right, starts
    inside_x0: FloatArray  # the room inside a wide bar for its label; x1 < x0: none
    inside_x1: FloatArray


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
    title_width: FloatArray | None = None,
) -> ItemExtents:
    """Where each mark and its label go.

    A point gets a round marker of diameter ``marker`` centred on its day with the label to
    its right. A bar at least ``inside_min`` px wide on screen has room for a label inside,
    from its visible left end (so a bar that began off screen keeps its label in view) to
    its visible right end; its label goes there when the title (``title_width``, the whole
    label by default) fits whole, and never runs past the bar (issue 13). Any other label
    goes beside the mark: after it, or before it when it would cross the right edge and
    fits whole on the left.
    """
    titles = label_width if title_width is None else title_width
    half = marker / 2
    centre = (x0 + x1) / 2
    mark_x0 = np.where(is_point, centre - half, x0)
    mark_x1 = np.where(is_point, centre + half, np.maximum(x1, x0 + 3.0))
    visible_x0 = np.maximum(mark_x0, plot_left)
    visible_x1 = np.minimum(mark_x1, plot_right)
    wide = ~is_point & (visible_x1 - visible_x0 >= inside_min)
    inside_x0 = np.where(wide, visible_x0 + pad, 0.0)
    inside_x1 = np.where(wide, visible_x1 - pad, -1.0)
    inside = wide & (inside_x0 + titles <= inside_x1)
    right_x = mark_x1 + pad
    label_x = np.where(inside, inside_x0, right_x)
    full_right = np.where(inside, mark_x1, np.maximum(mark_x1, right_x + label_width))
    flipped = (
        ~inside
        & (full_right > plot_right)
        & (mark_x0 - pad - label_width >= plot_left)
    )
    label_x = np.where(flipped, mark_x0 - pad - label_width, label_x)
    left = np.where(flipped, label_x, mark_x0)
    full_right = np.where(flipped, mark_x1, full_right)
    # A wide bar's label can always be cut inside it: the bar is its minimum.
    min_right = np.where(
        flipped | wide, mark_x1,
        np.maximum(mark_x1, label_x + np.minimum(label_width, min_label)),
    )
    return ItemExtents(mark_x0, mark_x1, label_x, flipped, left, min_right, full_right,
                       right_x, inside_x0, inside_x1)


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
    min_gap: float | None = None,
    full_left: Sequence[float] | FloatArray | None = None,
) -> Stacking:
    """Greedy interval packing, left to right, so that no two items' extents overlap.

    An item goes to the first lane where it fits with every label whole. When none is free,
    it goes where it fits by cutting the previous label to no less than its minimum (the
    lane with the most room), ``min_gap`` (``gap`` by default) after that minimum; when even
    that fails it is left out (lane -1) for a cluster. With ``min_right`` at the end of each
    mark, marks come first: an item is left out only where every lane has a mark in its way.
    ``full_left`` (``left`` by default, never right of it) is where the item starts with its
    whole label, for a label that goes left of its mark.
    """
    mark_gap = gap if min_gap is None else min_gap
    lefts = np.asarray(left, dtype=np.float64)
    n = len(lefts)
    lanes = np.full(n, -1, dtype=np.int64)
    limit = np.full(n, np.inf)
    xs = lefts.tolist()
    full_xs = xs if full_left is None else np.asarray(full_left, dtype=np.float64).tolist()
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
            lowest = min(lowest_min + mark_gap, lowest_full + gap)
            if lowest > x:
                p = bisect.bisect_left(ordered_xs, lowest, p)
                continue
        chosen = -1
        whole_x = full_xs[i]
        if used < max_lanes or lowest_full + gap <= whole_x:
            for lane in range(min(used + 1, max_lanes)):
                if lane_full[lane] + gap <= whole_x:
                    chosen = lane
                    break
        if chosen < 0:
            best = -math.inf
            for lane in range(used):
                if lane_min[lane] + mark_gap <= x and x - lane_full[lane] > best:
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


def max_overlap(starts: FloatArray, ends: FloatArray) -> int:
    """The most intervals ``[start, end)`` that share a point: as many lanes as those items
    need at least, each in its own."""
    if not len(starts):
        return 0
    ordered = np.sort(starts)
    ended = np.searchsorted(np.sort(ends), ordered, side="right")
    return int((np.arange(1, len(ordered) + 1) - ended).max())


# A cut label keeps at least this many characters of its title, and half of a longer one
# up to ``_MAX_REQUIRED``: "Severe d…" or "R/48/1…" tell a reader nothing.
MIN_LABEL_CHARS = 12
_MAX_REQUIRED = 24


def readable_length(title_length: int) -> int:
    """How many characters of a title of ``title_length`` a cut label must keep; a title
    that long or shorter is drawn whole or not at all."""
    return max(MIN_LABEL_CHARS, min(math.ceil(title_length / 2), _MAX_REQUIRED))


class LabelSide(IntEnum):
    """Where an item's label goes, and in what form."""

    NONE = 0  # no room for a readable label: the mark alone (the tooltip says the rest)
    RIGHT = 1  # after the mark, starting ``pad`` after it
    LEFT = 2  # before the mark, ending ``pad`` before it
    INSIDE = 3  # inside a wide bar, from its visible left end, never past its end


class LabelForm(IntEnum):
    FULL = 0  # an approximate date's prefix and the title, whole
    TITLE = 1  # the title whole, without the prefix
    CUT = 2  # the title cut by whole words to the room, keeping its readable minimum


@dataclass(frozen=True, slots=True)
class LabelPlacement:
    """Per item: the side, the form, and the room ``[x0, x1]`` the label is drawn in (a
    whole label fills it from ``x0``; a cut label is fitted into it, against the mark)."""

    side: IntArray
    form: IntArray
    x0: FloatArray
    x1: FloatArray


def place_labels(
    lanes: IntArray,
    mark_x0: FloatArray,
    mark_x1: FloatArray,
    right_x: FloatArray,
    limit: FloatArray,
    full_width: FloatArray,
    title_width: FloatArray,
    min_cut: FloatArray,
    *,
    gap: float,
    pad: float,
    plot_left: float,
    plot_right: float,
    inside_x0: FloatArray | None = None,
    inside_x1: FloatArray | None = None,
) -> LabelPlacement:
    """Labels a reader can use (issue 13), once the marks have their lanes.

    A label is either wholly inside its bar or wholly beside its mark, never across a
    bar's end. It is drawn whole where there is room: inside a wide bar (``inside_x0`` to
    ``inside_x1``; none when not given), else beside the mark on its right (from
    ``right_x``) up to the next mark in its lane (``limit``), else on the free side, left
    of the mark after whatever precedes it in the lane; in each place with the approximate
    date before the title when that fits too, else the title alone. Where no place has
    room for the title, it is cut by whole words to the largest room (inside the bar on a
    tie) if that keeps its readable minimum (``min_cut`` px, ``inf`` for a title that may
    not be cut); otherwise the mark stands alone. Items left out of the lanes (lane -1)
    get no label.
    """
    n = len(lanes)
    sides, forms, starts, ends = [0] * n, [0] * n, [0.0] * n, [0.0] * n
    order = np.lexsort((mark_x0, lanes)).tolist()  # lane by lane, left to right
    lane_list, m0, m1 = lanes.tolist(), mark_x0.tolist(), mark_x1.tolist()
    rx, lim = right_x.tolist(), limit.tolist()
    in0 = inside_x0.tolist() if inside_x0 is not None else [0.0] * n
    in1 = inside_x1.tolist() if inside_x1 is not None else [-1.0] * n
    full, title, cut = full_width.tolist(), title_width.tolist(), min_cut.tolist()
    none, right, left = int(LabelSide.NONE), int(LabelSide.RIGHT), int(LabelSide.LEFT)
    inside, whole, bare = int(LabelSide.INSIDE), int(LabelForm.FULL), int(LabelForm.TITLE)
    cut_form = int(LabelForm.CUT)
    lane, previous_end = -1, -math.inf
    # Written out rather than looped over places and forms: a frame places every item.
    for i in order:
        if lane_list[i] < 0:
            continue
        if lane_list[i] != lane:
            lane, previous_end = lane_list[i], -math.inf
        with_date, alone, stop = full[i], title[i], lim[i]
        side, form, x0, x1 = none, 0, 0.0, 0.0
        in_start, in_end = in0[i], min(in1[i], stop)  # inside the bar
        if in_start + with_date <= in_end:
            side, form, x0, x1 = inside, whole, in_start, in_start + with_date
        elif in_start + alone <= in_end:
            side, form, x0, x1 = inside, bare, in_start, in_start + alone
        else:
            r_start, r_end = rx[i], min(stop, plot_right)  # beside, on the right
            l_start, l_end = max(previous_end + gap, plot_left), m0[i] - pad  # on the left
            if r_start + with_date <= r_end:
                side, form, x0, x1 = right, whole, r_start, r_start + with_date
            elif r_start + alone <= r_end:
                side, form, x0, x1 = right, bare, r_start, r_start + alone
            elif l_end - with_date >= l_start:
                side, form, x0, x1 = left, whole, l_end - with_date, l_end
            elif l_end - alone >= l_start:
                side, form, x0, x1 = left, bare, l_end - alone, l_end
            else:  # cut to the largest room, inside the bar on a tie, then on the right
                room, side, x0, x1 = in_end - in_start, inside, in_start, in_end
                if r_end - r_start > room:
                    room, side, x0, x1 = r_end - r_start, right, r_start, r_end
                if l_end - l_start > room:
                    room, side, x0, x1 = l_end - l_start, left, l_start, l_end
                if room >= cut[i]:
                    form = cut_form
                else:
                    side = none
        sides[i], forms[i], starts[i], ends[i] = side, form, x0, x1
        previous_end = max(m1[i], x1) if side == right else m1[i]
    return LabelPlacement(
        np.array(sides, dtype=np.int64), np.array(forms, dtype=np.int64),
        np.array(starts, dtype=np.float64), np.array(ends, dtype=np.float64),
    )
