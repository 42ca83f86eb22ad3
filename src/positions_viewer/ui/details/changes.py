"""What changed between two dates (issue 14 item 3): a list beside the grid, grouped by issue,
each issue's changes in date order; choosing an entry selects its cell."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from ...model import PartialDate, QueryResult
from ...model.compare import Kind
from ...model.text import NO_TEXT, clip_text, shown_text
from ..labels import plain_label
from ..session import DocumentSession

__all__ = ["ChangesPanel", "change_lines"]

SHOWN_KINDS = (Kind.CHANGED, Kind.NEW, Kind.RESTATED)
TEXT_CHARS = 160

def change_lines(result: QueryResult) -> list[tuple[str, list[tuple[str, int, int]]]]:
    """Per shown issue with a change (file order): its title and its changes, each
    ``(line, issue, actor)``, in the order they were stated (undated first)."""
    groups = []
    dataset = result.dataset
    for row in range(result.row_count):
        entries = []
        for column in range(result.column_count):
            cell = result.cell(row, column)
            if cell.kind not in SHOWN_KINDS or cell.position is None:
                continue
            position = cell.position
            date = position.date.label() if position.date is not None else "undated"
            stance = f" “{position.stance}”" if position.stance else ""
            was = ""
            if cell.kind is Kind.CHANGED and cell.before is not None:
                before = cell.before.stance or clip_text(shown_text(cell.before.text, NO_TEXT),
                                                         60)
                was = f" (was “{before}”)"
            text = clip_text(shown_text(position.text, NO_TEXT), TEXT_CHARS)
            line = (f"{dataset.actors[cell.actor].label} · {cell.kind.value} · {date}:{stance}"
                    f"{was} — {text}")
            order = position.date.start if position.date is not None else 0
            entries.append((order, column, (line, cell.issue, cell.actor)))
        if entries:
            entries.sort(key=lambda entry: entry[:2])
            groups.append((dataset.issues[int(result.issue_rows[row])].label,
                           [entry[2] for entry in entries]))
    return groups

class _Entry(QLabel):
    """One change, wrapped plain text; a click, Enter or Space selects its cell."""

    def __init__(self, text: str, cell: tuple[int, int], session: DocumentSession,
                 parent: QWidget) -> None:
        super().__init__(parent)
        self.cell = cell
        self._session = session
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setText(text)
        self.setObjectName("change-entry")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName(text)
        self.setContentsMargins(14, 2, 4, 2)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.choose()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.choose()
            return
        super().keyPressEvent(event)

    def choose(self) -> None:
        self._session.select_cell(*self.cell)


class ChangesPanel(QScrollArea):
    """The session's changes between the day before From (A) and the as-of date (B)."""

    def __init__(self, session: DocumentSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAccessibleName("What changed")
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget(self)
        self._body = body
        self._layout = QVBoxLayout(body)
        self._layout.setContentsMargins(10, 8, 10, 8)
        self._layout.setSpacing(3)
        self.heading = plain_label("", "section", body)
        self._layout.addWidget(self.heading)
        self._entries: list[QLabel] = []
        self._layout.addStretch(1)
        self.setWidget(body)
        session.result_changed.connect(self.synchronize)
        session.compare_changed.connect(self.synchronize)
        self.setVisible(session.compare_mode)

    def synchronize(self, _changed: object = None) -> None:
        session = self._session
        self.setVisible(session.compare_mode)
        result = session.result
        if not session.compare_mode or result is None:
            return
        self._clear()
        start, end = session.filter.date_from, session.filter.date_to
        if start is None:
            self.heading.setText("Type the first date (A) in From: the grid then shows what "
                                 "changed up to the as-of date (B).")
            return
        a = start.label()  # From and As of, both included: the user's own dates
        span = session.index.span if session.index is not None else None
        b = end.label() if end is not None else (
            PartialDate.from_date(dt.date.fromordinal(span[1])).label() if span else "now")
        counts = result.kind_counts()
        summary = " · ".join(f"{counts[kind]} {kind.value}" for kind in SHOWN_KINDS
                             if counts[kind]) or "No changes"
        self.heading.setText(f"What changed from {a} to {b}: {summary}")
        body = self._body
        at = 1
        for title, entries in change_lines(result):
            group = plain_label(clip_text(title, 200), "meta", body)
            self._layout.insertWidget(at, group)
            self._entries.append(group)
            at += 1
            for line, issue, actor in entries:
                entry = _Entry(line, (issue, actor), session, body)
                self._layout.insertWidget(at, entry)
                self._entries.append(entry)
                at += 1

    def _clear(self) -> None:
        for label in self._entries:
            label.hide()
            label.deleteLater()
        self._entries = []

    def entries(self) -> list[str]:
        """Every line shown, issue titles and changes (for tests and accessibility)."""
        return [label.text() for label in self._entries]

    def entry(self, number: int) -> _Entry:
        """The ``number``-th change (0-based, issue titles not counted)."""
        return [e for e in self._entries if isinstance(e, _Entry)][number]
