"""The side-by-side grid: issues as rows, actors as columns, painted by ``grid_painter``.

Rows fit their text, but only the rows on screen are measured (measuring all of them costs
about half a millisecond a row); the rest keep an estimated height until scrolled into view.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QFocusEvent,
    QGuiApplication,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from ...model import QueryResult
from ..render.colors import theme_colors
from ..render.grid_painter import (
    CellState,
    GridStyle,
    actor_header_height,
    cell_height,
    issue_column_width,
    issue_height,
    paint_actor_header,
    paint_cell,
    paint_corner,
    paint_issue,
)
from ..session import DocumentSession, Selection
from ..theme import LIGHT, Theme
from .model import GridModel, Role, cell_text

__all__ = ["GridView"]

# Narrower, a column shows a word a line (30 actors at 1280 px gave 32 px): scroll sideways.
MIN_COLUMN_PX = 140

ModelIndex = QModelIndex | QPersistentModelIndex


class _CellDelegate(QStyledItemDelegate):
    def __init__(self, view: GridView) -> None:
        super().__init__(view)
        self._view = view

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        view = self._view
        style = view.grid_style
        rect = QRectF(option.rect)  # type: ignore[attr-defined]
        flags = option.state  # type: ignore[attr-defined]
        selected = bool(flags & QStyle.StateFlag.State_Selected)
        focused = bool(flags & QStyle.StateFlag.State_HasFocus) and view.hasFocus() \
            and view.focus_visible
        issue = index.data(Role.ISSUE)
        actor = index.data(Role.ACTOR)
        painter.save()
        if index.column() == 0:
            result = view.grid_model.result
            assert result is not None
            state = CellState(selected, issue in view.highlight_issues, focused,
                              result.filter.text.strip())
            paint_issue(painter, rect, result.dataset.issues[issue], style, state)
        else:
            related = issue in view.highlight_issues and actor in view.highlight_actors
            search = view.grid_model.result.filter.text if view.grid_model.result else ""
            paint_cell(painter, rect, index.data(Role.CELL), style,
                       CellState(selected, related, focused, search.strip()))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        return QSize(100, self._view.row_height(index.row()))


class _ActorHeader(QHeaderView):
    """Column headers painted like the exported grid: colour bar, name, detail."""

    def __init__(self, view: GridView) -> None:
        super().__init__(Qt.Orientation.Horizontal, view)
        self._view = view
        self.setSectionsClickable(False)
        self.setHighlightSections(False)

    def paintSection(self, painter: QPainter, rect: QRect, logical: int) -> None:
        view = self._view
        result = view.grid_model.result
        if result is None or not rect.isValid():
            return
        style = view.grid_style
        painter.save()
        if logical == 0:
            paint_corner(painter, QRectF(rect), style)
        elif logical - 1 < result.column_count:
            actor_index = int(result.actor_columns[logical - 1])
            paint_actor_header(painter, QRectF(rect), result.dataset.actors[actor_index],
                               view.actor_colors[actor_index], style,
                               highlighted=actor_index in view.highlight_actors)
        painter.setPen(style.color("border"))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        painter.drawLine(rect.topRight(), rect.bottomRight())
        painter.restore()

    def sizeHint(self) -> QSize:
        view = self._view
        result = view.grid_model.result
        actors = [] if result is None else [
            result.dataset.actors[i] for i in result.actor_columns.tolist()
        ]
        widths = [self.sectionSize(n) for n in range(1, self.count())] or [100]
        return QSize(super().sizeHint().width(),
                     actor_header_height(actors, max(60, min(widths)), view.grid_style))


class GridView(QTableView):
    """The session's result as a grid. Emits ``cellSelected(issue, actor)`` (actor -1 for the
    issue column, both -1 for none) when the user moves the current cell."""

    cellSelected = Signal(int, int)

    def __init__(self, session: DocumentSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.grid_model = GridModel(self)
        self.grid_style = GridStyle(LIGHT)
        self._heights: dict[int, int] = {}
        self._resetting = False
        # The keyboard cursor's outline shows once the keyboard is used (as a browser's
        # :focus-visible): on opening, the first issue does not look selected.
        self.focus_visible = False
        self.setModel(self.grid_model)
        self.setItemDelegate(_CellDelegate(self))
        self.setHorizontalHeader(_ActorHeader(self))
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.horizontalHeader().setStretchLastSection(False)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setWordWrap(True)
        self.setShowGrid(True)
        self.setCornerButtonEnabled(False)
        self.setTabKeyNavigation(False)
        self.setAccessibleName("Positions grid")
        self.setAccessibleDescription(
            "Issues as rows, actors as columns; each cell is the actor's latest stated position "
            "as of the selected date. Arrow keys move between cells; Ctrl+C copies a cell."
        )
        self._resize_timer = QTimer(self, singleShot=True, interval=0)
        self._resize_timer.timeout.connect(self._fit_visible_rows)
        # Not connected to start() directly: the scroll value would become the interval.
        self.verticalScrollBar().valueChanged.connect(lambda _value: self._resize_timer.start())
        self.grid_model.modelReset.connect(self._after_reset)
        session.result_changed.connect(self.set_result)
        session.selection_changed.connect(self.synchronize_selection)
        session.opened.connect(self._repaint_headers)  # actor colours
        session.compare_changed.connect(lambda _on: self.set_theme(self.grid_style.theme))

    # -- what the session holds ---------------------------------------------------------

    @property
    def actor_colors(self) -> tuple[str, ...]:
        """The session's actor colours, lifted together on a dark theme."""
        return theme_colors(self._session.colors, self.grid_style.theme.dark)

    @property
    def highlight_issues(self) -> frozenset[int]:
        """Issues related to the selected event."""
        return self._session.highlight()[0]

    @property
    def highlight_actors(self) -> frozenset[int]:
        return self._session.highlight()[1]

    def set_result(self, result: QueryResult) -> None:
        """Show a new query result and the session's selection in it."""
        self._resetting = True  # the view moves its current cell while the model resets
        try:
            self.grid_model.set_result(result)
        finally:
            self._resetting = False
        self.synchronize_selection()

    def set_theme(self, theme: Theme) -> None:
        self.grid_style = GridStyle(theme, compare=self._session.compare_mode)
        self.setStyleSheet(
            f"QTableView {{ gridline-color: {theme.border}; background: {theme.surface}; "
            f"border: 1px solid {theme.border}; }}"
        )
        self._invalidate_heights()

    def _repaint_headers(self, _reloaded: bool = False) -> None:
        self.horizontalHeader().viewport().update()

    # -- selection -------------------------------------------------------------------

    def synchronize_selection(self, _selection: Selection | None = None) -> None:
        """Show the session's selected cell (none: no current cell), telling no one."""
        cell = self._session.selection.cell
        if cell is None or not self._set_current(*cell):
            self.clear_selection()
        self.viewport().update()
        self.horizontalHeader().viewport().update()

    def selected_cell(self) -> tuple[int, int] | None:
        index = self.currentIndex()
        if not index.isValid() or not self.selectionModel().isSelected(index):
            return None
        return int(index.data(Role.ISSUE)), int(index.data(Role.ACTOR))

    def clear_selection(self) -> None:
        """No cell selected and no current cell, without telling anyone."""
        model = self.selectionModel()
        model.blockSignals(True)
        model.clear()
        model.blockSignals(False)

    def select_cell(self, issue: int, actor: int, emit: bool = True) -> bool:
        """Select a shown cell (``actor`` -1: the issue row) through the session; ``False``
        when it is not shown. ``emit=False`` moves the current cell only."""
        if not self._set_current(issue, actor):
            return False
        if emit:
            self._session.select_cell(issue, actor)
            self.cellSelected.emit(issue, actor)
        return True

    def _set_current(self, issue: int, actor: int) -> bool:
        result = self.grid_model.result
        if result is None:
            return False
        rows = result.issue_rows.tolist()
        columns = result.actor_columns.tolist()
        if issue not in rows or (actor >= 0 and actor not in columns):
            return False
        index = self.grid_model.index(rows.index(issue), columns.index(actor) + 1 if actor >= 0
                                      else 0)
        self.selectionModel().blockSignals(True)
        self.setCurrentIndex(index)
        self.selectionModel().blockSignals(False)
        self.scrollTo(index)
        return True

    def currentChanged(self, current: ModelIndex, previous: ModelIndex) -> None:
        super().currentChanged(current, previous)
        if self.selectionModel().signalsBlocked() or self._resetting:
            return
        if current.isValid():
            if not self.selectionModel().isSelected(current):
                return  # focus arriving (Tab) moves the current cell but selects nothing
            issue, actor = int(current.data(Role.ISSUE)), int(current.data(Role.ACTOR))
            self._session.select_cell(issue, actor)
            self.cellSelected.emit(issue, actor)
        elif self._session.selection.cell is not None:
            self._session.clear_selection()
            self.cellSelected.emit(-1, -1)

    def keyPressEvent(self, event: object) -> None:
        from PySide6.QtGui import QKeyEvent

        assert isinstance(event, QKeyEvent)
        if not self.focus_visible:
            self.focus_visible = True
            self.viewport().update()
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_current()
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        if event.reason() in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason,
                              Qt.FocusReason.ShortcutFocusReason):
            self.focus_visible = True  # reached by the keyboard: show where the cursor is
        super().focusInEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.focus_visible = False  # the pointer's choice is shown by the selection
        super().mousePressEvent(event)

    def copy_current(self) -> str:
        """Copy the current cell as plain text: "Actor on Issue (date, stance): text"."""
        index = self.currentIndex()
        result = self.grid_model.result
        if not index.isValid() or result is None:
            return ""
        if index.column() == 0:
            text = str(index.data(Qt.ItemDataRole.DisplayRole))
        else:
            text = cell_text(result, index.data(Role.CELL), spoken=False)
        QGuiApplication.clipboard().setText(text)
        return text

    # -- sizes -----------------------------------------------------------------------

    def row_height(self, row: int) -> int:
        cached = self._heights.get(row)
        if cached is not None:
            return cached
        result = self.grid_model.result
        if result is None or not 0 <= row < result.row_count:
            return self.verticalHeader().defaultSectionSize()
        header = self.horizontalHeader()
        style = self.grid_style
        issue = result.dataset.issues[int(result.issue_rows[row])]
        height = issue_height(issue, max(1, header.sectionSize(0)), style)
        for column in range(result.column_count):
            width = max(1, header.sectionSize(column + 1))
            height = max(height, cell_height(result.cell(row, column), width, style))
        self._heights[row] = height
        return height

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._resize_timer.start()  # the rows now on screen get their heights

    def viewportEvent(self, event: QEvent) -> bool:
        # The viewport narrows when the vertical scroll bar appears, without a resize of the
        # view itself: columns must follow the viewport, or the last one is cut off.
        if event.type() == QEvent.Type.Resize:
            self._layout_columns()
        return super().viewportEvent(event)

    def _layout_columns(self) -> None:
        result = self.grid_model.result
        header = self.horizontalHeader()
        if result is None or header.count() == 0:
            return
        total = self.viewport().width()
        issue_width = round(issue_column_width(total, result.column_count))
        columns = max(1, result.column_count)
        rest = total - issue_width
        widths = [issue_width] + [rest // columns + (1 if i < rest % columns else 0)
                                  for i in range(columns)]
        if rest < columns * MIN_COLUMN_PX:
            widths = [issue_width] + [MIN_COLUMN_PX] * columns
        changed = False
        for section, width in enumerate(widths[: header.count()]):
            if header.sectionSize(section) != width:
                header.resizeSection(section, width)
                changed = True
        if changed:
            self._invalidate_heights()

    def _invalidate_heights(self) -> None:
        self._heights.clear()
        header = self.horizontalHeader()
        header.setFixedHeight(header.sizeHint().height())
        self.verticalHeader().setDefaultSectionSize(
            round(2 * self.grid_style.pad + 3 * self.grid_style.body_line)
        )
        self._resize_timer.start()

    def _after_reset(self) -> None:
        for section in range(self.horizontalHeader().count()):
            self.horizontalHeader().setSectionResizeMode(section, QHeaderView.ResizeMode.Fixed)
        self._layout_columns()
        self._invalidate_heights()
        self._fit_visible_rows()

    def _fit_visible_rows(self) -> None:
        """Give every row on screen its measured height (a few passes: heights move rows).
        Nothing before the grid is on screen with a real height: a viewport 0 px high made
        every row count as visible, and opening 100k positions measured them all (issue 18)."""
        if not self.isVisible() or self.viewport().height() < 2:
            return
        vertical = self.verticalHeader()
        rows = self.grid_model.rowCount()
        for _ in range(4):
            first = max(0, self.rowAt(0))
            last = self.rowAt(self.viewport().height() - 1)
            last = rows - 1 if last < 0 else last
            changed = False
            for row in range(first, min(rows, last + 2)):
                height = self.row_height(row)
                if vertical.sectionSize(row) != height:
                    vertical.resizeSection(row, height)
                    changed = True
            if not changed:
                break

    def measured_rows(self) -> int:
        """How many rows have been measured (for tests: only the visible ones should be)."""
        return len(self._heights)
