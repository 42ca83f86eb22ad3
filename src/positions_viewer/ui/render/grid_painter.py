"""Painting the positions grid: actor headers, issue cells and position cells.

The window's table delegate, presenter mode and the exporter all draw cells through these
functions, and size rows with the same height functions, so a PNG shows what the user saw.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from ...model import Actor, Issue, QueryResult
from ...model.query import Cell
from ..theme import Theme
from .colors import visible_actor_color
from .fonts import theme_font
from .text_layout import elide, wrap

__all__ = [
    "CellState",
    "GridLayout",
    "GridStyle",
    "actor_header_height",
    "cell_height",
    "grid_layout",
    "issue_height",
    "paint_actor_header",
    "paint_cell",
    "paint_corner",
    "paint_grid",
    "paint_issue",
]

EMPTY_TEXT = "No stated position"
UNDATED_TEXT = "undated"
CHANGED_TEXT = "changed"


@dataclass(frozen=True, slots=True)
class CellState:
    selected: bool = False
    highlighted: bool = False  # related to the selected timeline event
    focused: bool = False


class GridStyle:
    """Fonts, colours and spacing for one theme; build one per theme change, not per paint."""

    def __init__(self, theme: Theme, max_text_lines: int = 8) -> None:
        self.theme = theme
        self.max_text_lines = max_text_lines
        self.body = _font(theme, 1.0)
        self.bold = _font(theme, 1.0, QFont.Weight.DemiBold)
        self.title = _font(theme, 1.08, QFont.Weight.DemiBold)
        self.small = _font(theme, 0.85)
        self.chip = _font(theme, 0.8, QFont.Weight.DemiBold)
        self.muted_italic = _font(theme, 1.0)
        self.muted_italic.setItalic(True)
        self.pad = theme.px(0.7)
        self.gap = theme.px(0.35)
        self.bar = max(3, theme.px(0.3))
        self.body_line = QFontMetricsF(self.body).lineSpacing()
        self.title_line = QFontMetricsF(self.title).lineSpacing()
        self.small_line = QFontMetricsF(self.small).lineSpacing()
        self.chip_height = QFontMetricsF(self.chip).height() + theme.px(0.3)
        self.colors = {name: QColor(getattr(theme, name)) for name in _COLOR_NAMES}

    def color(self, name: str) -> QColor:
        return self.colors[name]


_COLOR_NAMES = (
    "background", "surface", "surface_alt", "text", "text_muted", "border", "accent",
    "selection", "highlight", "changed_fill", "changed_edge", "chip_fill", "chip_text",
)


def _font(theme: Theme, factor: float, weight: QFont.Weight = QFont.Weight.Normal) -> QFont:
    font = theme_font(theme)
    font.setPixelSize(theme.px(factor))
    font.setWeight(weight)
    return font


# -- sizes -------------------------------------------------------------------------------


def cell_height(cell: Cell, width: float, style: GridStyle) -> int:
    inner = width - 2 * style.pad
    if cell.position is None:
        return round(2 * style.pad + style.body_line)
    lines = wrap(cell.position.text, style.body, inner, style.max_text_lines)
    meta = max(style.chip_height, style.small_line)
    return round(2 * style.pad + meta + style.gap + len(lines) * style.body_line)


def issue_height(issue: Issue, width: float, style: GridStyle) -> int:
    inner = width - 2 * style.pad
    height = 2 * style.pad + len(wrap(issue.title, style.title, inner, 4)) * style.title_line
    if issue.description:
        lines = wrap(issue.description, style.small, inner, 3)
        height += style.gap + len(lines) * style.small_line
    return round(height)


def actor_header_height(actors: list[Actor], width: float, style: GridStyle) -> int:
    has_detail = any(a.detail for a in actors)
    height = 2 * style.pad + style.bar + style.gap + style.title_line
    if has_detail:
        height += style.small_line
    return round(height)


# -- painting ----------------------------------------------------------------------------


def paint_cell(
    painter: QPainter, rect: QRectF, cell: Cell, style: GridStyle, state: CellState = CellState()
) -> None:
    """One position cell: stance chip, date, changed badge and the wrapped text."""
    fill = "surface"
    if cell.changed:
        fill = "changed_fill"
    if state.highlighted:
        fill = "highlight"
    if state.selected:
        fill = "selection"
    painter.fillRect(rect, style.color(fill))
    if cell.changed:
        painter.fillRect(QRectF(rect.left(), rect.top(), style.bar, rect.height()),
                         style.color("changed_edge"))
    inner = rect.adjusted(style.pad, style.pad, -style.pad, -style.pad)
    position = cell.position
    if position is None:
        painter.setFont(style.muted_italic)
        painter.setPen(style.color("text_muted"))
        text = elide(EMPTY_TEXT, style.muted_italic, inner.width())
        painter.drawText(inner, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, text)
    else:
        meta = max(style.chip_height, style.small_line)
        _paint_meta(painter, QRectF(inner.left(), inner.top(), inner.width(), meta),
                    cell, style)
        top = inner.top() + meta + style.gap
        painter.setFont(style.body)
        painter.setPen(style.color("text"))
        ascent = QFontMetricsF(style.body).ascent()
        lines = wrap(position.text, style.body, inner.width(), style.max_text_lines)
        for number, line in enumerate(lines):
            painter.drawText(QPointF(inner.left(), top + number * style.body_line + ascent), line)
    if state.selected or state.focused:
        _outline(painter, rect, style.color("accent"), 2.0)


def _paint_meta(painter: QPainter, rect: QRectF, cell: Cell, style: GridStyle) -> None:
    position = cell.position
    assert position is not None
    date = position.date.label() if position.date is not None else UNDATED_TEXT
    small = QFontMetricsF(style.small)
    chip_metrics = QFontMetricsF(style.chip)
    date_width = small.horizontalAdvance(date)
    painter.setFont(style.small)
    painter.setPen(style.color("text_muted"))
    painter.drawText(rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, date)
    left = rect.left()
    room = rect.width() - date_width - style.gap * 2
    if cell.changed:
        badge = f"● {CHANGED_TEXT}"
        badge_width = chip_metrics.horizontalAdvance(badge)
        if badge_width < room:
            painter.setFont(style.chip)
            painter.setPen(style.color("changed_edge"))
            badge_rect = QRectF(rect.right() - date_width - style.gap * 2 - badge_width,
                                rect.top(), badge_width, rect.height())
            painter.drawText(badge_rect, Qt.AlignmentFlag.AlignVCenter, badge)
            room -= badge_width + style.gap * 2
    if position.stance and room > chip_metrics.horizontalAdvance("M…") + style.pad:
        chip_pad = style.theme.px(0.45)
        text = elide(position.stance, style.chip, room - 2 * chip_pad)
        width = chip_metrics.horizontalAdvance(text) + 2 * chip_pad
        chip = QRectF(left, rect.center().y() - style.chip_height / 2, width, style.chip_height)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(style.color("chip_fill"))
        painter.drawRoundedRect(chip, style.chip_height / 2, style.chip_height / 2)
        painter.setFont(style.chip)
        painter.setPen(style.color("chip_text"))
        painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, text)


def paint_issue(
    painter: QPainter, rect: QRectF, issue: Issue, style: GridStyle, state: CellState = CellState()
) -> None:
    """The row header: the issue's title and, below it, its description."""
    painter.fillRect(rect, style.color("highlight" if state.highlighted else "surface_alt"))
    inner = rect.adjusted(style.pad, style.pad, -style.pad, -style.pad)
    top = inner.top()
    painter.setPen(style.color("text"))
    painter.setFont(style.title)
    ascent = QFontMetricsF(style.title).ascent()
    for line in wrap(issue.title, style.title, inner.width(), 4):
        painter.drawText(QPointF(inner.left(), top + ascent), line)
        top += style.title_line
    if issue.description:
        top += style.gap
        painter.setFont(style.small)
        painter.setPen(style.color("text_muted"))
        ascent = QFontMetricsF(style.small).ascent()
        for line in wrap(issue.description, style.small, inner.width(), 3):
            painter.drawText(QPointF(inner.left(), top + ascent), line)
            top += style.small_line
    if state.selected or state.focused:
        _outline(painter, rect, style.color("accent"), 2.0)


