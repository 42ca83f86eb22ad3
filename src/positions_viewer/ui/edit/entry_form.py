"""Add or edit an issue, an actor or a saved view: the short entries with an id and a title.

An entry's id is set when it is added (made from its title, editable) and kept after: the
file's statements, events and views refer to it. An actor's colour is typed as #rrggbb,
picked in a colour dialog, or left empty for a palette colour. A new saved view takes the
filters the window shows now (DESIGN §1 ``[[views]]``; the search text is not part of it).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from ...model.write import AddEntry, Edit, Value, edit_entry, entry_values, new_id, noun
from ...model.write.edits import view_from_filter
from ..session import DocumentSession
from .fields import EditForm

__all__ = ["EntryForm", "filters_in_words"]

# table -> (title key, its label, the longer text key, its label)
KEYS = {
    "issues": ("title", "&Title", "description", "&Description"),
    "actors": ("name", "&Name", "detail", "De&tail"),
    "views": ("title", "&Title", "notes", "&Notes"),
}


def filters_in_words(session: DocumentSession) -> str:
    """What a saved view of the current filters holds, in one line."""
    dataset, flt = session.dataset, session.filter
    assert dataset is not None
    issues = "all issues" if flt.issues is None else f"{len(flt.issues)} of " \
        f"{len(dataset.issues)} issues"
    actors = "all actors" if flt.actors is None else f"{len(flt.actors)} of " \
        f"{len(dataset.actors)} actors"
    start = flt.date_from.label() if flt.date_from else "the start"
    end = flt.date_to.label() if flt.date_to else "the latest"
    words = f"{issues} · {actors} · from {start} to {end}"
    if flt.text.strip():
        words += " (the search text is not saved)"
    return words


class EntryForm(EditForm):
    """``index`` None: a new entry of ``table`` ("issues", "actors", "views")."""

    def __init__(self, session: DocumentSession, table: str, index: int | None = None,
                 parent: QWidget | None = None) -> None:
        verb = "Edit" if index is not None else ("Save Filters as a" if table == "views"
                                                 else "Add")
        super().__init__(session, f"{verb} {noun(table).title()}", parent)
        dataset = session.dataset
        assert dataset is not None
        self.table, self.index = table, index
        self.title_key, title_label, self.text_key, text_label = KEYS[table]
        self.id = QLineEdit(self)
        self.id.setAccessibleName(f"{noun(table).title()} id")
        self.title_edit = QLineEdit(self)
        self.title_edit.setAccessibleName(title_label.replace("&", ""))
        self.text = QPlainTextEdit(self)
        self.text.setAccessibleName(text_label.replace("&", ""))
        self.text.setTabChangesFocus(True)
        self.text.setMaximumHeight(120)
        self.form.addRow(title_label, self.title_edit)
        self.form.addRow("I&d", self.id)
        self.form.addRow(text_label, self.text)
        self.color = QLineEdit(self)
        if table == "actors":
            self.form.addRow("&Colour", self._colour_row())
        if table == "views" and index is None:
            shown = QLabel(self)
            shown.setTextFormat(Qt.TextFormat.PlainText)
            shown.setText(filters_in_words(session))
            shown.setAccessibleName("Filters saved")
            shown.setWordWrap(True)
            self.form.addRow("Filters", shown)
        self._id_typed = False
        self._original: dict[str, Value] = {}
        if index is not None:
            self._original = entry_values(dataset, table, index)
            self.id.setText(str(self._original.get("id", "")))
            self.id.setReadOnly(True)
            self.id.setToolTip("The file refers to it by this id: it stays")
            self.title_edit.setText(str(self._original.get(self.title_key, "")))
            self.text.setPlainText(str(self._original.get(self.text_key, "")))
            self.color.setText(str(self._original.get("color", "")))
        self.title_edit.textChanged.connect(self._title_changed)
        self.id.textEdited.connect(self._id_edited)
        for signal in (self.id.textChanged, self.title_edit.textChanged,
                       self.text.textChanged, self.color.textChanged):
            signal.connect(self.validate)
        self.fit(520, 300)
        self.validate()
        self.title_edit.setFocus()

    def _colour_row(self) -> QWidget:
        row = QWidget(self)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        self.color.setAccessibleName("Colour")
        self.color.setPlaceholderText("#rrggbb, or empty for a palette colour")
        self.swatch = QLabel(row)
        self.swatch.setFixedSize(22, 22)
        self.pick = QPushButton("Choose…", row)
        self.pick.clicked.connect(self._pick_colour)
        self.color.textChanged.connect(self._show_swatch)
        layout.addWidget(self.color, 1)
        layout.addWidget(self.swatch)
        layout.addWidget(self.pick)
        return row

    def _pick_colour(self) -> None:
        start = QColor(self.color.text()) if QColor.isValidColorName(self.color.text()) \
            else QColor("#1f4e9c")
        chosen = QColorDialog.getColor(start, self, "Actor colour")
        if chosen.isValid():
            self.color.setText(chosen.name())

    def _show_swatch(self, text: str) -> None:
        valid = QColor.isValidColorName(text) and text.startswith("#") and len(text) == 7
        self.swatch.setStyleSheet(f"background: {text}; border: 1px solid #888;" if valid
                                  else "border: 1px dashed #888;")

    def _title_changed(self, title: str) -> None:
        """A new entry's id follows its title until the user types one."""
        if self.index is None and not self._id_typed and self.session.dataset is not None:
            self.id.setText(new_id(self.session.dataset, self.table, title))

    def _id_edited(self, _text: str) -> None:
        self._id_typed = True

    def edit(self) -> Edit | None:
        dataset = self.session.dataset
        assert dataset is not None
        values: dict[str, Value] = {"id": self.id.text().strip(),
                                    self.title_key: self.title_edit.text()}
        if self.text.toPlainText():
            values[self.text_key] = self.text.toPlainText()
        if self.table == "actors" and self.color.text().strip():
            values["color"] = self.color.text().strip()
        if self.index is not None:
            for key in ("issues", "actors", "from", "to"):  # a view's filters stay
                if key in self._original and self.table == "views":
                    values[key] = self._original[key]
            return edit_entry(dataset, self.table, self.index, values,
                              f"Rename {noun(self.table)}" if self.table != "actors"
                              else "Edit actor")
        if self.table == "views":
            view = view_from_filter(dataset, self.session.filter, self.title_edit.text(),
                                    self.text.toPlainText(), str(values["id"]))
            return view
        return AddEntry(self.table, tuple(values.items()))
