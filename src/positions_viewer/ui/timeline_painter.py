"""Paints the timeline onto any QPainter: the window, presenter mode and export share it.

:func:`paint_timeline` reads like a table of contents. The maths lives in
:mod:`timeline_layout` and the frame's geometry in :mod:`timeline_frame`; this module draws.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import threading
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import QLineF, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QImage,
    QLinearGradient,
    QPaintEngine,
    QPainter,
    QPen,
    QTransform,
)

from positions_viewer.model import PartialDate

from .render.text_layout import elide
from .theme import Theme
from .timeline_frame import (
    NO_ACTOR,
    Band,
    Chip,
    Frame,
    Item,
    TimelineData,
    TimelineStyle,
    TimelineView,
    layout_frame,
    timeline_style,
    with_alpha,
)
from .timeline_layout import (
    IntArray,
    Lod,
    TimeScale,
    brush_days,
    column_density,
    compact_count,
    count_periods,
    overlap_counts,
)

__all__ = [
    "TimelineData", "TimelineHitMap", "TimelineStyle", "TimelineView", "fit_view",
    "paint_timeline", "plot_scale", "timeline_height", "timeline_style",
]

_HEIGHT_LANE_CAP = 24  # an export never grows past this many lanes per band


# -- public entry points -------------------------------------------------------------


@dataclass(slots=True)
class TimelineHitMap:
    """What the last frame drew where, for hover, clicks and zoom in the widget."""

    scale: TimeScale
    plot: QRectF
    axis: QRectF
    lod: Lod
    visible_count: int
    items: list[tuple[QRectF, QRectF, int]]  # (bounds, mark, event index), drawing order
    chips: list[tuple[QRectF, float, float, int]]  # (rect, first day, end day, count)
    density: list[tuple[QRectF, IntArray]]  # (band, events per column)

    def event_at(self, pos: QPointF) -> int | None:
        """The event drawn under ``pos``: the mark wins over labels, the topmost over others."""
        for _bounds, mark, row in reversed(self.items):
            if mark.adjusted(-3, -3, 3, 3).contains(pos):
                return row
        for bounds, _mark, row in reversed(self.items):
            if bounds.contains(pos):
                return row
        return None

    def event_rect(self, row: int) -> QRectF | None:
        for bounds, _mark, drawn in self.items:
            if drawn == row:
                return bounds
        return None

    def chip_at(self, pos: QPointF) -> tuple[float, float, int] | None:
        for rect, first, last, count in self.chips:
            if rect.adjusted(-2, -2, 2, 2).contains(pos):
                return first, last, count
        return None

    def density_at(self, pos: QPointF) -> tuple[int, float, float] | None:
        """(events, first day, end day) of the density column under ``pos``."""
        for band, counts in self.density:
            if band.contains(pos) and len(counts):
                column = int((pos.x() - band.left()) / band.width() * len(counts))
                column = min(max(column, 0), len(counts) - 1)
                first = self.scale.day(band.left() + column * band.width() / len(counts))
                last = self.scale.day(band.left() + (column + 1) * band.width() / len(counts))
                return int(counts[column]), first, last
        return None

    def in_axis(self, pos: QPointF) -> bool:
        return self.axis.contains(pos)


def plot_scale(rect: QRectF, view: TimelineView, theme: Theme) -> TimeScale:
    """The time scale :func:`paint_timeline` uses in ``rect``: for zooming before a paint."""
    side = timeline_style(theme).side
    return TimeScale(view.start, view.end, rect.left() + side, max(1.0, rect.width() - 2 * side))


def fit_view(
    data: TimelineData, width: float, theme: Theme, view: TimelineView | None = None
) -> TimelineView:
    """``view`` (or a new one) showing every shown event and the as-of line at ``width``."""
    style = timeline_style(theme)
    plot_width = max(1.0, width - 2 * style.side)
    span = data.span()
    if span is None:
        today = float(dt.date.today().toordinal())
        span = (today - 180, today + 1)
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


def paint_timeline(
    painter: QPainter, rect: QRectF, data: TimelineData, view: TimelineView, theme: Theme
) -> TimelineHitMap:
    """Draws the timeline into ``rect``; returns where things went, for hit-testing."""
    style = timeline_style(theme)
    frame = layout_frame(rect, data, view, style)
    painter.save()
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        painter.setClipRect(rect)
        _draw_background(painter, frame, style)
        _draw_grid(painter, frame, style)
        _draw_filter_range(painter, frame, data, style)
        _draw_as_of_line(painter, frame, data, style)
        if frame.lod is Lod.LABELS:
            _draw_items(painter, frame, view, style)
        else:
            _draw_density(painter, frame, data, view, style)
        _draw_chips(painter, frame, style)
        _draw_band_titles(painter, frame, data, style)
        _draw_axis(painter, frame, data, style)
        _draw_as_of_label(painter, frame, data, style)
        _draw_brush(painter, frame, view, style)
        _draw_status(painter, frame, data, style)
    finally:
        painter.restore()
    return TimelineHitMap(
        frame.scale, frame.plot, frame.axis, frame.lod, frame.visible_count,
        [(item.bounds, item.mark, item.row) for band in frame.bands for item in band.items],
        [(c.rect, c.first, c.last, c.count) for band in frame.bands for c in band.chips],
        [(band.rect, band.density) for band in frame.bands if band.density is not None],
    )


# -- drawing -------------------------------------------------------------------------


def _draw_background(painter: QPainter, frame: Frame, style: TimelineStyle) -> None:
    painter.fillRect(frame.rect, style.surface)


def _draw_grid(painter: QPainter, frame: Frame, style: TimelineStyle) -> None:
    """Faint verticals at labelled ticks, stronger at month or year boundaries."""
    top, bottom = frame.plot.top(), frame.axis.top()
    _vlines(painter, ([t.x for t in frame.ticks.major], top, bottom, style.grid),
            (frame.ticks.context_lines, top, bottom, style.border))


def _vlines(
    painter: QPainter, *groups: tuple[Sequence[float], float, float, QColor]
) -> None:
    """Hairlines on pixel centres, one ``drawLines`` call per group of (xs, top, bottom,
    colour): axes draw hundreds of them per frame."""
    if not any(xs for xs, *_rest in groups):
        return
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    for xs, top, bottom, color in groups:
        if xs:
            painter.setPen(QPen(color, 1))
            painter.drawLines(_hairlines(xs, top, bottom))
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)


def _hairlines(xs: Sequence[float], top: float, bottom: float) -> list[QLineF]:
    """A vertical line on the centre of each pixel column under ``xs``. The lines are kept
    per column and extent: making a QLineF costs a microsecond, and there are only so many
    columns, which ticks come back to as the view pans."""
    cache: dict[tuple[float, float], dict[float, QLineF]]
    cache = _PAINT_CACHES.__dict__.setdefault("hairlines", {})
    lines = cache.get((top, bottom))
    if lines is None:
        if len(cache) > 32:
            cache.clear()
        lines = cache[(top, bottom)] = {}
    elif len(lines) > 20_000:
        lines.clear()
    out = []
    for x in xs:
        column = math.floor(x) + 0.5
        line = lines.get(column)
        if line is None:
            line = lines[column] = QLineF(column, top, column, bottom)
        out.append(line)
    return out


def _draw_filter_range(
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


def _draw_items(
    painter: QPainter, frame: Frame, view: TimelineView, style: TimelineStyle
) -> None:
    radius = style.bar_h / 4
    raster = _is_raster(painter)
    dashes = _DashedRows.for_painter(painter) if raster else None
    visible = frame.rect if raster else None  # for the soft bars' shortcuts
    painter.setFont(style.font)  # every label's; nothing else here draws text
    ascent = style.fm.ascent()
    half = (ascent - style.fm.descent()) / 2
    for band in frame.bands:
        for item in band.items:
            marked = item.row == view.selected or item.row in view.highlighted
            if marked:
                halo = item.bounds.adjusted(-2, -1, 2, 1)
                selected = item.row == view.selected
                painter.setPen(QPen(style.accent if selected else style.changed_edge,
                                    2 if selected else 1))
                painter.setBrush(style.selection if selected else style.highlight)
                painter.drawRoundedRect(halo, radius, radius)
            if item.is_point:
                _draw_marker(painter, item, style)
            elif item.soft != (0.0, 0.0):
                _draw_soft_bar(painter, item, style, visible, dashes)
            else:
                _draw_bar(painter, item, style)
            _draw_label(painter, item, style, ascent, half)
            if item.row == view.hovered and not marked:
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.setPen(QPen(with_alpha(style.accent, 150), 1))
                painter.drawRoundedRect(item.bounds.adjusted(-2, -1, 2, 1), radius, radius)


def _draw_marker(painter: QPainter, item: Item, style: TimelineStyle) -> None:
    """A dot with a thin ring of the surface colour, so that neighbours stay apart; several
    actors share it as pie slices, the first actor on the left."""
    ring = item.mark.adjusted(-0.75, -0.75, 0.75, 0.75)
    if len(item.colors) == 1:
        painter.setPen(style.ring)
        painter.setBrush(item.colors[0])
        painter.drawEllipse(ring)  # one call: the pen is the ring
        return
    painter.setPen(Qt.PenStyle.NoPen)
    span = 360 * 16 // len(item.colors)
    for i, color in enumerate(item.colors):
        painter.setBrush(color)
        painter.drawPie(item.mark, 90 * 16 + i * span, span)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(style.ring)
    painter.drawEllipse(ring)


def _stripes(item: Item) -> list[tuple[QRectF, QColor]]:
    """One horizontal stripe per actor, so a shared range shows every actor's colour."""
    rect, count = item.mark, len(item.colors)
    if count == 1:
        return [(rect, item.colors[0])]
    height = rect.height() / count
    return [
        (QRectF(rect.left(), rect.top() + i * height, rect.width(), height), color)
        for i, color in enumerate(item.colors)
    ]


