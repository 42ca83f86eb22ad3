"""One issue, every shown actor's history side by side (issue 13 item 10): "what did each
side say, and when?" in one look. A row per date on which anyone spoke, oldest first
(undated first); a column per actor; the statement the grid shows marked; statements after
the as-of date muted."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QVBoxLayout, QWidget

from ...model import Actor, DatasetIndex, Position, QueryResult
from ...model.text import NO_TEXT, shown_text
from ..labels import plain_label

__all__ = ["IssueHistories", "history_rows"]

SHOWN_MARK = "● "  # the statement the grid shows, as of the filter's date
TEXT_CHARS = 600
MIN_COLUMN_PX = 130  # narrower, an actor's column reads a word a line: stack them instead


def history_rows(index: DatasetIndex, result: QueryResult,
                 issue: int) -> tuple[list[int], list[tuple[str, list[list[Position]]]]]:
    """The shown actors (file order) and, per date on which any of them spoke about
    ``issue``, the date's words and each actor's statements of that date. Undated first;
    an approximate date ("Dec 2025") by its first day, before the days inside it."""
    actors = result.actor_columns.tolist()
    dated: dict[tuple[int, int], tuple[str, list[list[Position]]]] = {}
    for column, actor in enumerate(actors):
        for position in index.history(issue, actor):
            date = position.date
            key = (date.start, int(date.precision)) if date is not None else (0, 0)
            label = date.label() if date is not None else "Undated"
            entry = dated.setdefault(key, (label, [[] for _ in actors]))
            entry[1][column].append(position)
    return actors, [dated[key] for key in sorted(dated)]


class IssueHistories(QFrame):
    """The grid of dates × actors for one issue (see the module). Where the panel is too
    narrow for a readable column per actor (``width`` / actors under :data:`MIN_COLUMN_PX`),
    each date lists its statements one under the other, each headed by its actor."""

    def __init__(self, index: DatasetIndex, result: QueryResult, issue: int,
                 width: int = 0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("details-histories")
        dataset = index.dataset
        actors, rows = history_rows(index, result, issue)
        shown = {int(result.cell_positions[r, c])
                 for r in range(result.row_count) for c in range(result.column_count)
                 if int(result.issue_rows[r]) == issue}
        to = result.filter.to_ordinal
        self.rows = rows  # for tests: what is shown, row by row
        self.stacked = bool(actors) and (width or 0) < MIN_COLUMN_PX * (len(actors) + 1)
        if self.stacked:
            self._stack(dataset.actors, actors, rows, shown, to)
            return
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 4, 0, 4)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(6)
        for column, actor in enumerate(actors):
            name = plain_label(shown_text(dataset.actors[actor].name), "section", self)
            grid.addWidget(name, 0, column + 1)
            grid.setColumnStretch(column + 1, 1)
        for row, (label, columns) in enumerate(rows, start=1):
            grid.addWidget(plain_label(label, "date", self), row, 0,
                           Qt.AlignmentFlag.AlignTop)
            for column, positions in enumerate(columns):
                if not positions:
                    continue
                words = []
                for position in positions:
                    stance = f"{position.stance}: " if position.stance else ""
                    mark = SHOWN_MARK if position.index in shown else ""
                    text = shown_text(position.text, NO_TEXT)
                    words.append(f"{mark}{stance}{text[:TEXT_CHARS]}")
                cell = plain_label("\n".join(words), "body", self)
                later = to is not None and positions[0].date is not None \
                    and positions[0].date.start > to
                cell.setEnabled(not later)
                grid.addWidget(cell, row, column + 1, Qt.AlignmentFlag.AlignTop)

    def _stack(self, all_actors: tuple[Actor, ...], actors: list[int],
               rows: list[tuple[str, list[list[Position]]]], shown: set[int],
               to: int | None) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.setSpacing(3)
        for label, columns in rows:
            layout.addWidget(plain_label(label, "date", self))
            for column, positions in enumerate(columns):
                for position in positions:
                    name = shown_text(all_actors[actors[column]].name)
                    stance = f" · {position.stance}" if position.stance else ""
                    mark = SHOWN_MARK if position.index in shown else ""
                    text = shown_text(position.text, NO_TEXT)[:TEXT_CHARS]
                    entry = plain_label(f"{mark}{name}{stance}: {text}", "body", self)
                    later = to is not None and position.date is not None \
                        and position.date.start > to
                    entry.setEnabled(not later)
                    entry.setContentsMargins(12, 0, 0, 0)
                    layout.addWidget(entry)
