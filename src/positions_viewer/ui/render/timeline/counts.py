"""What a frame counts instead of drawing: "+n" chips for marks that cannot be told apart,
and density mode's events per pixel column and per calendar period."""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QRectF

from .cluster import cluster_overflow
from .data import TimelineData
from .lod import column_density, compact_count
from .parts import Band, Chip, Frame
from .scale import FloatArray, IntArray
from .style import TimelineStyle
from .ticks import count_periods

__all__ = ["cluster_chips", "density_counts"]


def cluster_chips(
    band: Band, data: TimelineData, positions: IntArray, mark_x0: FloatArray,
    mark_x1: FloatArray, lanes: IntArray, plot: QRectF, style: TimelineStyle,
) -> None:
    """The "+n" chips. A chip stands for its events and for the drawn ones their marks
    cover: a click zooms to all of them, where they can be told apart."""
    overflow = np.flatnonzero(lanes < 0)
    if not len(overflow):
        return
    placed = np.flatnonzero(lanes >= 0)
    merge = style.chip_width("+999") + 2 * style.pad + style.gap
    for cluster in cluster_overflow(mark_x0, mark_x1, overflow, merge):
        members = list(cluster.members)
        covered = placed[(mark_x0[placed] <= cluster.x1 + style.pad)
                         & (mark_x1[placed] >= cluster.x0 - style.pad)]
        shown = positions[np.concatenate([np.asarray(members, dtype=np.int64), covered])]
        text = f"+{cluster.count}"
        width = style.chip_width(text) + 2 * style.pad
        x = min(max(cluster.x0, plot.left()), plot.right() - width)
        chip = QRectF(x, band.rect.top() + (style.overflow_h - style.chip_h) / 2, width,
                      style.chip_h)
        first = float(data.starts[shown].min())
        last = float(data.stops[shown].max() + 1)
        rows = tuple(data.rows[positions[members]].tolist())
        band.chips.append(Chip(chip, text, first, last, cluster.count, rows))


def density_counts(frame: Frame, style: TimelineStyle, device_scale: float) -> None:
    """Per device column counts for each band's histogram; counts per labelled period on
    chips above it (calendar periods, so the counts do not change as the view pans)."""
    plot = frame.plot
    columns = max(1, round(plot.width() * device_scale))
    chip = style.chip_width("8.8k") + 2 * style.pad + 2 * style.gap
    edges = count_periods(frame.scale, chip, frame.ticks.step)
    bounds = np.asarray(edges, dtype=np.float64)
    ceilings, floors = np.ceil(bounds).astype(np.int64), np.floor(bounds - 1).astype(np.int64)
    for band in frame.bands:
        room = max(1.0, band.rect.height() - style.overflow_h)
        # The tallest column stops short of the count chips, leaving air under them.
        band.density_rect = QRectF(plot.left(), band.rect.bottom() - room * 0.88, plot.width(),
                                   room * 0.88)
        band.density = column_density(band.starts, band.sorted_stops, frame.scale, columns)
        # As ``overlap_counts``, keeping how many started before each edge: the first and
        # last start in each period, where its chip goes.
        started = np.searchsorted(band.starts, ceilings, side="left")
        finished = np.searchsorted(band.sorted_stops, floors[:-1], side="right")
        _period_chips(band, frame, edges, started, started[1:] - finished, style)


def _period_chips(
    band: Band, frame: Frame, edges: list[float], started: IntArray, counts: IntArray,
    style: TimelineStyle,
) -> None:
    """The clusters of density mode: how many events each labelled period holds, on a
    chip centred over the events that start in it (a half-year's "29" sat on its
    gridline, 25 px from December's bars, issue 13), within the plot; over the period's
    middle when only events begun before it run through it. A chip that would touch the
    previous one moves right, by at most half its width, or is left out."""
    plot = frame.plot
    left, right = plot.left(), plot.right()
    top = band.rect.top() + (style.overflow_h - style.chip_h) / 2
    xs = np.clip(frame.scale.xs(edges), left, right).tolist()
    first, last = started[:-1], started[1:] - 1  # the starts within each period
    inside = first <= last
    days = band.starts[np.minimum(first, len(band.starts) - 1)] + band.starts[
        np.maximum(last, 0)] + 1 if len(band.starts) else np.zeros(len(first))
    centres = np.where(inside, frame.scale.xs(days / 2), -math.inf).tolist()
    previous_right = -math.inf
    for i, count in enumerate(counts.tolist()):
        if count <= 0:
            continue
        x0, x1 = xs[i], xs[i + 1]
        text = compact_count(count)
        width = style.chip_width(text) + 2 * style.pad
        mid = centres[i] if centres[i] > -math.inf else (x0 + x1) / 2
        centred = min(max(mid - width / 2, left), right - width)
        x = max(centred, previous_right + style.pad)
        if width > x1 - x0 - 2 or x - centred > width / 2:
            continue
        band.chips.append(Chip(QRectF(x, top, width, style.chip_h), text, edges[i],
                               edges[i + 1], count))
        previous_right = x + width