def _draw_bar(painter: QPainter, item: Item, style: TimelineStyle) -> None:
    """A tinted bar with a solid cap at its start. The tint is mixed with the surface rather
    than translucent, so it stays clean over a selection or highlight halo."""
    cap = min(3.0, item.mark.width())
    for stripe, color in _stripes(item):
        painter.fillRect(stripe, style.tint(color))
        painter.fillRect(QRectF(stripe.left(), stripe.top(), cap, stripe.height()), color)


def _draw_soft_bar(
    painter: QPainter, item: Item, style: TimelineStyle, visible: QRectF | None,
    dashes: _DashedRows | None,
) -> None:
    """An approximate period: a tint that fades out towards both ends, under a dashed outline,
    so that "2024" reads as some time in 2024 rather than all of it.

    Zoomed in, such a bar is many times wider than ``visible`` (the clip), and its cost is
    in the pixels drawn: where the visible part lies in the gradient's flat middle it is
    filled with the flat colour, and an outline that runs past both sides of the device is
    blitted from rows drawn once. Both give the same pixels as the gradient and the pen, on
    a raster device (``visible`` and ``dashes`` are None on any other)."""
    fade_in, fade_out = item.soft
    for stripe, color in _stripes(item):
        tint = style.tint(color, strong=True)
        left, right = stripe.left(), stripe.right()
        width = right - left
        # A pixel within a colour-table step of a stop may take a blend: keep clear of them.
        slack = 2 * width / _GRADIENT_STEPS + 2
        if (visible is not None and left + fade_in * width + slack <= visible.left()
                and right - fade_out * width - slack >= visible.right()):
            painter.fillRect(stripe, _flat_color(tint))
        else:
            painter.fillRect(stripe, QBrush(_soft_gradient(left, right, tint, fade_in, fade_out)))
    outline = item.mark.adjusted(0.5, 0.5, -0.5, -0.5)
    color = _with_alpha(item.colors[0], 210)
    if dashes is None or not dashes.draw(painter, outline, color):
        painter.setPen(QPen(color, 1, Qt.PenStyle.DashLine))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(outline)


