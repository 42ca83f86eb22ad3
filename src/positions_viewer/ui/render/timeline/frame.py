"""One frame of the timeline laid out, not drawn: where every band, mark, label and chip goes.

:func:`layout_frame` culls by binary search, decides the level of detail and then either
stacks the visible items into lanes (labels) or counts them per pixel column and per
calendar period (density). Painting (``paint.py``) only draws what this module placed, and
writes nothing back.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF

from .counts import cluster_chips, density_counts
from .data import NO_ACTOR, TimelineData
from .labels import label_text
from .lod import (
    Lod,
    choose_lod,
    visible_count,
    visible_range,
)
from .parts import Band, Frame, Item
from .scale import FIRST_DAY, LAST_DAY, TimeScale
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
from .ticks import choose_ticks
from .view import TimelineView

__all__ = ["layout_frame"]


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
        density_counts(frame, style, device_scale)
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
            prefix, event.label, side, form, label_x0, label_x1, style)
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
    cluster_chips(band, data, positions, ext.mark_x0, ext.mark_x1, stacking.lanes, plot, style)


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
