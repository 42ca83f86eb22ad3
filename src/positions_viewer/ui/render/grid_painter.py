"""Painting the positions grid: actor headers, issue cells and position cells.

The window's table delegate, presenter mode and the exporter all draw cells through these
functions, and size rows with the same height functions, so a PNG shows what the user saw.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from ...model import Actor, Issue, QueryResult
from ...model.compare import Kind
from ...model.query import Cell
from ...model.search import match_spans
from ...model.text import NO_TEXT, is_blank
from ..theme import Theme
from .cell_top import UNDATED_TEXT, meta_layout, paint_meta
from .colors import visible_actor_color
from .text_layout import elide, theme_font, wrap

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
CHANGED_TEXT = "changed"
# How each kind is marked (DESIGN §1 Compare): new and changed loudly, each in its colour,
# restated quietly (a thin grey edge and a hollow dot); unchanged and empty not at all.
KIND_MARKS: dict[Kind, tuple[str, str, str]] = {  # badge, fill, edge
    Kind.NEW: ("● new", "new_fill", "new_edge"),
    Kind.CHANGED: (f"● {CHANGED_TEXT}", "changed_fill", "changed_edge"),
    Kind.RESTATED: ("○ restated", "surface", "restated_edge"),
}


@dataclass(frozen=True, slots=True)
class CellState:
    selected: bool = False
    highlighted: bool = False  # related to the selected timeline event
    focused: bool = False
    search: str = ""  # the search text: its matches are marked behind the words


class GridStyle:
    """Fonts, colours and spacing for one theme; build one per theme change, not per paint.
    ``compare``: cells show, beneath their statement, the one in force before (compare
    mode, DESIGN §1 Compare)."""

    def __init__(self, theme: Theme, max_text_lines: int = 8, compare: bool = False) -> None:
        self.theme = theme
        self.max_text_lines = max_text_lines
        # An issue's title and description: cut at these many lines (a presenter step, with
        # room to spare, shows more: ``max_text_lines`` above the window's 8 lifts them too).
        self.title_lines = 4 if max_text_lines <= 8 else 6
        self.description_lines = 3 if max_text_lines <= 8 else max_text_lines
        self.compare = compare
        self.body = theme_font(theme, 1.0)
        self.bold = theme_font(theme, 1.0, QFont.Weight.DemiBold)
        self.title = theme_font(theme, 1.08, QFont.Weight.DemiBold)
        self.small = theme_font(theme, 0.85)
        self.chip = theme_font(theme, 0.8, QFont.Weight.DemiBold)
        self.muted_italic = theme_font(theme, 1.0)
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
    "selection", "highlight", "highlight_edge", "changed_fill", "changed_edge", "new_fill",
    "new_edge", "restated_edge", "stale_text", "match_fill", "chip_fill", "chip_text",
)


# -- sizes -------------------------------------------------------------------------------


def cell_height(cell: Cell, width: float, style: GridStyle) -> int:
    inner = width - 2 * style.pad
    if cell.position is None:
        return round(2 * style.pad + style.body_line)
    lines = wrap(cell.position.text, style.body, inner, style.max_text_lines)
    meta = meta_layout(cell, inner, style, cell_mark(cell)).height(style)
    height = 2 * style.pad + meta + style.gap + len(lines) * style.body_line
    before = _before_lines(cell, inner, style)
    if before:
        height += 2 * style.gap + len(before) * style.small_line
    return round(height)


BEFORE_TEXT_LINES = 3


def _before_lines(cell: Cell, width: float, style: GridStyle) -> tuple[str, ...]:
    """Compare mode: what was in force at A, for a cell that changed, was restated or is
    new ("Before: …" and up to three lines of its text); nothing otherwise."""
    if not style.compare or cell.kind not in KIND_MARKS:
        return ()
    before = cell.before
    if before is None:
        return ("Before: no stated position",)
    date = before.date.label() if before.date is not None else UNDATED_TEXT
    head = " · ".join(part for part in ("Before", date, before.stance) if part)
    body = NO_TEXT if is_blank(before.text) else before.text
    return (elide(head, style.small, width),
            *wrap(body, style.small, width, BEFORE_TEXT_LINES))


def issue_height(issue: Issue, width: float, style: GridStyle) -> int:
    inner = width - 2 * style.pad
    height = 2 * style.pad + len(wrap(issue.label, style.title, inner, style.title_lines)) \
        * style.title_line
    if issue.description:
        lines = wrap(issue.description, style.small, inner, style.description_lines)
        height += style.gap + len(lines) * style.small_line
    return round(height)


NAME_LINES = 2  # an actor's name wraps onto this many lines in its column's header
DETAIL_LINES = 2  # and its detail ("Permanent mission to the UN") onto this many


def actor_header_height(actors: list[Actor], width: float, style: GridStyle) -> int:
    """The headers' height: the colour bar, the longest name and the longest detail (each up
    to two lines at the column's ``width``)."""
    inner = width - 2 * style.pad
    lines = max((len(wrap(a.label, style.title, inner, NAME_LINES)) for a in actors), default=1)
    details = max((len(wrap(a.detail, style.small, inner, DETAIL_LINES)) for a in actors
                   if a.detail), default=0)
    height = 2 * style.pad + style.bar + style.gap + lines * style.title_line
    return round(height + details * style.small_line)


