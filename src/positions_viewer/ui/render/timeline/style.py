"""Fonts, metrics, sizes and colours of the timeline for one theme (QtGui, no widgets).

One :class:`TimelineStyle` per theme and thread (:func:`timeline_style`): its memo tables
(text widths, laid-out text, tints) hold Qt objects, which must not cross threads, and an
export may paint in a worker thread while the window paints.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable
from functools import lru_cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QStaticText, QTransform

from positions_viewer.cache import BoundedCache

from ...theme import Theme
from ..colors import visible_actor_color
from ..text_layout import MAX_LAYOUT_CHARS, theme_font

__all__ = ["TimelineStyle", "mix", "timeline_style", "with_alpha"]


class TimelineStyle:
    """Fonts, metrics, sizes and colours for one theme; built once and cached.

    Sizes are logical pixels derived from the theme's body text (``theme.px``), so the
    presenter's larger type scales the whole timeline."""

    def __init__(self, theme: Theme) -> None:
        self.theme = theme
        self.font = _font(theme, 1.0)
        self.small = _font(theme, 0.85)
        self.context_font = _font(theme, 0.85, bold=True)
        self.chip_font = _font(theme, 0.8, bold=True)
        self.fm = QFontMetricsF(self.font)
        self.small_fm = QFontMetricsF(self.small)
        self.context_fm = QFontMetricsF(self.context_font)
        self.chip_fm = QFontMetricsF(self.chip_font)
        self.pad = float(theme.px(0.35))
        self.gap = float(theme.px(0.6))
        self.side = float(theme.px(1.0))
        self.lane_h = math.ceil(self.fm.height() + theme.px(0.55))
        self.bar_h = self.lane_h - theme.px(0.3)
        self.min_lane_h = math.ceil(self.fm.height() + theme.px(0.15))  # lanes closed up
        self.marker = float(theme.px(0.8))
        self.min_label = float(theme.px(4.5))
        self.tick_len = float(theme.px(0.45))
        self.chip_h = math.ceil(self.chip_fm.height() + theme.px(0.2))
        self.overflow_h = self.chip_h + theme.px(0.3)
        self.header_h = math.ceil(self.small_fm.height() + 2 * self.pad)
        self.axis_h = math.ceil(
            self.tick_len + self.pad + self.small_fm.height() + self.pad
            + self.context_fm.height() + self.pad
        )
        c = QColor
        self.surface, self.text, self.muted = c(theme.surface), c(theme.text), c(theme.text_muted)
        self.axis, self.grid, self.border = c(theme.axis), c(theme.tick_line), c(theme.border)
        self.accent, self.selection = c(theme.accent), c(theme.selection)
        self.highlight, self.as_of = c(theme.highlight), c(theme.as_of_line)
        self.chip_fill, self.chip_text = c(theme.chip_fill), c(theme.chip_text)
        self.changed_edge = c(theme.changed_edge)
        self.outside = with_alpha(c(theme.surface_alt), 150 if theme.dark else 170)
        self.density = mix(c(theme.accent), self.surface, 0.55 if theme.dark else 0.45)
        self.neutral = c(theme.text_muted)
        self.tick_spacing = self.small_fm.horizontalAdvance("0000") * 1.5
        self.fonts = {
            "label": self.font, "small": self.small, "context": self.context_font,
            "chip": self.chip_font,
        }
        # Memo tables: labels, ticks and counts repeat from frame to frame. The returned
        # objects are shared, never to be changed.
        # A label past MAX_LAYOUT_CHARS never fits: measuring a 1 MB title took 0.2 s.
        self.width: Callable[[str], float] = lru_cache(maxsize=50_000)(
            lambda text: self.fm.horizontalAdvance(text[:MAX_LAYOUT_CHARS]))
        # Each wraps a lambda, not the Qt method itself: lru_cache copies the wrapped
        # function's __doc__, and asking a Qt method for it loads the signature texts of
        # every Qt class (40-200 ms before the first paint, issue 18).
        small_fm, context_fm, chip_fm = self.small_fm, self.context_fm, self.chip_fm
        self.small_width: Callable[[str], float] = lru_cache(maxsize=10_000)(
            lambda text: small_fm.horizontalAdvance(text))
        self.context_width: Callable[[str], float] = lru_cache(maxsize=10_000)(
            lambda text: context_fm.horizontalAdvance(text))
        self.chip_width: Callable[[str], float] = lru_cache(maxsize=10_000)(
            lambda text: chip_fm.horizontalAdvance(text))
        self.static_text: Callable[[str, str], QStaticText] = lru_cache(maxsize=20_000)(
            self._static_text)
        self.mark_color: Callable[[str], QColor] = lru_cache(maxsize=1000)(self._mark_color)
        self.event_colors: Callable[[tuple[str, ...], tuple[int, ...]], tuple[QColor, ...]] = (
            lru_cache(maxsize=4096)(self._event_colors))
        self._elided: Callable[[str, int], str] = lru_cache(maxsize=5000)(self._elide)
        self._tints: BoundedCache[tuple[int, bool], QColor] = BoundedCache(1000)

    def _static_text(self, text: str, font: str) -> QStaticText:
        """``text`` laid out once in the named font (label, small, context or chip) and
        reused: tick labels, counts and titles repeat from frame to frame. Plain text
        always, since a QStaticText would otherwise guess at rich text."""
        static = QStaticText(text)
        static.setTextFormat(Qt.TextFormat.PlainText)
        static.setPerformanceHint(QStaticText.PerformanceHint.AggressiveCaching)
        static.prepare(QTransform(), self.fonts[font])
        return static

    def elide(self, text: str, width: float) -> str:
        """``text`` cut with an ellipsis to ``width`` px in the label font. Remembered: the
        same titles are cut to the same room frame after frame (25 µs a cut). Qt cuts at
        the width in whole 1/64 px, so that is the key, and a pan that moves a label and
        its limit alike still finds it."""
        if width <= 0:
            return self.fm.elidedText(text, Qt.TextElideMode.ElideRight, width)
        return self._elided(text, int(width * 64))

    def _elide(self, text: str, width64: int) -> str:
        return self.fm.elidedText(text, Qt.TextElideMode.ElideRight, width64 / 64)

    def tint(self, color: QColor, strong: bool = False) -> QColor:
        """``color`` mixed into the surface: a bar fill that labels stay readable on."""
        def make() -> QColor:
            dark = self.theme.dark
            amount = (0.42 if strong else 0.34) if dark else (0.36 if strong else 0.26)
            return mix(color, self.surface, amount)

        return self._tints.get_or_make((color.rgba(), strong), make)

    def _mark_color(self, hex_color: str) -> QColor:
        """An actor colour made to stand out on this theme's surface."""
        return visible_actor_color(hex_color, self.theme.dark)

    def _event_colors(
        self, actor_colors: tuple[str, ...], actors: tuple[int, ...]
    ) -> tuple[QColor, ...]:
        """The mark colours of an event tagged with ``actors`` (the neutral one for none)."""
        return tuple(
            self.mark_color(actor_colors[a]) for a in actors if a < len(actor_colors)
        ) or (self.neutral,)


def _font(theme: Theme, factor: float, bold: bool = False) -> QFont:
    return theme_font(theme, factor, QFont.Weight.Bold if bold else QFont.Weight.Normal)


def mix(color: QColor, base: QColor, amount: float) -> QColor:
    """``amount`` of ``color`` over ``base``, opaque."""
    return QColor.fromRgbF(
        base.redF() + (color.redF() - base.redF()) * amount,
        base.greenF() + (color.greenF() - base.greenF()) * amount,
        base.blueF() + (color.blueF() - base.blueF()) * amount,
    )


def with_alpha(color: QColor, alpha: int) -> QColor:
    """A copy of ``color`` with ``alpha`` (0–255)."""
    out = QColor(color)
    out.setAlpha(alpha)
    return out


def timeline_style(theme: Theme) -> TimelineStyle:
    """The style for ``theme``, one per thread (see the module's docstring)."""
    return _style(theme, threading.get_ident())


@lru_cache(maxsize=16)
def _style(theme: Theme, thread: int) -> TimelineStyle:
    return TimelineStyle(theme)
