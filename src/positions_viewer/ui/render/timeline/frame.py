"""One frame of the timeline laid out, not drawn: where every band, mark, label and chip goes.

:func:`layout_frame` culls by binary search, decides the level of detail and then either
stacks the visible items into lanes (labels) or counts them per pixel column and per
calendar period (density). Painting (``paint.py``) only draws what this module placed, and
writes nothing back.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor

from .cluster import cluster_overflow
from .data import NO_ACTOR, TimelineData
from .labels import label_text
from .lod import (
    Lod,
    choose_lod,
    column_density,
    compact_count,
    overlap_counts,
    visible_count,
    visible_range,
)
from .scale import FIRST_DAY, LAST_DAY, FloatArray, IntArray, TimeScale
from .stacking import (
    ItemExtents,
    LabelForm,
    Stacking,
    item_extents,
    max_overlap,
    place_labels,
    stack_lanes,
)
from .style import TimelineStyle
from .ticks import AxisTicks, choose_ticks, count_periods
from .view import TimelineView

__all__ = ["Band", "Chip", "Frame", "Item", "layout_frame"]

_EMPTY = np.zeros(0, dtype=np.int64)


@dataclass(slots=True)
class Item:
    """One labelled event as drawn."""

    row: int  # event index in the dataset
    mark: QRectF  # marker or bar
    label_x: float
    prefix: str  # an approximate date, drawn muted before the title
    title: str  # already cut to fit, "" when there is no room
    bounds: QRectF  # mark and label: what hover, selection and highlight cover
    colors: tuple[QColor, ...]
    is_point: bool
    soft: tuple[float, float]  # fade-in and fade-out widths as fractions; (0, 0) when exact


@dataclass(slots=True)
class Chip:
    """A count of events on a small pill: a cluster, or a period in density mode."""

    rect: QRectF
    text: str
    first: float  # days the chip stands for: a click zooms there
    last: float
    count: int
    rows: tuple[int, ...] = ()  # the events counted (for a cluster; none for a period)


@dataclass(slots=True)
class Band:
    """A horizontal strip of lanes: the whole plot, or one actor's with lanes per actor."""

    rect: QRectF
    lanes: int  # below the row kept for count chips
    actor: int | None  # None: the single band of all events
    starts: IntArray  # the band's events, sorted by start
    stops: IntArray
    sorted_stops: IntArray
    positions: IntArray | None  # into the data's arrays; None: all of them
    visible: IntArray = field(default_factory=lambda: _EMPTY)  # into this band's arrays
    items: list[Item] = field(default_factory=list)
    chips: list[Chip] = field(default_factory=list)
    lanes_used: int = 0
    density: IntArray | None = None  # events per device column, in density mode
    density_rect: QRectF | None = None  # where the density histogram goes
    max_lanes: int = 0  # with the chips' row too, used when nothing is left to count

    def data_positions(self, local: IntArray) -> IntArray:
        return local if self.positions is None else self.positions[local]


@dataclass(slots=True)
class Frame:
    rect: QRectF
    header: QRectF
    plot: QRectF
    axis: QRectF
    scale: TimeScale
    ticks: AxisTicks
    bands: list[Band]
    lod: Lod
    visible_count: int


