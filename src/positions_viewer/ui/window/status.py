"""What the window says about what it shows: the status line, the loading bar, and the
message that takes the grid's place when there is nothing to show."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QWidget

from ...model import QueryResult
from ..details.changes import SHOWN_KINDS
from ..document.loading import BackgroundLoader
from ..document.progress import LoadProgress
from ..document.texts import unloaded_text
from ..labels import plain_label
from ..session import DocumentSession

__all__ = ["EmptyState", "StatusLine"]


class StatusLine:
    """"3 of 5 issues · 2 of 2 actors · 4 of 7 events", and while a file loads the bytes read
    with a Cancel button (``document/progress.py``)."""

    def __init__(self, session: DocumentSession, window: QMainWindow,
                 loader: BackgroundLoader) -> None:
        self.label = QLabel(window)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.progress = LoadProgress(loader, window)
        window.statusBar().addWidget(self.label, 1)
        window.statusBar().addPermanentWidget(self.progress)
        self._session = session
        session.result_changed.connect(self._result_changed)
        session.compare_changed.connect(self._result_changed)

    def _result_changed(self, _changed: object = None) -> None:
        """What is shown; in compare mode, how many cells changed ("2 changed · 3 new")."""
        result = self._session.result
        if result is None:
            return
        text = result.status_text()
        if self._session.compare_mode and result.filter.date_from is not None:
            counts = result.kind_counts()
            kinds = [f"{counts[kind]} {kind.value}" for kind in SHOWN_KINDS if counts[kind]]
            text += " · " + (" · ".join(kinds) if kinds else "no changes")
        self.label.setText(text)


class EmptyState:
    """A plain sentence in the grid's place: nothing matches, or the file did not load."""

    def __init__(self, session: DocumentSession, grid: QWidget, parent: QWidget) -> None:
        self._session = session
        self._grid = grid
        self.label = plain_label("", "empty", parent)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.hide()
        session.result_changed.connect(self._result_changed)

    def _result_changed(self, result: QueryResult) -> None:
        empty = result.row_count == 0 or result.column_count == 0
        self._show("Nothing matches these filters. Press Reset (Ctrl+Shift+R) to show "
                   "everything." if empty else "")

    def load_shown(self, replaced: bool) -> None:
        """After a load: a file that could not be shown at all says so."""
        failed = self._session.failed_path
        if not replaced and self._session.dataset is None and failed is not None:
            self._show(unloaded_text(failed, self._session.failed_cancelled))

    def _show(self, text: str) -> None:
        self.label.setText(text)
        self.label.setVisible(bool(text))
        self._grid.setVisible(not text)
