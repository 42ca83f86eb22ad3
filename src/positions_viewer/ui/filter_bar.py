"""The filter bar: issues, actors, date range, text search and reset (DESIGN §3).

The bar owns no filtering: it turns widget state into a :class:`Filter` and emits it once per
user change. Programmatic updates (a saved view, a brush on the timeline, a reload) go
through :meth:`FilterBar.set_filter` with the widgets' signals blocked, so they never echo.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from PySide6.QtCore import QDate, QEvent, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from ..model import Dataset, Filter, PartialDate
from ..model.text import clip_text
from .range_slider import DateRangeSlider

ITEM_CHARS = 300  # a list entry shows this much of an issue title or actor name

__all__ = ["ChecklistButton", "FilterBar"]

SEARCH_DEBOUNCE_MS = 200


@contextmanager
def signals_blocked(*widgets: QWidget) -> Iterator[None]:
    blockers = [QSignalBlocker(w) for w in widgets]
    try:
        yield
    finally:
        for blocker in blockers:
            blocker.unblock()


class ChecklistButton(QToolButton):
    """A button that opens a checkable list with All/None; ``None`` selection means all."""

    selectionChanged = Signal()

    def __init__(self, noun: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._noun = noun
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.setAccessibleName(f"{noun.capitalize()} shown")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        menu = QMenu(self)
        panel = QWidget(menu)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(6, 6, 6, 6)
        self.search = QLineEdit(panel)
        self.search.setPlaceholderText(f"Find {noun}…")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter_items)
        self.list = QListWidget(panel)
        self.list.setAccessibleName(f"{noun.capitalize()} to show")
        self.list.itemChanged.connect(self._item_changed)
        self.list.setMinimumWidth(280)
        buttons = QHBoxLayout()
        self.all_button = QPushButton("All", panel)
        self.none_button = QPushButton("None", panel)
        self.all_button.clicked.connect(lambda: self._set_all(True))
        self.none_button.clicked.connect(lambda: self._set_all(False))
        buttons.addWidget(self.all_button)
        buttons.addWidget(self.none_button)
        buttons.addStretch(1)
        layout.addWidget(self.search)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        action = QWidgetAction(menu)
        action.setDefaultWidget(panel)
        menu.addAction(action)
        menu.aboutToShow.connect(self._about_to_show)
        self.setMenu(menu)
        self._update_text()
        self._fit_width()

    def set_items(self, labels: Sequence[str], checked: frozenset[int] | None = None) -> None:
        with signals_blocked(self.list):
            self.list.clear()
            for index, label in enumerate(labels):
                # plain text: item text is never markup; cut, as every restyle measures it
                item = QListWidgetItem(clip_text(label, ITEM_CHARS))
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                on = checked is None or index in checked
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
                self.list.addItem(item)
        self.search.setVisible(len(labels) > 12)
        self._update_text()
        self._fit_width()

    def _fit_width(self) -> None:
        """Room for the longest label this list can have ("Issues: 12 of 12") and the menu
        arrow, so the button keeps its width as boxes are ticked, and takes no more."""
        count = max(1, self.list.count())
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance(
            f"{self._noun.capitalize()}: {count} of {count}") + 28)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_width()  # text zoom

    def set_checked(self, checked: frozenset[int] | None) -> None:
        with signals_blocked(self.list):
            for row in range(self.list.count()):
                on = checked is None or row in checked
                self.list.item(row).setCheckState(
                    Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
                )
        self._update_text()

    def checked(self) -> frozenset[int] | None:
        """The checked rows, or ``None`` when every row is checked (no filter)."""
        rows = frozenset(
            row for row in range(self.list.count())
            if self.list.item(row).checkState() == Qt.CheckState.Checked
        )
        return None if len(rows) == self.list.count() else rows

    def _set_all(self, on: bool) -> None:
        with signals_blocked(self.list):
            for row in range(self.list.count()):
                item = self.list.item(row)
                if not item.isHidden():
                    item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self._item_changed()

    def _item_changed(self, _item: QListWidgetItem | None = None) -> None:
        self._update_text()
        self.selectionChanged.emit()

    def _filter_items(self, text: str) -> None:
        needle = text.casefold()
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setHidden(bool(needle) and needle not in item.text().casefold())

    def _about_to_show(self) -> None:
        rows = min(self.list.count(), 14)
        self.list.setFixedHeight(max(1, rows) * max(18, self.list.sizeHintForRow(0)) + 6)
        self.list.setFocus()
        if self.list.currentRow() < 0 and self.list.count():
            self.list.setCurrentRow(0)

    def _update_text(self) -> None:
        total = self.list.count()
        checked = self.checked()
        shown = total if checked is None else len(checked)
        label = "all" if checked is None else f"{shown} of {total}"
        self.setText(f"{self._noun.capitalize()}: {label}")
        self.setAccessibleDescription(f"{shown} of {total} {self._noun} shown; press to choose")


def _qdate(ordinal: int) -> QDate:
    day = dt.date.fromordinal(ordinal)
    return QDate(day.year, day.month, day.day)


def _ordinal(value: QDate) -> int:
    return dt.date(value.year(), value.month(), value.day()).toordinal()


class FilterBar(QFrame):
    """Emits ``filterChanged(Filter)`` after every user change."""

    filterChanged = Signal(object)
    wasReset = Signal()  # Reset pressed: everything shown again

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("FilterBar")
        self._dataset: Dataset | None = None
        self._filter = Filter()
        self._span: tuple[int, int] | None = None

        self.issues = ChecklistButton("issues", self)
        self.actors = ChecklistButton("actors", self)
        self.date_from = QDateEdit(self)
        self.date_to = QDateEdit(self)
        for edit, name, special in ((self.date_from, "From date", "start"),
                                    (self.date_to, "As of date", "")):
            edit.setCalendarPopup(True)
            # A date changes when typed in full (Enter, leaving the field), a step or a
            # calendar pick: "20" typed digit by digit would pass through the 2nd, before
            # From, and move From for good.
            edit.setKeyboardTracking(False)
            edit.setDisplayFormat("d MMM yyyy")
            edit.setAccessibleName(name)
            if special:
                edit.setSpecialValueText(special)
        self.range = DateRangeSlider(self)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Search (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search text")
        self.search.setMinimumWidth(100)
        self.reset_button = QPushButton("Reset", self)
        self.reset_button.setAccessibleName("Reset all filters")
        self.reset_button.setToolTip("Show everything: all issues, actors and dates, no search")

        layout = QHBoxLayout(self)
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
        layout.addWidget(self.range, 1)
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
        self.date_from.dateChanged.connect(lambda: self._dates_edited(self.date_from))
        self.date_to.dateChanged.connect(lambda: self._dates_edited(self.date_to))
        self.range.valueChanged.connect(self._range_moved)
        self.reset_button.clicked.connect(self.reset)
        self.setEnabled(False)

    # -- state -----------------------------------------------------------------------

    @property
    def current_filter(self) -> Filter:
        return self._filter

    def set_dataset(self, dataset: Dataset, flt: Filter | None = None) -> None:
        """A newly loaded dataset; ``flt`` (e.g. the filter kept across a reload) is applied."""
        self._dataset = dataset
        self._span = dataset.span()
        self.setEnabled(True)
        with signals_blocked(self.issues, self.actors, self.date_from, self.date_to,
                             self.range):
            self.issues.set_items([i.title for i in dataset.issues])
            self.actors.set_items([a.name for a in dataset.actors])
            if self._span is None:
                for widget in (self.date_from, self.date_to, self.range):
                    widget.setEnabled(False)
            else:
                low, high = self._span
                for widget in (self.date_from, self.date_to, self.range):
                    widget.setEnabled(True)
                self.date_from.setDateRange(_qdate(low - 1), _qdate(high))
                self.date_to.setDateRange(_qdate(low), _qdate(high))
                self.range.setRange(low - 1, high)
        self.set_filter(flt or Filter(), emit=False)

    def set_filter(self, flt: Filter, emit: bool = True) -> None:
        """Show ``flt`` in the widgets (ids out of range are dropped) and optionally emit it."""
        dataset = self._dataset
        if dataset is not None:
            flt = _clamp(flt, len(dataset.issues), len(dataset.actors))
        self._filter = flt
        with signals_blocked(self.issues, self.actors, self.date_from, self.date_to,
                             self.range, self.search):
            self.issues.set_checked(flt.issues)
            self.actors.set_checked(flt.actors)
            if self._span is not None:
                low, high = self._span
                start = flt.from_ordinal if flt.from_ordinal is not None else low - 1
                stop = flt.to_ordinal if flt.to_ordinal is not None else high
                start, stop = max(low - 1, min(start, high)), max(low, min(stop, high))
                self.date_from.setDate(_qdate(start))
                self.date_to.setDate(_qdate(stop))
                self.range.setValue((start, stop))
            if self.search.text() != flt.text:
                self.search.setText(flt.text)
        if emit:
            self.filterChanged.emit(flt)

    def set_dates(self, date_from: PartialDate | None, date_to: PartialDate | None) -> None:
        """The date range from elsewhere (a brush on the timeline), emitted as a user change."""
        self.set_filter(self._filter.with_changes(date_from=date_from, date_to=date_to))

    def reset(self) -> None:
        self.set_filter(Filter())
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

    # -- widget → filter ---------------------------------------------------------------

    def _dates_edited(self, moved: QDateEdit) -> None:
        if self.date_from.date() > self.date_to.date():
            # The other end follows: "from" is never after "as of" (that filter selects
            # nothing, and a saved view of it would not load).
            other = self.date_to if moved is self.date_from else self.date_from
            with signals_blocked(other):
                other.setDate(moved.date())
        with signals_blocked(self.range):
            self.range.setValue((_ordinal(self.date_from.date()), _ordinal(self.date_to.date())))
        self._emit_from_widgets()

    def _range_moved(self, value: tuple[int, int]) -> None:
        start, stop = (int(v) for v in value)
        with signals_blocked(self.date_from, self.date_to):
            self.date_from.setDate(_qdate(start))
            self.date_to.setDate(_qdate(stop))
        self._emit_from_widgets()

    def _emit_from_widgets(self) -> None:
        self._search_timer.stop()
        flt = Filter(
            issues=self.issues.checked(),
            actors=self.actors.checked(),
            date_from=self._widget_from(),
            date_to=self._widget_to(),
            text=self.search.text(),
        )
        if flt != self._filter:
            self._filter = flt
            self.filterChanged.emit(flt)

    def _widget_from(self) -> PartialDate | None:
        if self._span is None:
            return self._filter.date_from
        ordinal = _ordinal(self.date_from.date())
        if ordinal < self._span[0]:
            return None
        current = self._filter.date_from
        if current is not None and current.start == ordinal:
            return current  # keep "2025-12" as the file wrote it
        return PartialDate.from_date(dt.date.fromordinal(ordinal))

    def _widget_to(self) -> PartialDate | None:
        if self._span is None:
            return self._filter.date_to
        ordinal = _ordinal(self.date_to.date())
        current = self._filter.date_to
        if current is not None and min(current.stop, self._span[1]) == ordinal:
            return current
        if ordinal >= self._span[1]:
            return None
        return PartialDate.from_date(dt.date.fromordinal(ordinal))


def _clamp(flt: Filter, n_issues: int, n_actors: int) -> Filter:
    """Drop indices a reloaded file no longer has; a selection of everything becomes None."""
    issues, actors = flt.issues, flt.actors
    if issues is not None:
        issues = frozenset(i for i in issues if i < n_issues)
    if actors is not None:
        actors = frozenset(i for i in actors if i < n_actors)
    return flt.with_changes(issues=issues, actors=actors)