def layout_frame(
    rect: QRectF, data: TimelineData, view: TimelineView, style: TimelineStyle,
    lanes_per_band: int | None = None, device_scale: float = 1.0,
) -> Frame:
    """The frame of ``data`` seen through ``view`` in ``rect`` (logical pixels), within the
    calendar (a view reaching past it is moved inside, its span kept). A band
    holds ``lanes_per_band`` lanes, or as many as its height allows; ``device_scale`` is
    device pixels per logical pixel, the resolution density mode counts at."""
    header = QRectF(rect.left(), rect.top(), rect.width(), style.header_h)
    axis = QRectF(rect.left(), rect.bottom() - style.axis_h, rect.width(), style.axis_h)
    plot = QRectF(
        rect.left() + style.side, header.bottom(),
        max(1.0, rect.width() - 2 * style.side), max(1.0, axis.top() - header.bottom()),
    )
    scale = TimeScale(view.start, view.end, plot.left(), plot.width())
    if view.start < FIRST_DAY or view.end > LAST_DAY:  # a page's margins past year 1 or 9999
        scale = scale.with_range(view.start, view.end)
    ticks = choose_ticks(
        scale, style.small_width, gap=style.gap, pad=style.pad, min_spacing=style.tick_spacing
    )
    bands = _bands(data, view, plot, style, lanes_per_band)
    # With lanes per actor an event shared by two actors is drawn twice: the level of detail
    # follows what is drawn, the count reported follows the events.
    drawn = sum(visible_count(b.starts, b.sorted_stops, scale.start, scale.end) for b in bands)
    visible = drawn if len(bands) == 1 else visible_count(
        data.starts, data.sorted_stops, scale.start, scale.end
    )
    lanes = sum(b.lanes for b in bands)
    lod = choose_lod(drawn, plot.width(), lanes, min_item_px=style.min_label)
    frame = Frame(rect, header, plot, axis, scale, ticks, bands, lod, visible)
    if lod is Lod.LABELS:
        # Only now are the visible events listed: in density mode nothing is per event.
        for band in bands:
            band.visible = visible_range(
                band.starts, band.stops, scale.start, scale.end, data.max_duration
            )
            _stack_band(band, data, scale, plot, style)
    else:
        _density(frame, style, device_scale)
    return frame


