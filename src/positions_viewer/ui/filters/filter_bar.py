"""The filter bar: issues, actors, date range, text search and reset (DESIGN §3).

The bar owns no state: it shows the session's filter (:meth:`FilterBar.synchronize`, with
the widgets' signals blocked so nothing echoes) and turns each user change into an intent
(``session.set_filter``). A saved view, a brush on the timeline or a reload changes the
session, and the bar follows.
"""

from __future__ import annotations

import datetime as dt
import itertools

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from ...model import Filter, PartialDate
from ..session import DocumentSession
from .checklist import ChecklistButton, signals_blocked
from .date_field import DateField
from .range_slider import DateRangeSlider

__all__ = ["FilterBar"]

SEARCH_DEBOUNCE_MS = 200


class FilterBar(QFrame):
    """Emits ``filterChanged(Filter)`` after every user change, ``wasReset()`` on Reset."""

    filterChanged = Signal(object)
    wasReset = Signal()

    def __init__(self, session: DocumentSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("FilterBar")
        self._session = session

        self.issues = ChecklistButton("issues", self)
        self.actors = ChecklistButton("actors", self)
        self.date_from = DateField("start", "start", "From date", self)
        self.date_to = DateField("latest", "end", "As of date", self)
        self.date_to.open_day = self._last_day
        for field in (self.date_from, self.date_to):
            field.calendar_anchor = self._anchor_day
        self.range = DateRangeSlider(self)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Search")
        self.search.setToolTip("Search the statements, issues, actors and events (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search text")
        # The placeholder whole, with the clear button's room (a cut-off word says less).
        self.search.setMinimumWidth(
            self.search.fontMetrics().horizontalAdvance(self.search.placeholderText()) + 44)
        self.reset_button = QPushButton("Reset", self)
        self.reset_button.setAccessibleName("Reset all filters")
        self.reset_button.setToolTip("Show everything: all issues, actors and dates, no search")

        self.bar_layout = QHBoxLayout(self)
        layout = self.bar_layout
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(8)
        layout.addWidget(self.issues)
        layout.addWidget(self.actors)
        layout.addSpacing(8)
        from_label = QLabel("From", self)
        to_label = QLabel("as of", self)
        for label, buddy in ((from_label, self.date_from), (to_label, self.date_to)):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setBuddy(buddy)
        layout.addWidget(from_label)
        layout.addWidget(self.date_from)
        layout.addWidget(self.range, 3)  # the slider gets most of the room: days are thin
        layout.addWidget(to_label)
        layout.addWidget(self.date_to)
        layout.addSpacing(8)
        layout.addWidget(self.search, 1)
        layout.addWidget(self.reset_button)

        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self._emit_from_widgets)
        self.search.textChanged.connect(self._search_timer.start)
        self.search.returnPressed.connect(self._emit_from_widgets)
        self.issues.selectionChanged.connect(self._emit_from_widgets)
        self.actors.selectionChanged.connect(self._emit_from_widgets)
        self.date_from.edited.connect(lambda _d: self._dates_edited(self.date_from))
        self.date_to.edited.connect(lambda _d: self._dates_edited(self.date_to))
        self.range.valueChanged.connect(self._range_moved)
        self.reset_button.clicked.connect(self.reset)
        self.setEnabled(False)
        session.opened.connect(self.synchronize_document)
        session.filter_changed.connect(self.synchronize)

    def set_tab_order(self, first: QWidget) -> None:
        """Tab goes through the bar as it reads, left to right, from ``first`` (the saved
        view box the window puts before it)."""
        order = [first, self.issues, self.actors, self.date_from.edit, self.range,
                 self.date_to.edit, self.search, self.reset_button]
        for before, after in itertools.pairwise(order):
            QWidget.setTabOrder(before, after)

    # -- the session → the widgets -----------------------------------------------------

    @property
    def current_filter(self) -> Filter:
        """The session's filter (the bar keeps no copy)."""
        return self._session.filter

    def _span(self) -> tuple[int, int] | None:
        index = self._session.index
        return index.span if index is not None else None

    def _last_day(self) -> dt.date | None:
        span = self._span()
        return dt.date.fromordinal(span[1]) if span else None

    def _anchor_day(self) -> dt.date | None:
        """Where a calendar opens on an empty field: the as-of date, else the data's end."""
        flt = self._session.filter
        if flt.date_to is not None:
            return flt.date_to.last_day
        dataset = self._session.dataset
        if dataset is not None and dataset.as_of is not None:
            return dataset.as_of.last_day
        return self._last_day()

    def synchronize_document(self, _reloaded: bool = False) -> None:
        """A new dataset: the lists of issues and actors, and the slider's range."""
        dataset = self._session.dataset
        if dataset is None:
            return
        self.setEnabled(True)
        span = self._span()
        with signals_blocked(self.issues, self.actors, self.range):
            self.issues.set_items([i.label for i in dataset.issues])
            self.actors.set_items([a.label for a in dataset.actors])
            for widget in (self.date_from, self.date_to, self.range):
                widget.setEnabled(span is not None)
            if span is not None:
                self.range.setRange(span[0] - 1, span[1])  # span[0] - 1: no start
        self.synchronize()

    def synchronize(self, _flt: Filter | None = None) -> None:
        """Show the session's filter in the widgets, telling no one."""
        flt = self._session.filter
        with signals_blocked(self.issues, self.actors, self.date_from, self.date_to,
                             self.range, self.search):
            self.issues.set_checked(flt.issues)
            self.actors.set_checked(flt.actors)
            self.date_from.set_value(flt.date_from)
            self.date_to.set_value(flt.date_to)
            span = self._span()
            if span is not None:
                low, high = span
                start = flt.from_ordinal if flt.from_ordinal is not None else low - 1
                stop = flt.to_ordinal if flt.to_ordinal is not None else high
                self.range.setValue((max(low - 1, min(start, high)), max(low, min(stop, high))))
            if self.search.text() != flt.text:
                self.search.setText(flt.text)

    # -- intents ------------------------------------------------------------------------

    def set_filter(self, flt: Filter) -> None:
        """Ask the session to show ``flt`` (as a saved view or a script would)."""
        self._send(flt)

    def set_dates(self, date_from: PartialDate | None, date_to: PartialDate | None) -> None:
        """The date range from elsewhere (a brush on the timeline)."""
        self._send(self.current_filter.with_changes(date_from=date_from, date_to=date_to))

    def reset(self) -> None:
        self._send(Filter())
        self.wasReset.emit()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.search.hasFocus() and self.search.text():
            self.search.clear()
            self._emit_from_widgets()
            return
        super().keyPressEvent(event)

    def _send(self, flt: Filter) -> None:
        if flt != self._session.filter:
            self._session.set_filter(flt)
            self.filterChanged.emit(self._session.filter)
        else:
            self.synchronize()  # undo what the widgets show that the filter is not

    # -- the widgets → an intent ---------------------------------------------------------

    def _dates_edited(self, moved: DateField) -> None:
        start, stop = self.date_from.value(), self.date_to.value()
        if start is not None and stop is not None and start.start > stop.stop:
            # The other end follows: "from" is never after "as of" (that filter selects
            # nothing, and a saved view of it would not load).
            other = self.date_to if moved is self.date_from else self.date_from
            with signals_blocked(other):
                other.set_value(moved.value())
        self._emit_from_widgets()

    def _range_moved(self, value: tuple[int, int]) -> None:
        span = self._span()
        if span is None:
            return
        low, high = span
        start, stop = (int(v) for v in value)
        flt = self.current_filter
        date_from = None if start < low else (
            flt.date_from if flt.date_from is not None and flt.date_from.start == start
            else _day(start))
        date_to = None if stop >= high and (flt.date_to is None or flt.date_to.stop >= high) \
            else (flt.date_to if flt.date_to is not None and min(flt.date_to.stop, high) == stop
                  else _day(stop))
        self._send(flt.with_changes(date_from=date_from, date_to=date_to))

    def _emit_from_widgets(self) -> None:
        self._search_timer.stop()
        self._send(Filter(
            issues=self.issues.checked(),
            actors=self.actors.checked(),
            date_from=self.date_from.value(),
            date_to=self.date_to.value(),
            text=self.search.text(),
        ))


def _day(ordinal: int) -> PartialDate:
    return PartialDate.from_date(dt.date.fromordinal(max(1, min(ordinal, dt.date.max.toordinal()))))