def paint_actor_header(
    painter: QPainter, rect: QRectF, actor: Actor, color: str, style: GridStyle,
    highlighted: bool = False,
) -> None:
    """A column header: a colour bar, the actor's name and its detail line."""
    painter.fillRect(rect, style.color("highlight" if highlighted else "surface_alt"))
    inner = rect.adjusted(style.pad, style.pad, -style.pad, -style.pad)
    painter.fillRect(QRectF(inner.left(), inner.top(), inner.width(), style.bar),
                     visible_actor_color(color, style.theme.dark))
    top = inner.top() + style.bar + style.gap
    painter.setFont(style.title)
    painter.setPen(style.color("text"))
    painter.drawText(QPointF(inner.left(), top + QFontMetricsF(style.title).ascent()),
                     elide(actor.name, style.title, inner.width()))
    if actor.detail:
        top += style.title_line
        painter.setFont(style.small)
        painter.setPen(style.color("text_muted"))
        painter.drawText(QPointF(inner.left(), top + QFontMetricsF(style.small).ascent()),
                         elide(actor.detail, style.small, inner.width()))


def paint_corner(painter: QPainter, rect: QRectF, style: GridStyle, text: str = "Issue") -> None:
    """The header cell above the issue column."""
    painter.fillRect(rect, style.color("surface_alt"))
    inner = rect.adjusted(style.pad, style.pad, -style.pad, -style.pad)
    painter.setFont(style.small)
    painter.setPen(style.color("text_muted"))
    painter.drawText(inner, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
                     elide(text, style.small, inner.width()))


