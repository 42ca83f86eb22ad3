"""The file changed on disk while edits are unsaved (DESIGN §7): a bar says so and offers the
three ways out — take the file's version (undoable), keep mine (write over it), or compare
the two side by side. Nothing is lost until the user chooses."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from ..session import DocumentSession
from .history import Conflict
from .sides import side_by_side

__all__ = ["CompareDialog", "ConflictBar"]

MARK = "#fde68a"  # a changed line, on both sides


class ConflictBar(QFrame):
    """Shown while the session's edits are in conflict with the file on disk. Emits
    ``keepMine()`` and ``compare()`` (the window decides how to write and show)."""

    keepMine = Signal()
    compareAsked = Signal()

    def __init__(self, session: DocumentSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.setObjectName("Banner")
        self.setAccessibleName("The file changed on disk")
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.take_button = QPushButton("&Take the File's Version", self)
        self.take_button.setToolTip("Show the file as it is on disk now; Undo brings your "
                                    "edits back")
        self.keep_button = QPushButton("&Keep Mine", self)
        self.keep_button.setToolTip("Save your edits over the file's version")
        self.compare_button = QPushButton("Co&mpare…", self)
        self.take_button.clicked.connect(self._take)
        self.keep_button.clicked.connect(self.keepMine.emit)
        self.compare_button.clicked.connect(self.compareAsked.emit)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 8, 6)
        layout.addWidget(self.label, 1)
        for button in (self.take_button, self.keep_button, self.compare_button):
            layout.addWidget(button)
        self.hide()
        session.edits.conflict_changed.connect(self.synchronize)

    def synchronize(self, conflict: Conflict | None = None) -> None:
        conflict = self._session.edits.conflict
        if conflict is None:
            self.hide()
            return
        name = self._session.path.name if self._session.path else "The file"
        self.label.setText(f"{name} changed on disk while you have unsaved edits. Your "
                           "edits are still shown; choose which version to keep.")
        self.show()

    def _take(self) -> None:
        self._session.edits.take_disk_version()


class CompareDialog(QDialog):
    """Both texts side by side (yours left, the file's right), changed lines marked, the
    two sides scrolling together."""

    def __init__(self, mine: str, theirs: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Your Edits and the File on Disk")
        sides = side_by_side(mine, theirs)
        self.sides = sides
        self.mine = self._pane("Your edits (not saved)", "\n".join(sides.left))
        self.theirs = self._pane("The file on disk now", "\n".join(sides.right))
        for pane in (self.mine[1], self.theirs[1]):
            _mark(pane, sides.changed)
        self.summary = QLabel(sides.summary(), self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.mine[0])
        splitter.addWidget(self.theirs[0])
        self.mine[1].verticalScrollBar().valueChanged.connect(
            self.theirs[1].verticalScrollBar().setValue)
        self.theirs[1].verticalScrollBar().valueChanged.connect(
            self.mine[1].verticalScrollBar().setValue)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.resize(1100, 640)

    def _pane(self, title: str, text: str) -> tuple[QWidget, QPlainTextEdit]:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel(title, box)
        label.setTextFormat(Qt.TextFormat.PlainText)
        view = QPlainTextEdit(box)
        view.setReadOnly(True)
        view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        view.setFont(QFont("monospace"))
        view.setPlainText(text)
        view.setAccessibleName(title)
        layout.addWidget(label)
        layout.addWidget(view, 1)
        return box, view


def _mark(view: QPlainTextEdit, rows: list[int]) -> None:
    """Highlight the rows that differ."""
    fmt = QTextCharFormat()
    fmt.setBackground(QColor(MARK))
    fmt.setForeground(QColor("#1f1f1f"))
    fmt.setProperty(QTextCharFormat.Property.FullWidthSelection, True)
    selections = []
    for row in rows:
        selection = QTextEdit.ExtraSelection()
        selection.cursor = QTextCursor(view.document().findBlockByNumber(row))  # type: ignore[attr-defined]
        selection.format = fmt  # type: ignore[attr-defined]
        selections.append(selection)
    view.setExtraSelections(selections)