# -- painting ----------------------------------------------------------------------------


def cell_mark(cell: Cell) -> tuple[str, str, str] | None:
    """(badge, fill colour name, edge colour name) marking ``cell``'s kind, or ``None``.
    A presenter step's own "changed" (:func:`paint_grid`'s ``changed``) counts as changed."""
    if cell.kind in KIND_MARKS and (cell.changed or cell.kind is Kind.RESTATED):
        return KIND_MARKS[cell.kind]
    return KIND_MARKS[Kind.CHANGED] if cell.changed else None


def paint_cell(
    painter: QPainter, rect: QRectF, cell: Cell, style: GridStyle, state: CellState = CellState()
) -> None:
    """One position cell: stance chip, date, its kind's badge and the wrapped text; a
    stale statement says how old it is; search matches are marked behind the words."""
    mark = cell_mark(cell)
    fill = mark[1] if mark else "surface"
    if state.highlighted and mark is None:
        fill = "highlight"  # a marked cell keeps its kind's fill: the outline says "related"
    if state.selected:
        fill = "selection"
    painter.fillRect(rect, style.color(fill))
    if mark is not None:
        painter.fillRect(QRectF(rect.left(), rect.top(), style.bar, rect.height()),
                         style.color(mark[2]))
    inner = rect.adjusted(style.pad, style.pad, -style.pad, -style.pad)
    position = cell.position
    if position is None:
        painter.setFont(style.muted_italic)
        painter.setPen(style.color("text_muted"))
        text = elide(EMPTY_TEXT, style.muted_italic, inner.width())
        painter.drawText(inner, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, text)
    else:
        meta = meta_layout(cell, inner.width(), style, mark)
        paint_meta(painter, inner, meta, style, cell.stale)
        top = inner.top() + meta.height(style) + style.gap
        blank = is_blank(position.text)
        font = style.muted_italic if blank else style.body
        painter.setFont(font)
        painter.setPen(style.color("text_muted" if blank or cell.stale else "text"))
        ascent = QFontMetricsF(font).ascent()
        lines = wrap(NO_TEXT if blank else position.text, font, inner.width(),
                     style.max_text_lines)
        for number, line in enumerate(lines):
            baseline = QPointF(inner.left(), top + number * style.body_line + ascent)
            if state.search and not blank:
                _mark_matches(painter, baseline, line, state.search, style)
            painter.drawText(baseline, line)
        before = _before_lines(cell, inner.width(), style)
        if before:
            _paint_before(painter, inner, top + len(lines) * style.body_line + style.gap,
                          before, style)
    if state.highlighted and not state.selected:
        _outline(painter, rect, style.color("highlight_edge"), 2.0)
    if state.selected or state.focused:
        _outline(painter, rect, style.color("accent"), 2.0)