def _outline(painter: QPainter, rect: QRectF, color: QColor, width: float) -> None:
    pen = QPen(color, width)
    pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    half = width / 2
    painter.drawRect(rect.adjusted(half, half, -half, -half))


# -- the whole grid, for export and presenter mode ------------------------------------------


@dataclass(slots=True)
class GridLayout:
    """Column edges and row heights of a grid laid out at a fixed width."""

    width: float
    issue_width: float
    column_width: float
    header_height: int
    row_heights: list[int] = field(default_factory=list)

    @property
    def height(self) -> int:
        return self.header_height + sum(self.row_heights)

    def column_x(self, column: int) -> float:
        return self.issue_width + column * self.column_width


def issue_column_width(total: float, columns: int) -> float:
    """The issue column: about a quarter of the width, narrower when actors are many."""
    share = 0.26 if columns <= 3 else 0.2
    return max(min(total * share, 380.0), min(160.0, total * 0.4))


def grid_layout(result: QueryResult, width: float, style: GridStyle) -> GridLayout:
    columns = max(1, result.column_count)
    issue_width = issue_column_width(width, result.column_count)
    column_width = (width - issue_width) / columns
    dataset = result.dataset
    actors = [dataset.actors[i] for i in result.actor_columns.tolist()]
    layout = GridLayout(width, issue_width, column_width,
                        actor_header_height(actors, column_width, style))
    for row, issue_index in enumerate(result.issue_rows.tolist()):
        height = issue_height(dataset.issues[issue_index], issue_width, style)
        for column in range(result.column_count):
            height = max(height, cell_height(result.cell(row, column), column_width, style))
        layout.row_heights.append(height)
    return layout


def paint_grid(
    painter: QPainter,
    origin: QPointF,
    result: QueryResult,
    layout: GridLayout,
    colors: list[str],
    style: GridStyle,
    highlight_issues: frozenset[int] = frozenset(),
    highlight_actors: frozenset[int] = frozenset(),
    changed: frozenset[tuple[int, int]] | None = None,
    rows: range | None = None,
) -> None:
    """Every row of ``result`` at ``origin`` (or only ``rows``, under the column header: a
    printed page of a long grid): no scrolling, no selection, no focus.

    Cells of a highlighted issue and actor (a selected event) are drawn highlighted. With
    ``changed`` (a presenter step: what changed at that step), exactly those (issue, actor)
    cells are marked as changed, not every cell whose position falls in the dates.
    """
    dataset = result.dataset
    left, top = origin.x(), origin.y()
    paint_corner(painter, QRectF(left, top, layout.issue_width, layout.header_height), style)
    for column, actor_index in enumerate(result.actor_columns.tolist()):
        rect = QRectF(left + layout.column_x(column), top, layout.column_width,
                      layout.header_height)
        paint_actor_header(painter, rect, dataset.actors[actor_index], colors[actor_index],
                           style, highlighted=actor_index in highlight_actors)
    y = top + layout.header_height
    rows = range(len(layout.row_heights)) if rows is None else rows
    issue_rows = result.issue_rows
    for row in rows:
        issue_index = int(issue_rows[row])
        height = layout.row_heights[row]
        paint_issue(painter, QRectF(left, y, layout.issue_width, height),
                    dataset.issues[issue_index], style,
                    CellState(highlighted=issue_index in highlight_issues))
        for column in range(result.column_count):
            cell = result.cell(row, column)
            if changed is not None:
                cell = replace(cell, changed=(cell.issue, cell.actor) in changed)
            related = cell.issue in highlight_issues and cell.actor in highlight_actors
            paint_cell(painter, QRectF(left + layout.column_x(column), y, layout.column_width,
                                       height), cell, style, CellState(highlighted=related))
        y += height
    _paint_rules(painter, left, top, layout, style, [layout.row_heights[r] for r in rows])


def _paint_rules(painter: QPainter, left: float, top: float, layout: GridLayout,
                 style: GridStyle, row_heights: list[int]) -> None:
    painter.setPen(QPen(style.color("border"), 1.0))
    height = layout.header_height + sum(row_heights)
    bottom = top + height
    x = left + layout.issue_width
    painter.drawLine(QPointF(x, top), QPointF(x, bottom))
    for column in range(1, max(1, round((layout.width - layout.issue_width)
                                         / max(1.0, layout.column_width)))):
        x = left + layout.column_x(column)
        painter.drawLine(QPointF(x, top), QPointF(x, bottom))
    y = top + layout.header_height
    painter.drawLine(QPointF(left, y), QPointF(left + layout.width, y))
    for row_height in row_heights:
        y += row_height
        painter.drawLine(QPointF(left, y), QPointF(left + layout.width, y))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(QRectF(left, top, layout.width, height).adjusted(0.5, 0.5, -0.5, -0.5))
