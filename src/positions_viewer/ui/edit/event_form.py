"""Add or edit an event (a ``[[events]]`` entry): its dates, title, detail, the actors and
issues it concerns and its sources. "Add Event Here" on the timeline gives the dates."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QWidget,
)

from ...model import PartialDate
from ...model.write import AddEntry, Edit, Value, edit_entry, entry_values
from ..session import DocumentSession
from .fields import CheckList, DateLine, EditForm

__all__ = ["EventForm"]


class EventForm(EditForm):
    """``event`` None: a new event (from ``start`` to ``end``); else edit that event."""

    def __init__(self, session: DocumentSession, event: int | None = None,
                 start: PartialDate | None = None, end: PartialDate | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(session, "Edit Event" if event is not None else "Add Event", parent)
        dataset = session.dataset
        assert dataset is not None
        self.event_index = event
        self.id = QLineEdit(self)
        self.id.setAccessibleName("Event id")
        self.id.setPlaceholderText("optional: needed only if statements refer to it")
        self.date = DateLine("Date", "the date it happened (required)", self)
        self.end = DateLine("End", "optional: the last day", self)
        self.title_edit = QLineEdit(self)
        self.title_edit.setAccessibleName("Event title")
        self.detail = QPlainTextEdit(self)
        self.detail.setAccessibleName("Event detail")
        self.detail.setTabChangesFocus(True)
        self.detail.setPlaceholderText("optional detail (plain text)")
        self.detail.setMaximumHeight(110)
        self.detail.setMinimumHeight(50)
        self.actors = CheckList("Actors", self)
        self.issues = CheckList("Issues", self)
        self.sources = CheckList("Sources", self)
        self.tabs = QTabWidget(self)  # three long lists, one at a time: the form fits 720 px
        for name, checklist in (("&Actors", self.actors), ("&Issues", self.issues),
                                ("S&ources", self.sources)):
            self.tabs.addTab(checklist, name)
            checklist.changed.connect(self._count)
        dates = QWidget(self)
        row = QHBoxLayout(dates)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.date, 1)
        row.addWidget(QLabel("to", dates))
        row.addWidget(self.end, 1)
        for label, widget in (("&Date", dates), ("&Title", self.title_edit),
                              ("De&tail", self.detail), ("Concerns", self.tabs),
                              ("I&d", self.id)):
            self.form.addRow(label, widget)
        self._original: dict[str, Value] = {}
        values: dict[str, Value] = {}
        if event is not None:
            values = entry_values(dataset, "events", event)
            self._original = values
        else:
            if start is not None:
                values["date"] = start
            if end is not None and end != start:
                values["end"] = end
        self._fill(values)
        for signal in (self.id.textChanged, self.date.textChanged, self.end.textChanged,
                       self.title_edit.textChanged, self.detail.textChanged,
                       self.actors.changed, self.issues.changed, self.sources.changed):
            signal.connect(self.validate)
        self._count()
        self.fit(640, 600)
        self.validate()
        self.title_edit.setFocus()

    def _fill(self, values: dict[str, Value]) -> None:
        dataset = self.session.dataset
        assert dataset is not None
        self.id.setText(str(values.get("id", "")))
        for key, field in (("date", self.date), ("end", self.end)):
            value = values.get(key)
            field.set_value(value if isinstance(value, PartialDate) else None)
        self.title_edit.setText(str(values.get("title", "")))
        self.detail.setPlainText(str(values.get("detail", "")))
        for key, checklist, items in (
                ("actors", self.actors, [(a.id, a.name) for a in dataset.actors]),
                ("issues", self.issues, [(i.id, i.title) for i in dataset.issues]),
                ("sources", self.sources, [(s.id, s.title) for s in dataset.sources])):
            chosen = values.get(key, ())
            checklist.set_items(items, chosen if isinstance(chosen, tuple) else ())

    def _count(self) -> None:
        """Each tab says how many are ticked: "Actors (2)"."""
        for number, (name, checklist) in enumerate((("&Actors", self.actors),
                                                    ("&Issues", self.issues),
                                                    ("S&ources", self.sources))):
            ticked = len(checklist.checked_ids())
            self.tabs.setTabText(number, f"{name} ({ticked})" if ticked else name)

    def values(self) -> dict[str, Value] | None:
        date = self.read_date(self.date, "date")
        end = self.read_date(self.end, "end")
        if self.field_problems:
            return None
        if date is None:
            self.field_problems.append("Error: date: an event needs a date")
            return None
        values: dict[str, Value] = {}
        if self.id.text().strip():
            values["id"] = self.id.text().strip()
        values["date"] = date
        if end is not None:
            values["end"] = end
        values["title"] = self.title_edit.text()
        if self.detail.toPlainText():
            values["detail"] = self.detail.toPlainText()
        for key, checklist in (("actors", self.actors), ("issues", self.issues),
                               ("sources", self.sources)):
            original = self._original.get(key, ())
            chosen = checklist.checked_ids(original if isinstance(original, tuple) else ())
            if chosen:
                values[key] = chosen
        return values

    def edit(self) -> Edit | None:
        dataset = self.session.dataset
        assert dataset is not None
        values = self.values()
        if values is None:
            return None
        if self.event_index is None:
            return AddEntry("events", tuple(values.items()))
        return edit_entry(dataset, "events", self.event_index, values)
