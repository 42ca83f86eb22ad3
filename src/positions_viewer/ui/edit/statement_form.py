"""Add or edit a statement (a ``[[positions]]`` entry): who, on what, when, the stance, the
text, its event and sources. A new statement's date is the as-of date (the filter's ``to``,
else the file's ``as_of``); the cell selected gives the actor and the issue."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from PySide6.QtWidgets import QComboBox, QPlainTextEdit, QWidget

from ...model import PartialDate
from ...model.text import clip_text
from ...model.write import Edit, Value, add_statement, edit_entry, entry_values
from ..session import DocumentSession
from .fields import CheckList, DateLine, EditForm

__all__ = ["StatementForm", "as_of_date"]

LABEL_CHARS = 90


def as_of_date(session: DocumentSession) -> PartialDate:
    """The date a new statement is dated by default: the filter's ``to``, else the file's
    ``as_of``, else today."""
    if session.filter.date_to is not None:
        return session.filter.date_to
    if session.dataset is not None and session.dataset.as_of is not None:
        return session.dataset.as_of
    return PartialDate.from_date(dt.date.today())


class StatementForm(EditForm):
    """``position`` None: a new statement in cell (``issue``, ``actor``); else edit it."""

    def __init__(self, session: DocumentSession, issue: int, actor: int,
                 position: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(session, "Edit Statement" if position is not None else "Add Statement",
                         parent)
        dataset = session.dataset
        assert dataset is not None
        self.position = position
        self.actor = QComboBox(self)
        self.actor.setAccessibleName("Actor")
        for actor_entry in dataset.actors:
            self.actor.addItem(clip_text(actor_entry.name, LABEL_CHARS), actor_entry.id)
        self.issue = QComboBox(self)
        self.issue.setAccessibleName("Issue")
        for entry in dataset.issues:
            self.issue.addItem(clip_text(entry.title, LABEL_CHARS), entry.id)
        self.date = DateLine("Date", "undated: holds from the start", self)
        self.stance = QComboBox(self)
        self.stance.setEditable(True)
        self.stance.setAccessibleName("Stance")
        self.stance.addItem("")
        for stance, _count in Counter(p.stance for p in dataset.positions
                                      if p.stance).most_common(200):
            self.stance.addItem(stance)
        self.text = QPlainTextEdit(self)
        self.text.setAccessibleName("Statement text")
        self.text.setTabChangesFocus(True)
        self.text.setPlaceholderText("What the actor said (plain text)")
        self.text.setMinimumHeight(60)
        self.event_box = QComboBox(self)
        self.event_box.setAccessibleName("Event")
        self.event_box.addItem("(none)", "")
        for event in dataset.events:
            if event.id:
                self.event_box.addItem(clip_text(f"{event.date_label()}: {event.title}",
                                             LABEL_CHARS), event.id)
        self.sources = CheckList("Sources", self)
        self.form.addRow("&Actor", self.actor)
        self.form.addRow("&Issue", self.issue)
        self.form.addRow("&Date", self.date)
        self.form.addRow("&Stance", self.stance)
        self.form.addRow("&Text", self.text)
        self.form.addRow("&Event", self.event_box)
        self.form.addRow("S&ources", self.sources)
        self._original: dict[str, Value] = {}
        self._fill(issue, actor)
        for signal in (self.actor.currentIndexChanged, self.issue.currentIndexChanged,
                       self.date.textChanged, self.stance.currentTextChanged,
                       self.text.textChanged, self.event_box.currentIndexChanged,
                       self.sources.changed):
            signal.connect(self.validate)
        self.fit(640, 560)
        self.validate()
        self.text.setFocus()

    def _fill(self, issue: int, actor: int) -> None:
        dataset = self.session.dataset
        assert dataset is not None
        source_items = [(s.id, s.title) for s in dataset.sources]
        if self.position is None:
            self.actor.setCurrentIndex(actor)
            self.issue.setCurrentIndex(issue)
            self.date.set_value(as_of_date(self.session))
            self.sources.set_items(source_items)
            return
        values = entry_values(dataset, "positions", self.position)
        self._original = values
        self.actor.setCurrentIndex(max(0, self.actor.findData(values["actor"])))
        self.issue.setCurrentIndex(max(0, self.issue.findData(values["issue"])))
        date = values.get("date")
        self.date.set_value(date if isinstance(date, PartialDate) else None)
        self.stance.setCurrentText(str(values.get("stance", "")))
        self.text.setPlainText(str(values.get("text", "")))
        self.event_box.setCurrentIndex(max(0, self.event_box.findData(values.get("event", ""))))
        sources = values.get("sources", ())
        self.sources.set_items(source_items, sources if isinstance(sources, tuple) else ())

    def edit(self) -> Edit | None:
        dataset = self.session.dataset
        assert dataset is not None
        date = self.read_date(self.date, "date")
        if self.field_problems:
            return None
        original = self._original.get("sources", ())
        sources = self.sources.checked_ids(original if isinstance(original, tuple) else ())
        event = str(self.event_box.currentData() or "")
        if self.position is None:
            return add_statement(dataset, self.issue.currentIndex(), self.actor.currentIndex(),
                                 self.text.toPlainText(), date, self.stance.currentText(),
                                 sources, event)
        values: dict[str, Value] = {"actor": str(self.actor.currentData()),
                                    "issue": str(self.issue.currentData()),
                                    "text": self.text.toPlainText()}
        if date is not None:
            values["date"] = date
        if self.stance.currentText():
            values["stance"] = self.stance.currentText()
        if event:
            values["event"] = event
        if sources:
            values["sources"] = sources
        return edit_entry(dataset, "positions", self.position, values)
