"""The view that fits the events, and an export's height: the window's level of detail."""

from __future__ import annotations

import datetime as dt
import math

from PySide6.QtCore import QRectF

from ...theme import Theme
from .data import MIN_FIT_DAYS, TimelineData
from .frame import band_actors, layout_frame, plot_span
from .lod import Lod
from .parts import Frame
from .scale import TimeScale
from .style import timeline_style
from .view import TimelineView

__all__ = ["EXPORT_LANES", "MIN_FIT_DAYS", "fit_view", "plot_scale", "timeline_height"]

# An export's timeline has the lanes below the count chips that the window's has at
# 1920×1080 (its default share of the height): the level of detail, labels or density,
# follows from them and the width, as in the window.
EXPORT_LANES = 7
_DENSITY_LANES = 6  # the histogram's height, in lanes


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
    """Height of an exported timeline ``width`` px wide: the level of detail the window
    shows at that width and range (a timeline ``EXPORT_LANES`` lanes tall, as the window's
    at 1920×1080), no taller than its lanes need. An export of 288 votes drew 24 lanes of
    fragments where the window showed their density (issue 13): a PNG shows what the
    window showed."""
    style = timeline_style(theme)
    bands = len(band_actors(data, view))

    def height(lanes: list[int], chips: bool = True) -> int:
        plot = sum((style.overflow_h if chips else 0) + n * style.lane_h for n in lanes)
        return math.ceil(style.header_h + plot + style.axis_h)

    def frame(tall: int) -> Frame:
        return layout_frame(QRectF(0, 0, width, tall), data, view, style)

    window_height = height([EXPORT_LANES] * bands)
    window = frame(window_height)
    if window.lod is Lod.DENSITY:
        return height([_DENSITY_LANES] * bands)
    lanes = [min(max(band.lanes_used, 2), EXPORT_LANES) for band in window.bands]
    # With nothing to count, the chips' row is a lane (as in the window); fewer lanes
    # than the window's must not change what is drawn.
    for fitted in (height(lanes, chips=False), height(lanes)):
        if fitted >= window_height or _drawn(frame(fitted)) == _drawn(window):
            return min(fitted, window_height)
    return window_height


def _drawn(frame: Frame) -> tuple[Lod, int, int]:
    """What a frame shows, in counts: its level of detail, items and chips."""
    return (frame.lod, sum(len(b.items) for b in frame.bands),
            sum(len(b.chips) for b in frame.bands))
