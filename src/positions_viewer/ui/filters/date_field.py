"""A date field for the filter bar: type a date (ISO or as displayed) or pick it in a calendar.

``QDateEdit`` was the wrong tool (issue 13 item 8): with a special "start" text, Tab never
left the field and typing gave "art18Dec2025"; it cannot hold "no date" nor an approximate
one, and its calendar opened at the start of the data. This field is a line edit: empty means
open ("start" or "latest" as placeholder), a typed date is taken on Enter or when focus leaves,
a bad one is marked and kept for correction, Escape restores the date in force, and the
calendar opens at the field's date or, when empty, at the date given by ``calendar_anchor``.
Every date stays within 0001-01-01..9999-12-31 (the calendar's range is the proleptic
Gregorian calendar Python knows).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from ...model import DateError, PartialDate
from ...model.importers.human_dates import MONTHS, DateProblem, checked_date, read_date

__all__ = ["DateField", "parse_typed_date"]

# The field shows a date as PartialDate.label() does: "1 Jan 1" for the first day of the
# calendar (years below 1000 are not padded), which the importer's reader refuses.
_SHORT_YEAR = re.compile(r"(?:(\d{1,2}) )?(?:([a-z]+) )?(\d{1,3})\Z")
HINT = "Type a date as 2025-12-18, 18 Dec 2025, Dec 2025 or 2025; empty for no limit"


def _reason(problem: DateProblem) -> str:
    """The reader's sentence without its advice for spreadsheets (the field gives its own)."""
    text = str(problem)
    for advice in ("; write one as", "; pass --"):
        text = text.split(advice)[0]
    return text


