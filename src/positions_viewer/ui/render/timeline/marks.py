"""Draws the events: marks, bars, soft periods and labels, count chips, density.

Reads a laid-out :class:`~.frame.Frame` and writes nothing back to it.
"""

from __future__ import annotations

import itertools

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen

from . import raster
from .data import TimelineData
from .parts import Frame, Item
from .primitives import device_scale, draw_static
from .raster import (
    GRADIENT_STEPS,
    DashedRows,
    draw_histogram,
    flat_color,
    shared_alpha,
    soft_gradient,
)
from .style import TimelineStyle, with_alpha
from .view import TimelineView

__all__ = ["draw_chips", "draw_density", "draw_items"]


def draw_items(
    painter: QPainter, frame: Frame, view: TimelineView, style: TimelineStyle
) -> None:
    radius = style.bar_h / 4
    # Looked up on the module, so that a test can turn every shortcut off at once.
    on_raster = raster.is_raster(painter)
    dashes = DashedRows.for_painter(painter) if on_raster else None
    visible = frame.rect if on_raster else None  # for the soft bars' shortcuts
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
    actors share it as pie slices, the first actor on the left. The ring is a disc of the
    surface under the dot: two fills cost half a stroked outline."""
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(style.surface)
    painter.drawEllipse(item.mark.adjusted(-1.5, -1.5, 1.5, 1.5))
    if len(item.colors) == 1:
        painter.setBrush(item.colors[0])
        painter.drawEllipse(item.mark)
        return
    span = 360 * 16 // len(item.colors)
    for i, color in enumerate(item.colors):
        painter.setBrush(color)
        painter.drawPie(item.mark, 90 * 16 + i * span, span)


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
    dashes: DashedRows | None,
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
        slack = 2 * width / GRADIENT_STEPS + 2
        if (visible is not None and left + fade_in * width + slack <= visible.left()
                and right - fade_out * width - slack >= visible.right()):
            painter.fillRect(stripe, flat_color(tint))
        else:
            painter.fillRect(stripe, QBrush(soft_gradient(left, right, tint, fade_in, fade_out)))
    outline = item.mark.adjusted(0.5, 0.5, -0.5, -0.5)
    color = shared_alpha(item.colors[0], 210)
    if dashes is None or not dashes.draw(painter, outline, color):
        painter.setPen(QPen(color, 1, Qt.PenStyle.DashLine))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(outline)



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
        prefix = f"{item.prefix} · " if item.title else item.prefix
        painter.drawStaticText(QPointF(x, top), style.static_text(prefix, "label"))
        x += style.width(prefix)
    if item.title:
        painter.setPen(style.text)
        painter.drawStaticText(QPointF(x, top), style.static_text(item.title, "label"))



def draw_density(
    painter: QPainter, frame: Frame, data: TimelineData, view: TimelineView,
    style: TimelineStyle,
) -> None:
    """Per-column density as one image per band (the counts per period are chips)."""
    scale = device_scale(painter)
    for band in frame.bands:
        if band.density is None or band.density_rect is None:
            continue
        color = style.density
        if band.actor is not None and band.actor >= 0:
            color = with_alpha(style.mark_color(data.actor_colors[band.actor]), 190)
        draw_histogram(painter, band.density_rect, band.density, color, scale)
    _draw_marked_in_density(painter, frame, data, view, style)


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


def draw_chips(painter: QPainter, frame: Frame, style: TimelineStyle) -> None:
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
            draw_static(painter, style, "chip", chip.rect.left() + style.pad, top, chip.text)
        return
    for chip in chips:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(style.chip_fill)
        painter.drawRoundedRect(chip.rect, radius, radius)
        painter.setPen(style.chip_text)
        top = chip.rect.top() + (chip.rect.height() - style.chip_fm.height()) / 2
        draw_static(painter, style, "chip", chip.rect.left() + style.pad, top, chip.text)


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
