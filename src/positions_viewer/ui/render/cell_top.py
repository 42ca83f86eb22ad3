"""The top line of a position cell: the stance chip, the date (with a stale statement's age)
and the badges (its kind, an earlier match), laid out so that nothing is cut mid-word or
drawn past the cell (issue 13 item 13; DESIGN §4 "Grid")."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter

from ...model.compare import statement_age
from ...model.query import Cell
from ...model.search import Hit
from .text_layout import elide, elide_words

if TYPE_CHECKING:
    from .grid_painter import GridStyle

__all__ = ["HISTORY_MATCH_TEXT", "UNDATED_TEXT", "draw_chip", "meta_layout", "paint_meta"]

UNDATED_TEXT = "undated"
HISTORY_MATCH_TEXT = "◆ earlier match"  # the search matches an earlier statement


def _meta_date(cell: Cell) -> str:
    position = cell.position
    assert position is not None
    date = position.date.label() if position.date is not None else UNDATED_TEXT
    if cell.stale and cell.age_days is not None and position.date is not None:
        # the largest unit, on the calendar: the tooltip and the exports say it in full
        date += f" · {statement_age(position.date, cell.age_days, largest=True)} old"
    return date


@dataclass(frozen=True, slots=True)
class _Meta:
    """A cell's top line: the stance chip, the date, the badges (kind, earlier match). On
    one line where they fit; else the chip on its own line above the date and badges, so
    the stance never disappears (see :func:`meta_layout`)."""

    chip: str
    date: str
    badges: tuple[tuple[str, str], ...]  # (text, colour name)
    two_lines: bool

    def height(self, style: GridStyle) -> float:
        line = max(style.chip_height, style.small_line)
        return 2 * line + style.gap / 2 if self.two_lines else line


def meta_layout(cell: Cell, width: float, style: GridStyle,
                 mark: tuple[str, str, str] | None) -> _Meta:
    """Where the stance, the date and the badges go in ``width`` px. In order of preference:
    one line with the stance whole and the badges in words; the stance on its own line
    above the date and the badges in words; then the date without its age (still in the
    stale colour; the tooltip says it); then the badges as their marks ("●"). Nothing is cut
    mid-word and nothing is drawn past the cell."""
    position = cell.position
    assert position is not None
    small, chip_font = QFontMetricsF(style.small), QFontMetricsF(style.chip)
    chip_pad = 2 * style.theme.px(0.45)
    gap = 2 * style.gap
    date = _meta_date(cell)
    full = [(mark[0], mark[2])] if mark is not None else []
    if cell.search is Hit.HISTORY:
        full.append((HISTORY_MATCH_TEXT, "text_muted"))
    compact = [(text.split(" ", 1)[0], color) for text, color in full]  # "●", "○", "⌕"

    def widths(badges: list[tuple[str, str]]) -> float:
        return sum(chip_font.horizontalAdvance(text) + gap for text, _c in badges)

    stance = position.stance
    room = width - small.horizontalAdvance(date) - gap - widths(full)
    chip = elide_words(stance, style.chip, room - chip_pad) if stance else ""
    if not stance or chip == stance:
        return _Meta(chip, date, tuple(full), False)
    # Two lines: the chip across the whole width, then the date and the badges.
    chip = elide_words(stance, style.chip, width - chip_pad) or elide(
        stance, style.chip, width - chip_pad)
    plain = position.date.label() if position.date is not None else UNDATED_TEXT
    for shown, badges in ((date, full), (plain, full), (date, compact), (plain, compact),
                          (plain, [])):
        if small.horizontalAdvance(shown) + gap + widths(badges) <= width:
            return _Meta(chip, shown, tuple(badges), True)
    return _Meta(chip, elide(plain, style.small, width), (), True)


def paint_meta(painter: QPainter, inner: QRectF, meta: _Meta, style: GridStyle,
                stale: bool) -> None:
    line = max(style.chip_height, style.small_line)
    top = QRectF(inner.left(), inner.top(), inner.width(), line)
    bottom = top.translated(0, line + style.gap / 2) if meta.two_lines else top
    painter.setFont(style.small)
    painter.setPen(style.color("stale_text" if stale else "text_muted"))
    painter.drawText(bottom, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                     meta.date)
    right = bottom.right() - QFontMetricsF(style.small).horizontalAdvance(meta.date) \
        - 2 * style.gap
    chip_font = QFontMetricsF(style.chip)
    painter.setFont(style.chip)
    for badge, color in meta.badges:
        badge_width = chip_font.horizontalAdvance(badge)
        if right - badge_width < inner.left():
            break  # never past the cell's edge (the layout leaves room; a guard)
        painter.setPen(style.color(color))
        painter.drawText(QRectF(right - badge_width, bottom.top(), badge_width, line),
                         Qt.AlignmentFlag.AlignVCenter, badge)
        right -= badge_width + 2 * style.gap
    if meta.chip:
        draw_chip(painter, top, meta.chip, style)


def draw_chip(painter: QPainter, rect: QRectF, text: str, style: GridStyle) -> None:
    """The stance as a rounded chip at the left of ``rect`` (``text`` already fitted)."""
    chip_pad = style.theme.px(0.45)
    width = QFontMetricsF(style.chip).horizontalAdvance(text) + 2 * chip_pad
    chip = QRectF(rect.left(), rect.center().y() - style.chip_height / 2, width,
                  style.chip_height)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(style.color("chip_fill"))
    painter.drawRoundedRect(chip, style.chip_height / 2, style.chip_height / 2)
    painter.setFont(style.chip)
    painter.setPen(style.color("chip_text"))
    painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, text)