_GRADIENT_STEPS = 1024  # entries in Qt's gradient colour table
_PAINT_CACHES = threading.local()  # per thread, as an export may paint off the GUI thread


def _soft_gradient(
    left: float, right: float, tint: QColor, fade_in: float, fade_out: float
) -> QLinearGradient:
    gradient = QLinearGradient(left, 0, right, 0)
    clear = _with_alpha(tint, 0)
    gradient.setColorAt(0.0, clear)
    gradient.setColorAt(fade_in, tint)
    gradient.setColorAt(1.0 - fade_out, tint)
    gradient.setColorAt(1.0, clear)
    return gradient


def _with_alpha(color: QColor, alpha: int) -> QColor:
    """``with_alpha``, memoised per thread; the colour returned is shared, not to be changed."""
    cache: dict[tuple[int, int], QColor] = _PAINT_CACHES.__dict__.setdefault("alpha", {})
    key = (color.rgba(), alpha)
    found = cache.get(key)
    if found is None:
        if len(cache) > 1000:
            cache.clear()
        found = cache[key] = with_alpha(color, alpha)
    return found


def _flat_color(tint: QColor) -> QColor:
    """The colour a soft bar's gradient paints between its fades, read back from Qt (its
    colour table rounds differently from a plain fill, by one level in the dark theme)."""
    cache: dict[int, QColor] = _PAINT_CACHES.__dict__.setdefault("flat", {})
    color = cache.get(tint.rgba())
    if color is None:
        image = QImage(_GRADIENT_STEPS, 1, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(0)
        probe = QPainter(image)
        probe.fillRect(QRectF(0, 0, _GRADIENT_STEPS, 1),
                       QBrush(_soft_gradient(0, _GRADIENT_STEPS, tint, 0.25, 0.25)))
        probe.end()
        if len(cache) > 256:
            cache.clear()
        color = cache[tint.rgba()] = QColor.fromRgba(image.pixel(_GRADIENT_STEPS // 2, 0))
    return color


@dataclass(slots=True)
class _DashedRows:
    """Dashed outlines of bars that run past both sides of the paint device, blitted.

    Qt draws a 1 px dashed pen (at one device pixel per unit) with its cosmetic stroker,
    which cuts each line at the device's bounds before dashing it: the dashes of such a bar's
    top and bottom edges then depend only on the bounds' width and the colour, never on the
    bar. They are drawn once, by the same pen into a transparent row, and blitted: the same
    pixels, at a few microseconds instead of tens for two dashed 2,000 px lines."""

    bounds: QRect  # the engine's device rectangle, device pixels
    dx: float  # logical → device translation (whole pixels)
    dy: float

    @classmethod
    def for_painter(cls, painter: QPainter) -> _DashedRows | None:
        """None unless the painter maps logical to device pixels one to one (the pen then
        takes the cosmetic stroker's path) with a whole-pixel offset."""
        transform = painter.deviceTransform()
        dx, dy = transform.dx(), transform.dy()
        if (transform.type() not in _TRANSLATIONS or dx != math.floor(dx)
                or dy != math.floor(dy)):
            return None
        engine = painter.paintEngine()
        device = engine.paintDevice() if engine is not None else None
        if device is None:
            return None
        # The whole device (a widget paints into its window's backing store): the stroker
        # bounds lines by it, not by the clip or the region being painted.
        limit = 32767  # QT_RASTER_COORD_LIMIT
        return cls(QRect(0, 0, min(device.width(), limit), min(device.height(), limit)), dx, dy)

    def draw(self, painter: QPainter, outline: QRectF, color: QColor) -> bool:
        """Blits the dashed top and bottom of ``outline`` if they qualify; False otherwise."""
        top, bottom = outline.top() + self.dy - 0.5, outline.bottom() + self.dy - 0.5
        bounds = self.bounds
        if (outline.left() + self.dx > bounds.left() - 8
                or outline.right() + self.dx < bounds.right() + 9
                or top % 1.0 or bottom % 1.0  # rows on pixel centres only
                or top < bounds.top() or bottom > bounds.bottom()):
            return False
        rows = self._rows(bounds.width(), color)
        x = bounds.left() - self.dx
        painter.drawImage(QPointF(x, top - self.dy), rows[0])
        painter.drawImage(QPointF(x, bottom - self.dy), rows[1])
        return True

    @staticmethod
    def _rows(width: int, color: QColor) -> tuple[QImage, QImage]:
        cache: dict[tuple[int, int], tuple[QImage, QImage]]
        cache = _PAINT_CACHES.__dict__.setdefault("dashes", {})
        key = (width, color.rgba())
        rows = cache.get(key)
        if rows is None:
            image = QImage(width, 3, QImage.Format.Format_ARGB32_Premultiplied)
            image.fill(0)
            probe = QPainter(image)
            probe.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            probe.setPen(QPen(color, 1, Qt.PenStyle.DashLine))
            probe.setBrush(Qt.BrushStyle.NoBrush)
            probe.drawRect(QRectF(-1000.5, 0.5, width + 2001, 2.0))
            probe.end()
            if len(cache) > 64:
                cache.clear()
            rows = cache[key] = (image.copy(0, 0, width, 1), image.copy(0, 2, width, 1))
        return rows


_TRANSLATIONS = (QTransform.TransformationType.TxNone, QTransform.TransformationType.TxTranslate)


def _is_raster(painter: QPainter) -> bool:
    """Whether ``painter`` draws pixels with Qt's raster engine, fully opaque and source
    over: what the shortcuts that promise the same pixels were checked against (a PDF or
    SVG keeps its vectors; opacity would be rounded differently by a blit)."""
    engine = painter.paintEngine()
    return (engine is not None and engine.type() == QPaintEngine.Type.Raster
            and painter.opacity() == 1.0
            and painter.compositionMode() == QPainter.CompositionMode.CompositionMode_SourceOver)


def _draw_label(
    painter: QPainter, item: Item, style: TimelineStyle, ascent: float, half: float
) -> None:
    """``ascent`` and ``half``: the label font's ascent and (ascent - descent) / 2."""
    if not (item.prefix or item.title):
        return
    x = item.label_x
    top = item.bounds.center().y() + half - ascent
    if item.prefix:
        painter.setPen(style.muted)
        text = f"{item.prefix} · " if item.title else item.prefix
        painter.drawStaticText(QPointF(x, top), style.static_text(text, "label"))
        x += style.width(text)
    if item.title:
        painter.setPen(style.text)
        painter.drawStaticText(QPointF(x, top), style.static_text(item.title, "label"))


def _draw_density(
    painter: QPainter, frame: Frame, data: TimelineData, view: TimelineView,
    style: TimelineStyle,
) -> None:
    """Per-column density as one image per band, counts per period on chips above it."""
    scale = _device_scale(painter)
    plot = frame.plot
    columns = max(1, round(plot.width() * scale))
    chip = style.chip_width("8.8k") + 2 * style.pad + 2 * style.gap
    edges = count_periods(frame.scale, chip, frame.ticks.step)
    for band in frame.bands:
        room = max(1.0, band.rect.height() - style.overflow_h)
        # The tallest column stops short of the count chips, leaving air under them.
        area = QRectF(plot.left(), band.rect.bottom() - room * 0.88, plot.width(), room * 0.88)
        band.density = column_density(band.starts, band.sorted_stops, frame.scale, columns)
        color = style.density
        if band.actor is not None and band.actor >= 0:
            color = with_alpha(style.mark_color(data.actor_colors[band.actor]), 190)
        _draw_histogram(painter, area, band.density, color, scale)
        counts = overlap_counts(band.starts, band.sorted_stops, edges)
        _period_chips(band, frame, edges, counts.tolist(), style)
    _draw_marked_in_density(painter, frame, data, view, style)


def _draw_histogram(
    painter: QPainter, area: QRectF, counts: IntArray, color: QColor, scale: float
) -> None:
    """Square-root heights keep single events visible next to peaks. Built as an image:
    one numpy comparison, against seconds for a path with thousands of vertical edges."""
    peak = int(counts.max()) if len(counts) else 0
    if peak == 0:
        return
    rows = min(max(1, round(area.height() * scale)), len(_ROWS))
    heights = np.sqrt(counts / peak) * rows
    tops = rows - np.where(counts > 0, np.maximum(heights, 1.0), 0.0).astype(np.int16)
    alpha = color.alpha()
    premultiplied = np.uint32(
        (alpha << 24) | (color.red() * alpha // 255 << 16)
        | (color.green() * alpha // 255 << 8) | (color.blue() * alpha // 255)
    )
    sampling = _Sampling.for_draw(painter, area, rows, len(counts))
    if sampling is None:
        mask, pixels = _histogram_buffers(rows, len(counts))
        np.greater_equal(_ROWS[:rows, None], tops[None, :], out=mask)
        np.multiply(mask, premultiplied, out=pixels, casting="unsafe")
        image = QImage(pixels.data, len(counts), rows, len(counts) * 4,
                       QImage.Format.Format_ARGB32_Premultiplied)
        painter.drawImage(area, image)
        return
    # The image Qt would draw, already sampled to device pixels: blitted, not scaled.
    shown = sampling.rows
    tops = tops[sampling.columns]
    if alpha == 255:
        # Below the shortest column every pixel is the colour, opaque: a plain fill, which
        # writes the same pixels as the blit would; only the rows above it need the image.
        shown = shown[:int(np.searchsorted(shown, tops.max(), side="left"))]
        if len(shown) < len(sampling.rows):
            painter.fillRect(QRectF(sampling.at.x(), sampling.at.y() + len(shown),
                                    len(sampling.columns), len(sampling.rows) - len(shown)),
                             color)
        if not len(shown):
            return
    mask, pixels = _histogram_buffers(len(shown), len(sampling.columns))
    np.greater_equal(shown[:, None], tops[None, :], out=mask)
    np.multiply(mask, premultiplied, out=pixels, casting="unsafe")
    image = QImage(pixels.data, len(sampling.columns), len(shown),
                   len(sampling.columns) * 4, QImage.Format.Format_ARGB32_Premultiplied)
    painter.drawImage(sampling.at, image)


@dataclass(slots=True)
class _Sampling:
    """Which source pixel each device pixel shows when Qt draws a ``rows`` × ``columns``
    image scaled into a rectangle: learnt once per geometry by drawing an image of pixel
    coordinates that way. The histogram then builds its image on the device's pixel grid
    and blits it, the same pixels for a fraction of the cost of a scaled draw (the area
    is a fraction of a pixel off the image's size, which is enough for Qt's scaling path)."""

    at: QPointF  # top left of the sampled block, logical coordinates, on a device pixel
    columns: IntArray  # source column of each device column of the block
    rows: npt.NDArray[np.int16]  # source row of each device row, in order

    @classmethod
    def for_draw(
        cls, painter: QPainter, area: QRectF, rows: int, columns: int
    ) -> _Sampling | None:
        """None unless the painter maps logical to device pixels one to one, with a
        whole-pixel offset, and the sampling is a clean grid."""
        transform = painter.deviceTransform()
        dx, dy = transform.dx(), transform.dy()
        if (transform.type() not in _TRANSLATIONS or dx != math.floor(dx)
                or dy != math.floor(dy) or rows >= 4096 or columns >= 4096
                or not _is_raster(painter)):
            return None
        key = (area.left() + dx, area.top() + dy, area.width(), area.height(), rows, columns)
        cache: dict[tuple[float, ...], tuple[int, int, IntArray, npt.NDArray[np.int16]] | None]
        cache = _PAINT_CACHES.__dict__.setdefault("sampling", {})
        if key not in cache:
            if len(cache) > 32:
                cache.clear()
            cache[key] = _learn_sampling(area.translated(dx, dy), rows, columns)
        found = cache[key]
        if found is None:
            return None
        x, y, source_columns, source_rows = found
        return cls(QPointF(x - dx, y - dy), source_columns, source_rows)


def _learn_sampling(
    area: QRectF, rows: int, columns: int
) -> tuple[int, int, IntArray, npt.NDArray[np.int16]] | None:
    """Draws a ``rows`` × ``columns`` image whose pixels encode their coordinates into
    ``area`` (device pixels) and reads back which one landed where."""
    x0, y0 = math.floor(area.left()) - 1, math.floor(area.top()) - 1
    width = math.ceil(area.right()) + 2 - x0
    height = math.ceil(area.bottom()) + 2 - y0
    code = (np.uint32(0xFF000000) | (np.arange(columns, dtype=np.uint32)[None, :] << 12)
            | np.arange(rows, dtype=np.uint32)[:, None]).astype(np.uint32)
    source = QImage(code.data, columns, rows, columns * 4,
                    QImage.Format.Format_ARGB32_Premultiplied)
    probe = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    probe.fill(0)
    painter = QPainter(probe)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.translate(-x0, -y0)
    painter.drawImage(area, source)
    painter.end()
    drawn = np.frombuffer(probe.constBits(), np.uint32).reshape(height, width)
    hit = drawn != 0
    hit_columns, hit_rows = np.flatnonzero(hit.any(axis=0)), np.flatnonzero(hit.any(axis=1))
    if not len(hit_rows):
        return None
    block = drawn[hit_rows[0]:hit_rows[-1] + 1, hit_columns[0]:hit_columns[-1] + 1]
    source_rows = (block[:, 0] & 0xFFF).astype(np.int16)
    source_columns = ((block[0] >> 12) & 0xFFF).astype(np.int64)
    if not (block == (np.uint32(0xFF000000) | (source_columns[None, :] << 12).astype(np.uint32)
                      | source_rows[:, None].astype(np.uint32))).all():
        return None  # not a full block with one source row per row, one column per column
    if (np.diff(source_rows) < 0).any():
        return None  # rows out of order: the histogram's solid bottom would not be one block
    return x0 + int(hit_columns[0]), y0 + int(hit_rows[0]), source_columns, source_rows


_ROWS = np.arange(4096, dtype=np.int16)
_BUFFERS = threading.local()


def _histogram_buffers(
    rows: int, columns: int
) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.uint32]]:
    """Reused between frames: a fresh 2 MB array per frame costs more in page faults than
    the comparison that fills it. One set per thread, since an export may paint off the GUI
    thread."""
    key = (min(rows, len(_ROWS)), columns)
    cache: dict[tuple[int, int], tuple[npt.NDArray[np.bool_], npt.NDArray[np.uint32]]]
    cache = _BUFFERS.__dict__.setdefault("by_size", {})
    buffers = cache.get(key)
    if buffers is None:
        if len(cache) > 4:
            cache.clear()
        buffers = cache[key] = (np.empty(key, dtype=bool), np.empty(key, dtype=np.uint32))
    return buffers


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


def _draw_marked_in_density(
    painter: QPainter, frame: Frame, data: TimelineData, view: TimelineView,
    style: TimelineStyle,
) -> None:
    """The selection and highlighted events stay visible over the density."""
    plot = frame.plot
    if view.highlighted and data.index is not None:
        wanted = np.fromiter(view.highlighted, dtype=np.int64, count=len(view.highlighted))
        wanted = wanted[data.shown(wanted)][:500]
        starts = data.index.event_start[wanted]
        painter.setPen(QPen(style.changed_edge, 2))
        top = plot.bottom() - style.overflow_h
        for x in frame.scale.xs(starts + 0.5).tolist():
            if plot.left() <= x <= plot.right():
                painter.drawLine(QPointF(x, top), QPointF(x, plot.bottom()))
    if view.selected is not None and data.dataset is not None:
        if not 0 <= view.selected < len(data.dataset.events):
            return
        event = data.dataset.events[view.selected]
        x = frame.scale.x((event.start + event.stop + 1) / 2)
        if plot.left() <= x <= plot.right():
            painter.setPen(QPen(style.accent, 2))
            painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))


def _draw_chips(painter: QPainter, frame: Frame, style: TimelineStyle) -> None:
    chips = [chip for band in frame.bands for chip in band.chips]
    if not chips:
        return
    painter.setFont(style.chip_font)
    radius = style.chip_h / 2
    if _apart([chip.rect for chip in chips]):
        # Nothing overlaps: every chip, then every count, with two pen changes in all.
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(style.chip_fill)
        for chip in chips:
            painter.drawRoundedRect(chip.rect, radius, radius)
        painter.setPen(style.chip_text)
        for chip in chips:
            top = chip.rect.top() + (chip.rect.height() - style.chip_fm.height()) / 2
            _text(painter, style, "chip", chip.rect.left() + style.pad, top, chip.text)
        return
    for chip in chips:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(style.chip_fill)
        painter.drawRoundedRect(chip.rect, radius, radius)
        painter.setPen(style.chip_text)
        top = chip.rect.top() + (chip.rect.height() - style.chip_fm.height()) / 2
        _text(painter, style, "chip", chip.rect.left() + style.pad, top, chip.text)


def _apart(rects: list[QRectF], margin: float = 2.0) -> bool:
    """Whether no two of ``rects`` come within ``margin`` (anti-aliasing, a glyph's
    overhang) of each other: then the order they are drawn in does not show. Chips share
    their top within a band; rows of chips closer than their height count as touching."""
    rows: dict[float, list[tuple[float, float]]] = {}
    for rect in rects:
        rows.setdefault(rect.top(), []).append((rect.left(), rect.right()))
    tops = sorted(rows)
    height = max(rect.height() for rect in rects)
    if any(b - a < height + margin for a, b in itertools.pairwise(tops)):
        return False
    for spans in rows.values():
        spans.sort()
        if any(b[0] < a[1] + margin for a, b in itertools.pairwise(spans)):
            return False
    return True


def _draw_band_titles(
    painter: QPainter, frame: Frame, data: TimelineData, style: TimelineStyle
) -> None:
    """Lanes per actor: a separator and the actor's name at the top left of each band."""
    if len(frame.bands) < 2 or data.dataset is None:
        return
    painter.setFont(style.context_font)
    for i, band in enumerate(frame.bands):
        if i:
            painter.setPen(QPen(style.border, 1))
            y = _crisp(band.rect.top())
            painter.drawLine(QPointF(frame.rect.left(), y), QPointF(frame.rect.right(), y))
        actor = band.actor if band.actor is not None else NO_ACTOR
        name = data.dataset.actors[actor].name if actor >= 0 else "No actor"
        name = elide(name, style.context_font, frame.rect.width() / 3)
        color = style.mark_color(data.actor_colors[actor]) if actor >= 0 else style.muted
        width = style.context_fm.horizontalAdvance(name) + 2 * style.pad
        box = QRectF(band.rect.left(), band.rect.top() + 1, width, style.overflow_h - 2)
        painter.fillRect(box, style.surface)
        painter.setPen(color)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, name)


