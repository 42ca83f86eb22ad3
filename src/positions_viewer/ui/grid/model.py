"""A thin Qt table model over one :class:`QueryResult`: reset, never filtered, on each change.

Column 0 holds the issue (the row header, painted like the other cells); columns 1… hold the
shown actors in file order. Filtering happens in the model layer (numpy), so a filter change is
a ``beginResetModel``/``endResetModel`` pair around swapping the result object.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import Qt as QtGuiNamespace

from ...model import QueryResult
from ...model.compare import Kind, statement_age
from ...model.query import Cell
from ...model.search import Hit
from ...model.text import NO_TEXT, clip_text, shown_text

__all__ = ["GridModel", "Role", "cell_explanation", "cell_text", "marks_period"]

ModelIndex = QModelIndex | QPersistentModelIndex
# Header text is cut here: the header view measures it to size its sections (the painted
# header elides it anyway), and measuring a 1 MB name took seconds.
HEADER_CHARS = 200


class Role(IntEnum):
    CELL = Qt.ItemDataRole.UserRole + 1  # Cell for actor columns
    ISSUE = Qt.ItemDataRole.UserRole + 2  # issue index (every column)
    ACTOR = Qt.ItemDataRole.UserRole + 3  # actor index, or -1 in the issue column


class GridModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._result: QueryResult | None = None

    @property
    def result(self) -> QueryResult | None:
        return self._result

    def set_result(self, result: QueryResult | None) -> None:
        self.beginResetModel()
        self._result = result
        self.endResetModel()

    # -- shape -----------------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self._result is None:
            return 0
        return self._result.row_count

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self._result is None:
            return 0
        return self._result.column_count + 1

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # -- content ---------------------------------------------------------------------

    def cell(self, row: int, column: int) -> Cell | None:
        """The position cell at a view row/column (column 0 is the issue: ``None``)."""
        result = self._result
        if result is None or column < 1 or not 0 <= row < result.row_count:
            return None
        if column - 1 >= result.column_count:
            return None
        return result.cell(row, column - 1)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        result = self._result
        if result is None or not index.isValid():
            return None
        row, column = index.row(), index.column()
        if not (0 <= row < result.row_count and 0 <= column <= result.column_count):
            return None
        issue_index = int(result.issue_rows[row])
        if role == Role.ISSUE:
            return issue_index
        if role == Role.ACTOR:
            return int(result.actor_columns[column - 1]) if column else -1
        if column == 0:
            issue = result.dataset.issues[issue_index]
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return issue.label
            if role == Qt.ItemDataRole.AccessibleDescriptionRole:
                return issue.description
            return None
        cell = result.cell(row, column - 1)
        if role == Role.CELL:
            return cell
        if role == Qt.ItemDataRole.DisplayRole:
            return cell.position.text if cell.position else ""
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return cell_text(result, cell)
        if role == Qt.ItemDataRole.ToolTipRole:
            explanation = cell_explanation(result, cell)
            # A tooltip guesses rich text: data is escaped so it never renders as markup.
            return QtGuiNamespace.convertFromPlainText(
                explanation, Qt.WhiteSpaceMode.WhiteSpaceNormal) if explanation else None
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        result = self._result
        if result is None or role not in (
            Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole
        ):
            return None
        if orientation == Qt.Orientation.Vertical:
            if 0 <= section < result.row_count:
                return clip_text(result.dataset.issues[int(result.issue_rows[section])].label,
                                 HEADER_CHARS)
            return None
        if section == 0:
            return "Issue"
        if 1 <= section <= result.column_count:
            return clip_text(result.dataset.actors[int(result.actor_columns[section - 1])].label,
                             HEADER_CHARS)
        return None


def cell_text(result: QueryResult, cell: Cell, spoken: bool = True) -> str:
    """A cell as a sentence. ``spoken`` (what a screen reader says): "Actor on Issue, date,
    stance, changed: text"; otherwise (what Ctrl+C copies): "Actor on Issue (date,
    stance): text"."""
    actor = result.dataset.actors[cell.actor].label
    issue = result.dataset.issues[cell.issue].label
    if cell.position is None:
        return f"{actor} on {issue}: no stated position"
    position = cell.position
    meta = [position.date.label() if position.date else "undated"]
    if position.stance:
        meta.append(position.stance)
    text = shown_text(position.text, NO_TEXT)
    if not spoken:
        return f"{actor} on {issue} ({', '.join(meta)}): {text}"
    if cell.kind.marked or cell.changed:
        meta.append(cell.kind.value or "changed")
    if cell.stale and cell.age_days is not None and position.date is not None:
        meta.append(f"stale, {statement_age(position.date, cell.age_days)} old")
    return ", ".join([f"{actor} on {issue}", *meta]) + f": {text}"


def marks_period(result: QueryResult) -> str:
    """The dates a cell's mark speaks of, in the user's words: "between 19 Dec 2025 and 26 Dec
    2025" (From and As of, both included), or "from 19 Dec 2025 on" without an As of."""
    flt = result.filter
    if flt.date_from is None:
        return ""
    start = flt.date_from.label()
    return (f"between {start} and {flt.date_to.label()}" if flt.date_to is not None
            else f"from {start} on")


def cell_explanation(result: QueryResult, cell: Cell) -> str:
    """What a cell's marks mean, in words (its tooltip and the details panel say it):
    its kind between From and As of, its staleness, a search match in its history."""
    lines: list[str] = []
    period = marks_period(result)
    when = f" {period}" if period else ""
    before = cell.before
    if cell.kind is Kind.NEW:
        lines.append(f"New{when}: no stated position before.")
    elif cell.kind is Kind.CHANGED:
        was = before.stance or clip_text(shown_text(before.text, NO_TEXT), 80) \
            if before is not None else ""
        dated = f" ({before.date.label()})" if before is not None and before.date else ""
        lines.append(f"Changed{when}: it was \u201c{was}\u201d{dated}.")
    elif cell.kind is Kind.RESTATED:
        lines.append(f"Restated{when}: the same stance said again.")
    elif cell.kind is Kind.UNCHANGED and period:
        lines.append(f"Unchanged{when}.")
    if cell.stale and cell.age_days is not None and cell.position is not None \
            and cell.position.date is not None:
        limit = result.dataset.stale_after
        older = f" (older than {limit.text()})" if limit is not None else ""
        age = statement_age(cell.position.date, cell.age_days)
        lines.append(f"Stale: stated {age} before the as-of date{older}.")
    if cell.search is Hit.HISTORY:
        lines.append("The search matches an earlier statement of this cell.")
    return "\n".join(lines)
