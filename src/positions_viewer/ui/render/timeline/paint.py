"""Paints the timeline onto any QPainter: the window, presenter mode and export share it.

:func:`paint_timeline` reads like a table of contents: lay the frame out, then draw it,
back to front. The maths lives in the Qt-free modules (``scale``, ``ticks``, ``stacking``,
``cluster``, ``lod``), the geometry of a frame in ``frame.py``, the events' drawing in
``marks.py`` and the pixel-exact shortcuts in ``raster.py``.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPen

from positions_viewer.model import PartialDate

from ...theme import Theme
from ..text_layout import elide
from .data import NO_ACTOR, TimelineData
from .frame import band_title, layout_frame
from .hit import TimelineHitMap, hit_map
from .lod import Lod
from .marks import draw_chips, draw_density, draw_items
from .parts import Frame
from .primitives import crisp, device_scale, draw_static, vlines
from .scale import brush_days
from .style import TimelineStyle, timeline_style, with_alpha
from .view import TimelineView

__all__ = ["paint_timeline"]


def paint_timeline(
    painter: QPainter, rect: QRectF, data: TimelineData, view: TimelineView, theme: Theme,
    interactive: bool = True,
) -> TimelineHitMap:
    """Draws the timeline into ``rect``; returns where things went, for hit-testing.
    ``interactive`` is False for a picture (export, presenter): nothing there says "zoom in",
    which its reader cannot do."""
    style = timeline_style(theme)
    frame = layout_frame(rect, data, view, style, device_scale=device_scale(painter))
    painter.save()
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        painter.setClipRect(rect)
        draw_background(painter, frame, style)
        draw_grid(painter, frame, style)
        draw_filter_range(painter, frame, data, style)
        draw_as_of_line(painter, frame, data, style)
        if frame.lod is Lod.LABELS:
            draw_items(painter, frame, view, style)
        else:
            draw_density(painter, frame, data, view, style)
        draw_chips(painter, frame, style)
        draw_band_titles(painter, frame, data, style)
        draw_axis(painter, frame, data, style)
        draw_as_of_label(painter, frame, data, style)
        draw_brush(painter, frame, view, style)
        draw_status(painter, frame, data, style, interactive)
    finally:
        painter.restore()
    return hit_map(frame)


def draw_background(painter: QPainter, frame: Frame, style: TimelineStyle) -> None:
    painter.fillRect(frame.rect, style.surface)


def draw_grid(painter: QPainter, frame: Frame, style: TimelineStyle) -> None:
    """Faint verticals at labelled ticks, stronger at month or year boundaries."""
    top, bottom = frame.plot.top(), frame.axis.top()
    vlines(painter, ([t.x for t in frame.ticks.major], top, bottom, style.grid),
            (frame.ticks.context_lines, top, bottom, style.border))



def draw_filter_range(
    painter: QPainter, frame: Frame, data: TimelineData, style: TimelineStyle
) -> None:
    """Shades what lies outside the date filter: events there are not shown."""
    plot, scale = frame.plot, frame.scale
    area = QRectF(frame.rect.left(), plot.top(), frame.rect.width(), plot.height())
    if data.date_from is not None:
        x = scale.x(data.date_from.start)
        if x > area.left():
            painter.fillRect(QRectF(area.left(), area.top(), x - area.left(), area.height()),
                             style.outside)
    if data.date_to is not None:
        x = scale.x(data.date_to.stop + 1)
        if x < area.right():
            painter.fillRect(QRectF(x, area.top(), area.right() - x, area.height()),
                             style.outside)



def draw_band_titles(
    painter: QPainter, frame: Frame, data: TimelineData, style: TimelineStyle
) -> None:
    """Lanes per actor: a separator between bands, and each actor's name in the gutter left
    of the plot, level with the band's top lane (nothing of the plot goes under it)."""
    if len(frame.bands) < 2 or data.dataset is None:
        return
    painter.setFont(style.context_font)
    left = frame.rect.left() + style.pad
    room = frame.plot.left() - left - style.pad
    for i, band in enumerate(frame.bands):
        if i:
            painter.setPen(QPen(style.border, 1))
            y = crisp(band.rect.top())
            painter.drawLine(QPointF(frame.rect.left(), y), QPointF(frame.rect.right(), y))
        actor = band.actor if band.actor is not None else NO_ACTOR
        name = elide(band_title(data, actor), style.context_font, room)
        color = style.mark_color(data.actor_colors[actor]) if actor >= 0 else style.muted
        box = QRectF(left, band.rect.top(), room, min(band.rect.height(), style.lane_h))
        painter.setPen(color)
        painter.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, name)