def _draw_axis(painter: QPainter, frame: Frame, data: TimelineData, style: TimelineStyle) -> None:
    ticks = frame.ticks
    y = _crisp(frame.axis.top())
    painter.setPen(QPen(style.axis, 1))
    painter.drawLine(QPointF(frame.rect.left(), y), QPointF(frame.rect.right(), y))
    _draw_filter_on_axis(painter, frame, data, style)
    row1 = y + style.tick_len + style.pad
    row2 = row1 + style.small_fm.height() + style.pad
    _vlines(painter, ([t.x for t in ticks.major], y, y + style.tick_len, style.axis),
            (ticks.minor, y, y + style.tick_len / 2, style.muted),
            (ticks.context_lines, y, row2 + style.context_fm.height(), style.border))
    painter.setFont(style.small)
    painter.setPen(style.axis)
    for tick in ticks.major:
        if tick.label:
            _text(painter, style, "small", tick.label_x, row1, tick.label)
    painter.setFont(style.context_font)
    painter.setPen(style.text)
    for tick in ticks.context:
        _text(painter, style, "context", tick.label_x, row2, tick.label)


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


def _draw_as_of_line(
    painter: QPainter, frame: Frame, data: TimelineData, style: TimelineStyle
) -> None:
    x = _as_of_x(frame, data)
    if x is not None and frame.plot.left() - 0.5 <= x <= frame.plot.right() + 0.5:
        painter.setPen(QPen(style.as_of, 2))
        painter.drawLine(QPointF(x, frame.header.bottom() - style.pad),
                         QPointF(x, frame.axis.top()))


