"""Plain-text wrapping for painted cells: lines cut to a maximum with an ellipsis.

Everything goes through ``QTextLayout`` on plain strings, so nothing from a data file can be
read as markup. Results are cached: the same cell is laid out on every repaint and scroll.
"""

from __future__ import annotations

import re
from functools import lru_cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetricsF, QTextLayout, QTextOption

from ..theme import Theme
from .fonts import family_font

__all__ = ["MAX_LAYOUT_CHARS", "elide", "elide_words", "theme_font", "wrap"]

_ELIDE_RIGHT = Qt.TextElideMode.ElideRight
_SLASH_IN_TOKEN = re.compile(r"(?<=\w)/(?=\w)")

# No cell shows more than a few hundred characters; laying out a 1 MB string to show eight
# lines of it would cost seconds. The details panel shows the full text.
MAX_LAYOUT_CHARS = 4000


def theme_font(theme: Theme, factor: float,
               weight: QFont.Weight = QFont.Weight.Normal) -> QFont:
    """The theme's font at ``factor`` times its body size (pixels), at ``weight``: the one
    place painters make their fonts."""
    font = family_font(theme)  # the bundled family and its fallbacks (fonts.py)
    font.setPixelSize(theme.px(factor))
    font.setWeight(weight)
    return font


def wrap(text: str, font: QFont, width: float, max_lines: int) -> tuple[str, ...]:
    """``text`` wrapped at word boundaries into at most ``max_lines`` lines of ``width`` px.

    The last line ends with "…" when the text was cut. Newlines in the text are kept.
    """
    return _wrap(text, font.key(), width, max_lines, _FontHandle(font))


def elide(text: str, font: QFont, width: float) -> str:
    """One line, cut with "…" to fit ``width`` px."""
    single = " ".join(text[:MAX_LAYOUT_CHARS].split())
    return QFontMetricsF(font).elidedText(single, _ELIDE_RIGHT, max(0.0, width))


def elide_words(text: str, font: QFont, width: float) -> str:
    """One line that fits ``width`` px: ``text`` whole, else its first words and "…" (a
    short tag is never cut mid-word: "abstain" does not become "a…"); "" when not even the
    first word and "…" fit. A single word longer than the line is cut with "…" only when
    the line holds at least eight of its characters."""
    single = " ".join(text[:MAX_LAYOUT_CHARS].split())
    metrics = QFontMetricsF(font)
    if metrics.horizontalAdvance(single) <= width:
        return single
    words = single.split(" ")
    for count in range(len(words) - 1, 0, -1):
        shorter = " ".join(words[:count]).rstrip(",;:") + "…"
        if metrics.horizontalAdvance(shorter) <= width:
            return shorter
    cut = metrics.elidedText(words[0], _ELIDE_RIGHT, max(0.0, width))
    return cut if len(cut) >= 9 else ""


class _FontHandle:
    """Carries the QFont into the cache without making it part of the key (QFont is not
    hashable); the font's ``key()`` string identifies it instead."""

    __slots__ = ("font",)

    def __init__(self, font: QFont) -> None:
        self.font = font

    def __hash__(self) -> int:
        return 0

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _FontHandle)


@lru_cache(maxsize=8192)
def _wrap(
    text: str, font_key: str, width: float, max_lines: int, handle: _FontHandle
) -> tuple[str, ...]:
    font = handle.font
    width = max(8.0, width)
    clipped = len(text) > MAX_LAYOUT_CHARS
    source = text[:MAX_LAYOUT_CHARS].replace("\r\n", "\n").replace("\n", "\u2028")
    # No break after a slash inside a token ("A/RES/79/171" read "A/" then "RES/…"): a word
    # joiner after it, dropped from the lines once they are laid out (it has no width).
    source = _SLASH_IN_TOKEN.sub("/\u2060", source)
    layout = QTextLayout(source, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    lines: list[str] = []
    cut = clipped
    layout.beginLayout()
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        if len(lines) == max_lines:
            cut = True
            break
        start, length = line.textStart(), line.textLength()
        lines.append(source[start : start + length].replace("\u2028", "")
                     .replace("\u2060", "").rstrip())
    layout.endLayout()
    if cut and lines:
        metrics = QFontMetricsF(font)
        last = lines[-1].rstrip()
        while last and metrics.horizontalAdvance(last + "…") > width:
            last = last[:-1].rstrip()
        lines[-1] = last + "…"
    return tuple(lines) if lines else ("",)
