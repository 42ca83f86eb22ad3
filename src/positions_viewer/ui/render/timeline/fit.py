"""The view that fits the events, and the height that gives every label a lane (export)."""

from __future__ import annotations

import datetime as dt
import math

from PySide6.QtCore import QRectF

from ...theme import Theme
from .data import MIN_FIT_DAYS, TimelineData
from .frame import layout_frame, plot_span
from .lod import Lod
from .scale import TimeScale
from .style import timeline_style
from .view import TimelineView

__all__ = ["MIN_FIT_DAYS", "fit_view", "plot_scale", "timeline_height"]

_HEIGHT_LANE_CAP = 24  # an export never grows past this many lanes per band


def plot_scale(rect: QRectF, data: TimelineData, view: TimelineView, theme: Theme) -> TimeScale:
    """The time scale :func:`paint_timeline` uses in ``rect``: for zooming before a paint."""
    left, width = plot_span(rect, data, view, timeline_style(theme))
    return TimeScale(view.start, view.end, left, width)


def fit_view(
    data: TimelineData, width: float, theme: Theme, view: TimelineView | None = None
) -> TimelineView:
    """``view`` (or a new one) showing every shown event at ``width``, with a margin, and
    at least ``MIN_FIT_DAYS`` centred on them (the as-of line shows when it falls in that
    range; without events, the filter's range, the as-of date and the file: ``data.span``)."""
    style = timeline_style(theme)
    plot_width = plot_span(QRectF(0, 0, width, 1), data, view or TimelineView(0, 1), style)[1]
    span = data.span()
    if span is None:
        today = float(dt.date.today().toordinal())
        span = (today - 180, today + 1)
    if span[1] - span[0] < MIN_FIT_DAYS:
        centre = (span[0] + span[1]) / 2
        span = (centre - MIN_FIT_DAYS / 2, centre + MIN_FIT_DAYS / 2)
    scale = TimeScale(span[0], span[1], 0.0, plot_width).fitted(
        span[0], span[1], max(style.side, plot_width * 0.03)
    )
    if view is None:
        return TimelineView(scale.start, scale.end)
    view.start, view.end = scale.start, scale.end
    return view


def timeline_height(data: TimelineData, view: TimelineView, width: int, theme: Theme) -> int:
    """Height that gives every label a lane at ``width`` (up to a cap), for export."""
    style = timeline_style(theme)
    tall = QRectF(0, 0, width, 10_000)
    frame = layout_frame(tall, data, view, style, lanes_per_band=_HEIGHT_LANE_CAP)
    plot = 0.0
    for band in frame.bands:
        lanes = 6 if frame.lod is Lod.DENSITY else min(max(band.lanes_used, 2),
                                                       _HEIGHT_LANE_CAP)
        plot += style.overflow_h + lanes * style.lane_h
    return math.ceil(style.header_h + plot + style.axis_h)
