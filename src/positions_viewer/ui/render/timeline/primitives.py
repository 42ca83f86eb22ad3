"""Small drawing helpers the timeline's painters share: crisp hairlines, laid-out text."""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache

from PySide6.QtCore import QLineF, QPointF
from PySide6.QtGui import QColor, QPainter, QPen

from .style import TimelineStyle

__all__ = ["crisp", "device_scale", "draw_static", "vlines"]


def vlines(painter: QPainter, *groups: tuple[Sequence[float], float, float, QColor]) -> None:
    """Hairlines on pixel centres, one ``drawLines`` call per group of (xs, top, bottom,
    colour): axes draw hundreds of them per frame."""
    if not any(xs for xs, *_rest in groups):
        return
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    for xs, top, bottom, color in groups:
        if xs:
            painter.setPen(QPen(color, 1))
            painter.drawLines([_hairline(math.floor(x) + 0.5, top, bottom) for x in xs])
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)


@lru_cache(maxsize=20_000)
def _hairline(column: float, top: float, bottom: float) -> QLineF:
    """A vertical line on the centre of a pixel column. Kept: making a QLineF costs a
    microsecond, and there are only so many columns, which ticks come back to as the view
    pans. A plain value, shared and never changed, so any thread may draw it."""
    return QLineF(column, top, column, bottom)


def draw_static(painter: QPainter, style: TimelineStyle, font: str, x: float, top: float,
         content: str) -> None:
    """Plain ``content`` with its top left at (x, top), from the style's layout cache. The
    painter's font must be the named one already (set once for a run of texts: setting it
    costs as much as drawing a short text)."""
    painter.drawStaticText(QPointF(x, top), style.static_text(content, font))


def crisp(x: float) -> float:
    """A 1 px line on a pixel centre, not smeared over two."""
    return math.floor(x) + 0.5


def device_scale(painter: QPainter) -> float:
    """Device pixels per logical pixel (a HiDPI screen, a 2× export), between 1 and 4."""
    device = painter.device()
    ratio = device.devicePixelRatioF() if device is not None else 1.0
    return float(min(max(abs(painter.worldTransform().m11()) * ratio, 1.0), 4.0))
