"""What a handout page shows below its picture (DESIGN §5): the speaker notes of the view or
step, and the sources cited by the positions shown, numbered as footnotes (title, date,
address). Measured and painted at the page's layout width, like the rest of the page.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter

from ...model import QueryResult, Source
from ..theme import Theme
from .text_layout import theme_font, wrap

__all__ = ["HandoutNotes", "cited_sources", "layout_notes", "paint_notes"]

MAX_NOTE_LINES = 30
MAX_SOURCES = 40  # more are summed up in one line: a page is not a bibliography
NOTES_HEADING = "Speaker notes"
SOURCES_HEADING = "Sources"


def cited_sources(result: QueryResult) -> list[Source]:
    """The sources the shown positions cite, in the order they are first cited (issue by
    issue, actor by actor, as the grid reads), each once."""
    dataset = result.dataset
    seen: dict[int, None] = {}
    for row in range(result.row_count):
        for column in range(result.column_count):
            position = result.cell(row, column).position
            if position is not None:
                seen.update(dict.fromkeys(position.sources))
    return [dataset.sources[i] for i in seen]


def source_line(number: int, source: Source) -> str:
    """``3. Title, 26 Dec 2025: https://…`` (plain text; the address as the file has it)."""
    text = f"{number}. {source.label}"
    if source.date is not None:
        text += f", {source.date.label()}"
    return text + (f": {source.url}" if source.url else "")


@dataclass(slots=True)
class HandoutNotes:
    """The block's lines, fonts and height in layout px (0 when there is nothing to say)."""

    theme: Theme
    heading: QFont
    body: QFont
    small: QFont
    notes: tuple[str, ...]
    sources: list[tuple[str, ...]]
    gap: float
    height: float


def layout_notes(notes: str, result: QueryResult, theme: Theme, width: float) -> HandoutNotes:
    """Wrap ``notes`` and the cited sources of ``result`` to ``width`` layout px."""
    heading = theme_font(theme, 1.15, QFont.Weight.DemiBold)
    body, small = theme_font(theme, 1.0), theme_font(theme, 0.85)
    gap = theme.px(0.6)
    lines = wrap(notes.strip(), body, width, MAX_NOTE_LINES) if notes.strip() else ()
    sources = cited_sources(result)
    wrapped = [wrap(source_line(n, s), small, width, 3)
               for n, s in enumerate(sources[:MAX_SOURCES], start=1)]
    if len(sources) > MAX_SOURCES:
        wrapped.append((f"… and {len(sources) - MAX_SOURCES} more sources",))
    head = QFontMetricsF(heading).lineSpacing()
    height = 0.0
    if lines:
        height += head + len(lines) * QFontMetricsF(body).lineSpacing()
    if wrapped:
        height += (gap if lines else 0.0) + head
        height += sum(len(w) for w in wrapped) * QFontMetricsF(small).lineSpacing()
    return HandoutNotes(theme, heading, body, small, lines, wrapped, gap, height)


def paint_notes(painter: QPainter, origin: QPointF, block: HandoutNotes) -> None:
    """The notes, then the numbered sources, from ``origin`` (top-left, layout px)."""
    x, y = origin.x(), origin.y()
    theme = block.theme
    if block.notes:
        y = _lines(painter, x, y, (NOTES_HEADING,), block.heading, theme.text)
        y = _lines(painter, x, y, block.notes, block.body, theme.text)
    if block.sources:
        y += block.gap if block.notes else 0.0
        y = _lines(painter, x, y, (SOURCES_HEADING,), block.heading, theme.text)
        for lines in block.sources:
            y = _lines(painter, x, y, lines, block.small, theme.text_muted)


def _lines(painter: QPainter, x: float, y: float, lines: tuple[str, ...], font: QFont,
           color: str) -> float:
    metrics = QFontMetricsF(font)
    painter.setFont(font)
    painter.setPen(QColor(color))
    for line in lines:
        painter.drawText(QPointF(x, y + metrics.ascent()), line)
        y += metrics.lineSpacing()
    return y