def _draw_as_of_label(
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


def _draw_brush(painter: QPainter, frame: Frame, view: TimelineView, style: TimelineStyle) -> None:
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
    text = f"{a.label()} – {b.label()} · {days} day{'s' if days != 1 else ''}"
    painter.setFont(style.context_font)
    width = style.context_fm.horizontalAdvance(text) + 2 * style.pad
    cx = min(max((x0 + x1) / 2 - width / 2, frame.plot.left()), frame.plot.right() - width)
    box = QRectF(cx, frame.header.top() + 1, width, frame.header.height() - 2)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(style.accent)
    painter.drawRoundedRect(box, 3, 3)
    painter.setPen(style.surface)
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)


def _draw_status(
    painter: QPainter, frame: Frame, data: TimelineData, style: TimelineStyle
) -> None:
    """Says why the plot is empty, or that it shows density rather than titles."""
    plot = frame.plot
    if frame.visible_count == 0:
        text = data.empty_text if data.count == 0 else "No events in view"
        painter.setFont(style.font)
        painter.setPen(style.muted)
        painter.drawText(plot, Qt.AlignmentFlag.AlignCenter, text)
    elif frame.lod is Lod.DENSITY:
        text = f"{frame.visible_count:,} events in view · zoom in to read titles"
        painter.setFont(style.small)
        painter.setPen(style.muted)
        baseline = frame.header.top() + style.pad + style.small_fm.ascent()
        painter.drawText(QPointF(plot.left(), baseline), text)


def _text(
    painter: QPainter, style: TimelineStyle, font: str, x: float, top: float, text: str
) -> None:
    """Plain ``text`` with its top left at (x, top), from the style's layout cache. The
    painter's font must be the named one already (set once for a run of texts: setting it
    costs as much as drawing a short text)."""
    painter.drawStaticText(QPointF(x, top), style.static_text(text, font))


def _crisp(x: float) -> float:
    """A 1 px line on a pixel centre, not smeared over two."""
    return math.floor(x) + 0.5


def _device_scale(painter: QPainter) -> float:
    device = painter.device()
    ratio = device.devicePixelRatioF() if device is not None else 1.0
    return float(min(max(abs(painter.worldTransform().m11()) * ratio, 1.0), 4.0))
