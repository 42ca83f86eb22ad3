"""Issues, actors and saved views as lists to add to, rename, reorder (and, for views,
delete). Each change is one undoable edit, shown in the window at once; the list follows
the session (an undo in the window updates it)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...model.text import clip_text
from ...model.write import DeleteEntry, EditRefused, MoveEntry, noun
from ..session import DocumentSession
from .entry_form import EntryForm

__all__ = ["EntriesDialog", "EntryList"]

ITEM_CHARS = 120
TITLES = {"issues": "title", "actors": "name", "views": "title"}


class EntryList(QWidget):
    """One table's entries in file order, with the buttons that edit them."""

    def __init__(self, session: DocumentSession, table: str, parent: QWidget | None = None) \
            -> None:
        super().__init__(parent)
        self.session, self.table = session, table
        self.list = QListWidget(self)
        self.list.setAccessibleName(f"{noun(table).title()}s")
        self.list.itemDoubleClicked.connect(lambda _item: self.edit_current())
        self.list.currentRowChanged.connect(lambda _row: self._enable())
        self.message = QLabel(self)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b3261e;")
        self.message.hide()
        add_text = "&Save Current Filters…" if table == "views" else f"&Add {noun(table)}…"
        self.add_button = self._button(add_text, self.add)
        self.edit_button = self._button("&Rename…" if table != "actors" else "&Edit…",
                                        self.edit_current)
        self.up_button = self._button("Move &Up", lambda: self.move_current(-1))
        self.down_button = self._button("Move Do&wn", lambda: self.move_current(1))
        self.delete_button = self._button("De&lete", self.delete) if table == "views" else None
        buttons = QVBoxLayout()
        for button in (self.add_button, self.edit_button, self.up_button, self.down_button,
                       self.delete_button):
            if button is not None:
                buttons.addWidget(button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(row, 1)
        layout.addWidget(self.message)
        self.fill()
        session.opened.connect(self._reloaded)

    def _button(self, text: str, slot: object) -> QPushButton:
        button = QPushButton(text, self)
        button.clicked.connect(slot)
        return button

    def _reloaded(self, _reloaded: bool = False) -> None:
        self.fill(self.list.currentRow())

    def fill(self, current: int = 0) -> None:
        dataset = self.session.dataset
        self.list.clear()
        entries = getattr(dataset, self.table) if dataset is not None else ()
        key = TITLES[self.table]
        for entry in entries:
            item = QListWidgetItem(clip_text(f"{getattr(entry, key)}  ({entry.id})", ITEM_CHARS))
            self.list.addItem(item)
        if entries:
            self.list.setCurrentRow(min(max(0, current), len(entries) - 1))
        self._enable()

    def _enable(self) -> None:
        row, count = self.list.currentRow(), self.list.count()
        self.edit_button.setEnabled(row >= 0)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < count - 1)
        if self.delete_button is not None:
            self.delete_button.setEnabled(row >= 0)

    def add(self) -> None:
        form = EntryForm(self.session, self.table, None, self)
        if form.exec() and self.session.dataset is not None:
            self.fill(len(getattr(self.session.dataset, self.table)) - 1)

    def edit_current(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            EntryForm(self.session, self.table, row, self).exec()

    def move_current(self, step: int) -> None:
        row = self.list.currentRow()
        if row < 0 or not 0 <= row + step < self.list.count():
            return
        if self._apply(MoveEntry(self.table, row, step)):
            self.fill(row + step)

    def delete(self) -> None:
        row = self.list.currentRow()
        if row >= 0 and self._apply(DeleteEntry(self.table, row)):
            self.fill(row)

    def _apply(self, edit: MoveEntry | DeleteEntry) -> bool:
        try:
            self.session.edits.apply(edit)
        except EditRefused as exc:
            self.message.setText(str(exc))
            self.message.show()
            return False
        self.message.hide()
        return True


class EntriesDialog(QDialog):
    """Tabs of :class:`EntryList`, one per table named."""

    def __init__(self, session: DocumentSession, tables: tuple[str, ...], title: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.tabs = QTabWidget(self)
        self.lists = {table: EntryList(session, table, self) for table in tables}
        for table, entries in self.lists.items():
            self.tabs.addTab(entries, f"{noun(table).title()}s")
        if len(tables) == 1:
            self.tabs.tabBar().hide()
        hint = QLabel("Changes show at once; Save (Ctrl+S) writes them to the file, Undo "
                      "(Ctrl+Z) takes them back.", self)
        hint.setObjectName("details-muted")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.resize(640, 440)