def parse_typed_date(text: str) -> PartialDate:
    """A date as a user types it: every form the importer reads (ISO, ``18 Dec 2025``,
    ``December 18, 2025``, ``Dec 2025``, ``2025``; :func:`~positions_viewer.model.importers.
    human_dates.read_date`) and the field's own display of early years (``1 Jan 1``). One
    date, not a range. Raises :class:`~positions_viewer.model.DateError` saying why."""
    cleaned = " ".join(text.strip().lower().split())
    if not cleaned:
        raise DateError("empty date")
    try:
        span = read_date(cleaned)
    except DateProblem as exc:
        match = _SHORT_YEAR.match(cleaned)
        if match is None or (match[1] and not match[2]):
            raise DateError(_reason(exc)) from None
        month = MONTHS.get(match[2]) if match[2] else None
        if match[2] and month is None:
            raise DateError(f"'{text.strip()[:40]}' is not a date: no month "
                            f"'{match[2]}'") from None
        try:
            return checked_date(int(match[3]), month, int(match[1]) if match[1] else None,
                                text.strip())
        except DateProblem as problem:
            raise DateError(str(problem)) from None
    if span is None:
        raise DateError("empty date")
    if span.end is not None:
        raise DateError(f"'{text.strip()[:40]}' is a range: type one date")
    return span.start


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class DateField(QWidget):
    """Emits ``edited(PartialDate | None)`` when the user commits a date or clears the field.

    ``edge`` is "start" or "end": which day of an approximate date the calendar shows.
    """

    edited = Signal(object)

    def __init__(self, placeholder: str, edge: str, name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._edge = edge
        self._value: PartialDate | None = None
        self.calendar_anchor: Callable[[], dt.date | None] = lambda: None
        self.open_day: Callable[[], dt.date | None] = lambda: None
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(placeholder)
        self.edit.setAccessibleName(name)
        self.edit.setToolTip(HINT)
        self.edit.setClearButtonEnabled(False)
        self.edit.editingFinished.connect(self.commit)
        self.edit.installEventFilter(self)
        self.button = QToolButton(self)
        self.button.setText("▾")
        self.button.setAccessibleName(f"{name}: calendar")
        self.button.setToolTip("Pick the date in a calendar")
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes on to the next field
        self.button.clicked.connect(self.open_calendar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.edit)
        layout.addWidget(self.button)
        self.setFocusProxy(self.edit)
        self._fit_width()

    def _fit_width(self) -> None:
        metrics = self.edit.fontMetrics()
        self.edit.setMinimumWidth(metrics.horizontalAdvance("30 Sep 2025") + 16)
        self.edit.setMaximumWidth(metrics.horizontalAdvance("30 Sep 2025") + 28)

    def value(self) -> PartialDate | None:
        """The date in force (``None``: no limit)."""
        return self._value

    def date(self) -> QDate:
        """The day in force as a ``QDate`` (an approximate date's first or last day, by the
        field's edge; the open end's day from ``open_day``, else an invalid date)."""
        if self._value is None:
            day = self.open_day()
            return _qdate(day) if day is not None else QDate()
        return _qdate(self._value.first_day if self._edge == "start" else self._value.last_day)

    def setDate(self, date: QDate) -> None:
        """Commit ``date`` as if the user had typed it."""
        self.edit.setText(PartialDate(date.year(), date.month(), date.day()).label())
        self.commit()

    def set_value(self, value: PartialDate | None) -> None:
        """Show ``value`` without emitting (the session changed, not the user)."""
        self._value = value
        self.edit.setText(value.label() if value is not None else "")
        self._mark_bad(None)

    def commit(self) -> None:
        """Take the typed text: a date, or empty for no limit. A bad text stays, marked."""
        text = self.edit.text()
        if not text.strip():
            value = None
        else:
            try:
                value = parse_typed_date(text)
            except DateError as exc:
                self._mark_bad(f"{exc}. {HINT}")
                return
        self._mark_bad(None)
        self.edit.setText(value.label() if value is not None else "")
        if value != self._value:
            self._value = value
            self.edited.emit(value)

    def restore(self) -> None:
        """Escape: back to the date in force."""
        self.set_value(self._value)
        self.edit.selectAll()

    def _mark_bad(self, message: str | None) -> None:
        self.edit.setProperty("invalid", message is not None)
        self.edit.setToolTip(message or HINT)
        self.edit.setStyleSheet("QLineEdit { border: 2px solid #c0392b; }" if message else "")

    def eventFilter(self, watched: object, event: object) -> bool:
        if (watched is self.edit and isinstance(event, QKeyEvent)
                and event.type() == QKeyEvent.Type.KeyPress):
            if event.key() == Qt.Key.Key_Escape and self.edit.text() != (
                    self._value.label() if self._value else ""):
                self.restore()
                return True
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_F4) and (
                    event.modifiers() & Qt.KeyboardModifier.AltModifier
                    or event.key() == Qt.Key.Key_F4):
                self.open_calendar()
                return True
        return super().eventFilter(watched, event)  # type: ignore[arg-type]

    def open_calendar(self) -> None:
        """A calendar at the field's date, or the anchor's (the as-of date) when empty."""
        menu = QMenu(self)
        calendar = QCalendarWidget(menu)
        calendar.setMinimumDate(QDate(1, 1, 1))
        calendar.setMaximumDate(QDate(9999, 12, 31))
        calendar.setGridVisible(True)
        day = None
        if self._value is not None:
            day = self._value.first_day if self._edge == "start" else self._value.last_day
        day = day or self.calendar_anchor() or dt.date.today()
        calendar.setSelectedDate(_qdate(day))
        calendar.setCurrentPage(day.year, day.month)

        def picked(date: QDate) -> None:
            menu.close()
            self.edit.setText(PartialDate(date.year(), date.month(), date.day()).label())
            self.commit()

        calendar.activated.connect(picked)
        calendar.clicked.connect(picked)
        action = QWidgetAction(menu)
        action.setDefaultWidget(calendar)
        menu.addAction(action)
        calendar.setFocus()
        menu.popup(self.mapToGlobal(self.rect().bottomLeft()))
        self._menu = menu  # for tests: the open calendar