def _paint_before(painter: QPainter, inner: QRectF, top: float, lines: tuple[str, ...],
                  style: GridStyle) -> None:
    """The statement in force at A, muted and smaller, under a hairline."""
    painter.setPen(QPen(style.color("border"), 1.0))
    painter.drawLine(QPointF(inner.left(), top), QPointF(inner.right(), top))
    painter.setFont(style.small)
    painter.setPen(style.color("text_muted"))
    ascent = QFontMetricsF(style.small).ascent()
    for number, line in enumerate(lines):
        painter.drawText(QPointF(inner.left(), top + style.gap + number * style.small_line
                                 + ascent), line)


def _mark_matches(painter: QPainter, baseline: QPointF, line: str, search: str,
                  style: GridStyle, font: QFont | None = None) -> None:
    """A marker behind each match of ``search`` in one drawn line (drawn, not rich text);
    ``font``: the line's (the body's by default)."""
    spans = match_spans(line, search)
    if not spans:
        return
    metrics = QFontMetricsF(font or style.body)
    pen = painter.pen()
    for start, stop in spans:
        x = baseline.x() + metrics.horizontalAdvance(line[:start])
        width = metrics.horizontalAdvance(line[start:stop])
        painter.fillRect(QRectF(x, baseline.y() - metrics.ascent(), width, metrics.height()),
                         style.color("match_fill"))
    painter.setPen(pen)


def paint_issue(
    painter: QPainter, rect: QRectF, issue: Issue, style: GridStyle, state: CellState = CellState()
) -> None:
    """The row header: the issue's title and, below it, its description."""
    painter.fillRect(rect, style.color("highlight" if state.highlighted else "surface_alt"))
    inner = rect.adjusted(style.pad, style.pad, -style.pad, -style.pad)
    top = inner.top()
    painter.setPen(style.color("text_muted" if is_blank(issue.title) else "text"))
    painter.setFont(style.title)
    ascent = QFontMetricsF(style.title).ascent()
    for line in wrap(issue.label, style.title, inner.width(), style.title_lines):
        if state.search:
            _mark_matches(painter, QPointF(inner.left(), top + ascent), line, state.search,
                          style, style.title)
        painter.drawText(QPointF(inner.left(), top + ascent), line)
        top += style.title_line
    if issue.description:
        top += style.gap
        painter.setFont(style.small)
        painter.setPen(style.color("text_muted"))
        ascent = QFontMetricsF(style.small).ascent()
        for line in wrap(issue.description, style.small, inner.width(),
                         style.description_lines):
            if state.search:
                _mark_matches(painter, QPointF(inner.left(), top + ascent), line,
                              state.search, style, style.small)
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
    painter.setPen(style.color("text_muted" if is_blank(actor.name) else "text"))
    ascent = QFontMetricsF(style.title).ascent()
    for line in wrap(actor.label, style.title, inner.width(), NAME_LINES):
        painter.drawText(QPointF(inner.left(), top + ascent), line)
        top += style.title_line
    if actor.detail:
        painter.setFont(style.small)
        painter.setPen(style.color("text_muted"))
        ascent = QFontMetricsF(style.small).ascent()
        for line in wrap(actor.detail, style.small, inner.width(), DETAIL_LINES):
            painter.drawText(QPointF(inner.left(), top + ascent), line)
            top += style.small_line


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
    search = result.filter.text.strip()
    for row in rows:
        issue_index = int(issue_rows[row])
        height = layout.row_heights[row]
        paint_issue(painter, QRectF(left, y, layout.issue_width, height),
                    dataset.issues[issue_index], style,
                    CellState(highlighted=issue_index in highlight_issues, search=search))
        for column in range(result.column_count):
            cell = result.cell(row, column)
            if changed is not None:
                cell = replace(cell, changed=(cell.issue, cell.actor) in changed)
            related = cell.issue in highlight_issues and cell.actor in highlight_actors
            paint_cell(painter, QRectF(left + layout.column_x(column), y, layout.column_width,
                                       height), cell, style,
                       CellState(highlighted=related, search=search))
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
