"""Pixel-exact shortcuts for Qt's raster engine: the same pixels as the plain draw, faster.

Each shortcut is taken only where it was checked to give exactly the pixels of the plain
QPainter call it replaces (tests/ui/render/timeline/test_paint.py compares whole frames with
the shortcuts off), and only on a raster device: a PDF or SVG keeps its vectors.

- a soft bar's flat middle: filled with the colour Qt's gradient table gives there;
- dashed outlines running past both sides of the device: blitted from rows drawn once;
- the density histogram: built on the device's pixel grid and blitted, not scaled.

Memo tables are per thread (``positions_viewer.cache.per_thread``): an export may paint off
the GUI thread, and Qt's paint objects must not cross threads.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import QPointF, QRect, QRectF, Qt
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

from positions_viewer.cache import BoundedCache, per_thread

from .scale import IntArray
from .style import with_alpha

__all__ = [
    "GRADIENT_STEPS", "DashedRows", "draw_histogram", "flat_color", "is_raster", "shared_alpha",
    "soft_gradient",
]

GRADIENT_STEPS = 1024  # entries in Qt's gradient colour table
_ROWS = np.arange(4096, dtype=np.int16)  # device rows of a histogram, at most
_TRANSLATIONS = (QTransform.TransformationType.TxNone, QTransform.TransformationType.TxTranslate)
# A learnt sampling: top left device pixel, source column and row of each device pixel.
_Sampled = tuple[int, int, IntArray, npt.NDArray[np.int16]]


def soft_gradient(
    left: float, right: float, tint: QColor, fade_in: float, fade_out: float
) -> QLinearGradient:
    """The fill of an approximate period: clear at both ends, ``tint`` between the fades."""
    gradient = QLinearGradient(left, 0, right, 0)
    clear = shared_alpha(tint, 0)
    gradient.setColorAt(0.0, clear)
    gradient.setColorAt(fade_in, tint)
    gradient.setColorAt(1.0 - fade_out, tint)
    gradient.setColorAt(1.0, clear)
    return gradient


def shared_alpha(color: QColor, alpha: int) -> QColor:
    """``with_alpha``, memoised per thread; the colour returned is shared, not to be changed."""
    cache: BoundedCache[tuple[int, int], QColor] = per_thread("timeline.alpha", 1000)
    return cache.get_or_make((color.rgba(), alpha), lambda: with_alpha(color, alpha))


def flat_color(tint: QColor) -> QColor:
    """The colour a soft bar's gradient paints between its fades, read back from Qt (its
    colour table rounds differently from a plain fill, by one level in the dark theme)."""
    def probe() -> QColor:
        image = QImage(GRADIENT_STEPS, 1, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(0)
        painter = QPainter(image)
        painter.fillRect(QRectF(0, 0, GRADIENT_STEPS, 1),
                         QBrush(soft_gradient(0, GRADIENT_STEPS, tint, 0.25, 0.25)))
        painter.end()
        return QColor.fromRgba(image.pixel(GRADIENT_STEPS // 2, 0))

    cache: BoundedCache[int, QColor] = per_thread("timeline.flat", 256)
    return cache.get_or_make(tint.rgba(), probe)


@dataclass(slots=True)
class DashedRows:
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
    def for_painter(cls, painter: QPainter) -> DashedRows | None:
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
        def draw() -> tuple[QImage, QImage]:
            image = QImage(width, 3, QImage.Format.Format_ARGB32_Premultiplied)
            image.fill(0)
            probe = QPainter(image)
            probe.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            probe.setPen(QPen(color, 1, Qt.PenStyle.DashLine))
            probe.setBrush(Qt.BrushStyle.NoBrush)
            probe.drawRect(QRectF(-1000.5, 0.5, width + 2001, 2.0))
            probe.end()
            return image.copy(0, 0, width, 1), image.copy(0, 2, width, 1)

        cache: BoundedCache[tuple[int, int], tuple[QImage, QImage]]
        cache = per_thread("timeline.dashes", 64)
        return cache.get_or_make((width, color.rgba()), draw)


def is_raster(painter: QPainter) -> bool:
    """Whether ``painter`` draws pixels with Qt's raster engine, fully opaque and source
    over: what the shortcuts that promise the same pixels were checked against (a PDF or
    SVG keeps its vectors; opacity would be rounded differently by a blit)."""
    engine = painter.paintEngine()
    return (engine is not None and engine.type() == QPaintEngine.Type.Raster
            and painter.opacity() == 1.0
            and painter.compositionMode() == QPainter.CompositionMode.CompositionMode_SourceOver)



def draw_histogram(
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
                or not is_raster(painter)):
            return None
        key = (area.left() + dx, area.top() + dy, area.width(), area.height(), rows, columns)
        cache: BoundedCache[tuple[float, ...], _Sampled | None]
        cache = per_thread("timeline.sampling", 32)
        found = cache.get_or_make(
            key, lambda: _learn_sampling(area.translated(dx, dy), rows, columns))
        if found is None:
            return None
        x, y, source_columns, source_rows = found
        return cls(QPointF(x - dx, y - dy), source_columns, source_rows)


def _learn_sampling(area: QRectF, rows: int, columns: int) -> _Sampled | None:
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


def _histogram_buffers(
    rows: int, columns: int
) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.uint32]]:
    """Reused between frames: a fresh 2 MB array per frame costs more in page faults than
    the comparison that fills it."""
    key = (min(rows, len(_ROWS)), columns)
    cache: BoundedCache[tuple[int, int], tuple[npt.NDArray[np.bool_], npt.NDArray[np.uint32]]]
    cache = per_thread("timeline.histogram", 4)
    return cache.get_or_make(key, lambda: (np.empty(key, dtype=bool),
                                           np.empty(key, dtype=np.uint32)))