def _bands(
    data: TimelineData, view: TimelineView, plot: QRectF, style: TimelineStyle,
    lanes_per_band: int | None,
) -> list[Band]:
    actors: list[int | None] = [None]
    if view.actor_lanes and data.actor_columns:
        actors = list(data.actor_columns)
        if len(data.band_positions(NO_ACTOR)[0]):
            actors.append(NO_ACTOR)
    height = plot.height() / len(actors)
    bands = []
    for i, actor in enumerate(actors):
        rect = QRectF(plot.left(), plot.top() + i * height, plot.width(), height)
        lanes = lanes_per_band or max(1, int((height - style.overflow_h) // style.lane_h))
        roomy = lanes_per_band or max(lanes, int(height // style.lane_h))
        if actor is None:
            band = Band(rect, lanes, None, data.starts, data.stops, data.sorted_stops, None)
        else:
            positions, sorted_stops = data.band_positions(actor)
            band = Band(rect, lanes, actor, data.starts[positions], data.stops[positions],
                        sorted_stops, positions)
        band.max_lanes = roomy
        bands.append(band)
    return bands


def _stack_band(
    band: Band, data: TimelineData, scale: TimeScale, plot: QRectF, style: TimelineStyle
) -> None:
    """Marks in lanes, bottom lane nearest the axis, then labels where they are readable;
    what has no lane (its mark would cover others in every lane) is counted on a chip."""
    local = band.visible
    if not len(local):
        return
    positions = band.data_positions(local)
    metrics = data.label_metrics(positions, style, style.width)
    starts, stops = band.starts[local], band.stops[local]
    is_point = (metrics.fade_in == 0.0) & (metrics.fade_out == 0.0) & (starts == stops)
    ext = item_extents(
        scale.xs(starts), scale.xs(stops + 1), is_point, metrics.width,
        marker=style.marker, pad=style.pad, min_label=style.min_label,
        inside_min=style.min_label, plot_left=plot.left(), plot_right=plot.right(),
    )
    stacking = _stack(band, ext, style)
    band.lanes_used = stacking.lane_count
    placed = np.flatnonzero(stacking.lanes >= 0)
    lanes = stacking.lanes[placed]
    labels = place_labels(
        lanes, ext.mark_x0[placed], ext.mark_x1[placed], ext.right_x[placed],
        stacking.label_limit[placed], metrics.width[placed], metrics.title_width[placed],
        metrics.min_cut[placed], gap=style.gap, pad=style.pad, plot_left=plot.left(),
        plot_right=plot.right(),
    )
    lane_bottom, lane_h, bar_h, marker = band.rect.bottom(), style.lane_h, style.bar_h, style.marker
    events, colors, items = data.event_list(), data.actor_colors, band.items
    full = int(LabelForm.FULL)
    # Only the placed items (a few dozen) become objects; the rest are counted on chips.
    for row, lane, side, form, label_x0, label_x1, point, x0, x1, soft in zip(
        data.rows[positions[placed]].tolist(), lanes.tolist(), labels.side.tolist(),
        labels.form.tolist(), labels.x0.tolist(), labels.x1.tolist(),
        is_point[placed].tolist(), ext.mark_x0[placed].tolist(), ext.mark_x1[placed].tolist(),
        zip(metrics.fade_in[placed].tolist(), metrics.fade_out[placed].tolist(), strict=True),
        strict=True,
    ):
        event = events[row]
        top = lane_bottom - (lane + 1) * lane_h
        # The approximate date goes before the title only in the full form.
        prefix = event.date_label() if form == full and soft != (0.0, 0.0) else ""
        prefix, title, label_x, label_end = label_text(
            prefix, event.title, side, form, label_x0, label_x1, style)
        if point:
            mark = QRectF(x0, top + (lane_h - marker) / 2, marker, marker)
            left, right = x0, x0 + marker
        else:
            mark = QRectF(x0, top + (lane_h - bar_h) / 2, x1 - x0, bar_h)
            left, right = x0, x1
        if title:
            left, right = min(left, label_x), max(right, label_end)
        items.append(Item(
            row, mark, label_x, prefix, title,
            QRectF(left - 2, top + 1, right - left + 4, lane_h - 2),
            style.event_colors(colors, event.actors), point, soft,
        ))
    _clusters(band, data, positions, ext.mark_x0, ext.mark_x1, stacking.lanes, plot, style)


def _stack(band: Band, ext: ItemExtents, style: TimelineStyle) -> Stacking:
    """Marks first: an item needs only room for its mark (``style.pad`` from the next) to
    get a lane, and goes where its whole label fits too when some lane allows. The top row,
    kept for count chips, becomes a lane when that leaves nothing to count."""
    def stack(lanes: int) -> Stacking:
        return stack_lanes(ext.mark_x0, ext.mark_x1, ext.full_right, lanes, style.gap,
                           min_gap=style.pad, full_left=ext.left)

    if band.max_lanes > band.lanes and (
            max_overlap(ext.mark_x0, ext.mark_x1 + style.pad) <= band.max_lanes):
        roomier = stack(band.max_lanes)
        if (roomier.lanes >= 0).all():
            return roomier
    return stack(band.lanes)


def _clusters(
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


def _density(frame: Frame, style: TimelineStyle, device_scale: float) -> None:
    """Per device column counts for each band's histogram; counts per labelled period on
    chips above it (calendar periods, so the counts do not change as the view pans)."""
    plot = frame.plot
    columns = max(1, round(plot.width() * device_scale))
    chip = style.chip_width("8.8k") + 2 * style.pad + 2 * style.gap
    edges = count_periods(frame.scale, chip, frame.ticks.step)
    for band in frame.bands:
        room = max(1.0, band.rect.height() - style.overflow_h)
        # The tallest column stops short of the count chips, leaving air under them.
        band.density_rect = QRectF(plot.left(), band.rect.bottom() - room * 0.88, plot.width(),
                                   room * 0.88)
        band.density = column_density(band.starts, band.sorted_stops, frame.scale, columns)
        counts = overlap_counts(band.starts, band.sorted_stops, edges)
        _period_chips(band, frame, edges, counts.tolist(), style)


def _period_chips(
    band: Band, frame: Frame, edges: list[float], counts: list[int], style: TimelineStyle
) -> None:
    """The clusters of density mode: how many events each labelled period holds."""
    plot = frame.plot
    top = band.rect.top() + (style.overflow_h - style.chip_h) / 2
    previous_right = -math.inf
    for first, last, count in zip(edges, edges[1:], counts, strict=False):
        if count <= 0:
            continue
        x0 = max(frame.scale.x(first), plot.left())
        x1 = min(frame.scale.x(last), plot.right())
        text = compact_count(count)
        width = style.chip_width(text) + 2 * style.pad
        x = (x0 + x1 - width) / 2
        if width > x1 - x0 - 2 or x < previous_right + style.pad:
            continue
        band.chips.append(Chip(QRectF(x, top, width, style.chip_h), text, first, last, count))
        previous_right = x + width