def draw_axis(painter: QPainter, frame: Frame, data: TimelineData, style: TimelineStyle) -> None:
    ticks = frame.ticks
    y = crisp(frame.axis.top())
    painter.setPen(QPen(style.axis, 1))
    painter.drawLine(QPointF(frame.rect.left(), y), QPointF(frame.rect.right(), y))
    _draw_filter_on_axis(painter, frame, data, style)
    row1 = y + style.tick_len + style.pad
    row2 = row1 + style.small_fm.height() + style.pad
    vlines(painter, ([t.x for t in ticks.major], y, y + style.tick_len, style.axis),
            (ticks.minor, y, y + style.tick_len / 2, style.muted),
            (ticks.context_lines, y, row2 + style.context_fm.height(), style.border))
    painter.setFont(style.small)
    painter.setPen(style.axis)
    for tick in ticks.major:
        if tick.label:
            draw_static(painter, style, "small", tick.label_x, row1, tick.label)
    painter.setFont(style.context_font)
    painter.setPen(style.text)
    for tick in ticks.context:
        draw_static(painter, style, "context", tick.label_x, row2, tick.label)


def _draw_filter_on_axis(
    painter: QPainter, frame: Frame, data: TimelineData, style: TimelineStyle
) -> None:
    """The date filter as a thick accent segment on the axis line: brushing's result."""
    if data.date_from is None and data.date_to is None:
        return
    scale, plot = frame.scale, frame.plot
    x0 = scale.x(data.date_from.start) if data.date_from else plot.left()
    x1 = scale.x(data.date_to.stop + 1) if data.date_to else plot.right()
    x0, x1 = max(x0, frame.rect.left()), min(x1, frame.rect.right())
    if x1 > x0:
        painter.fillRect(QRectF(x0, frame.axis.top() - 1, x1 - x0, 3), style.accent)


def _as_of_x(frame: Frame, data: TimelineData) -> float | None:
    """The end of the as-of day: everything dated on it counts as known."""
    return None if data.as_of is None else frame.scale.x(data.as_of.stop + 1)


def draw_as_of_line(
    painter: QPainter, frame: Frame, data: TimelineData, style: TimelineStyle
) -> None:
    x = _as_of_x(frame, data)
    if x is not None and frame.plot.left() - 0.5 <= x <= frame.plot.right() + 0.5:
        painter.setPen(QPen(style.as_of, 2))
        painter.drawLine(QPointF(x, frame.header.bottom() - style.pad),
                         QPointF(x, frame.axis.top()))


def draw_as_of_label(
    painter: QPainter, frame: Frame, data: TimelineData, style: TimelineStyle
) -> None:
    """"as of 26 Dec 2025" by the line, or at the edge with an arrow when it is off screen."""
    x = _as_of_x(frame, data)
    if x is None or data.as_of is None:
        return
    plot, header = frame.plot, frame.header
    text = f"as of {data.as_of.label()}"
    if x > plot.right() + 0.5:
        text += " ›"
        tx = plot.right() - style.context_width(text)
    elif x < plot.left() - 0.5:
        text = "‹ " + text
        tx = plot.left()
    else:
        width = style.context_width(text)
        tx = x - style.pad - width if x - style.pad - width >= plot.left() else x + style.pad
    painter.setFont(style.context_font)
    painter.setPen(style.as_of)
    painter.drawText(QPointF(tx, header.top() + style.pad + style.context_fm.ascent()), text)


def draw_brush(painter: QPainter, frame: Frame, view: TimelineView, style: TimelineStyle) -> None:
    if view.brush is None:
        return
    first, last = brush_days(*view.brush)
    x0, x1 = frame.scale.x(first), frame.scale.x(last + 1)
    area = QRectF(x0, frame.plot.top(), x1 - x0, frame.axis.bottom() - frame.plot.top())
    painter.fillRect(area, with_alpha(style.accent, 45))
    painter.setPen(QPen(style.accent, 1))
    painter.drawLine(QPointF(x0, area.top()), QPointF(x0, area.bottom()))
    painter.drawLine(QPointF(x1, area.top()), QPointF(x1, area.bottom()))
    days = last - first + 1
    a, b = PartialDate.from_date(dt.date.fromordinal(first)), PartialDate.from_date(
        dt.date.fromordinal(last))
    text = f"{a.range_label(b)} · {days} day{'s' if days != 1 else ''}"
    painter.setFont(style.context_font)
    width = style.context_fm.horizontalAdvance(text) + 2 * style.pad
    cx = min(max((x0 + x1) / 2 - width / 2, frame.plot.left()), frame.plot.right() - width)
    box = QRectF(cx, frame.header.top() + 1, width, frame.header.height() - 2)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(style.accent)
    painter.drawRoundedRect(box, 3, 3)
    painter.setPen(style.surface)
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)


def draw_status(
    painter: QPainter, frame: Frame, data: TimelineData, style: TimelineStyle,
    interactive: bool = True,
) -> None:
    """Says why the plot is empty, or that it shows density rather than titles."""
    plot = frame.plot
    if frame.visible_count == 0:
        text = data.empty_text if data.count == 0 else "No events in view"
        painter.setFont(style.font)
        painter.setPen(style.muted)
        painter.drawText(plot, Qt.AlignmentFlag.AlignCenter, text)
    elif frame.lod is Lod.DENSITY:
        text = f"{frame.visible_count:,} events in view · " + (
            "zoom in to read titles" if interactive else "counted where they are too many to name")
        painter.setFont(style.small)
        painter.setPen(style.muted)
        baseline = frame.header.top() + style.pad + style.small_fm.ascent()
        painter.drawText(QPointF(plot.left(), baseline), text)
