"""A button that opens a checkable list with All/None: the issue and actor filters."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from PySide6.QtCore import QEvent, QSignalBlocker, Qt, Signal
from PySide6.QtGui import Qt as QtGuiNamespace
from PySide6.QtWidgets import (
    QHBoxLayout,
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

from ...model.text import clip_text

__all__ = ["ChecklistButton", "signals_blocked"]

ITEM_CHARS = 300  # a list entry shows this much of an issue title or actor name
LIST_MAX_PX = 560  # the list is as wide as its longest entry, up to this
MEASURED_LABELS = 200  # the longest entries (in characters) measured for that width
_UNKNOWN = object()  # the ticks are whatever the list shows


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
        self._labels: tuple[str, ...] | None = None  # the entries shown, as shown
        # The rows ticked, as last set from the filter (None: all), while the user has not
        # ticked anything since: the window sets the same ticks several times per change,
        # and reading 18,000 check boxes back took 30-50 ms each time (issue 18).
        self._ticked: frozenset[int] | object | None = _UNKNOWN
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
        # The entries are put in the list when it is first looked at (the menu opens, or a
        # caller reads ``list``), not when the file is shown: 18,000 issues took 0.15 s of
        # the window's first paint (issue 18). Until then the labels and ticks are kept here.
        self._pending = False
        self._list = QListWidget(panel)
        self._list.setAccessibleName(f"{noun.capitalize()} to show")
        self._list.itemChanged.connect(self._item_changed)
        self._list.setMinimumWidth(280)
        # Long titles end in "…" (the whole title is the entry's tooltip), never a scroll bar.
        self._list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self._list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        buttons = QHBoxLayout()
        self.all_button = QPushButton("All", panel)
        self.none_button = QPushButton("None", panel)
        self.all_button.clicked.connect(lambda: self._set_all(True))
        self.none_button.clicked.connect(lambda: self._set_all(False))
        buttons.addWidget(self.all_button)
        buttons.addWidget(self.none_button)
        buttons.addStretch(1)
        layout.addWidget(self.search)
        layout.addWidget(self._list)
        layout.addLayout(buttons)
        action = QWidgetAction(menu)
        action.setDefaultWidget(panel)
        menu.addAction(action)
        menu.aboutToShow.connect(self._about_to_show)
        self.setMenu(menu)
        self._update_text()
        self._fit_width()

    @property
    def list(self) -> QListWidget:
        """The checkable list, its entries filled in on first look."""
        if self._pending:
            self._fill()
        return self._list

    def set_items(self, labels: Sequence[str], checked: frozenset[int] | None = None) -> None:
        # plain text: item text is never markup; cut, as every restyle measures it
        shown = tuple(clip_text(label, ITEM_CHARS) for label in labels)
        if shown == self._labels:  # the same entries (a reload, an edit elsewhere): ticks only
            self.set_checked(checked)
            return
        self._labels = shown
        self._ticked = checked
        self._pending = True
        with signals_blocked(self._list):
            self._list.clear()
        self.search.setVisible(len(labels) > 12)
        self._update_text()
        self._fit_width()

    def _fill(self) -> None:
        """Put the entries in the list, ticked as :attr:`_ticked` says."""
        self._pending = False
        shown, checked = self._labels or (), self._ticked
        ticked = checked if isinstance(checked, frozenset) else None
        # The flags and states worked out once: each Qt enum operation is a Python call.
        flags = QListWidgetItem().flags() | Qt.ItemFlag.ItemIsUserCheckable
        on_state, off_state = Qt.CheckState.Checked, Qt.CheckState.Unchecked
        whitespace = Qt.WhiteSpaceMode.WhiteSpaceNormal
        widget = self._list
        with signals_blocked(widget):
            widget.clear()
            for index, text in enumerate(shown):
                item = QListWidgetItem(text)
                item.setFlags(flags)
                # A tooltip guesses rich text: the title is escaped so it shows as typed.
                item.setToolTip(QtGuiNamespace.convertFromPlainText(text, whitespace))
                item.setCheckState(on_state if ticked is None or index in ticked
                                   else off_state)
                widget.addItem(item)
        # The widest entry is among the longest in characters (18,000 measured one by one
        # took a tenth of a second).
        measured = sorted(shown, key=len)[-MEASURED_LABELS:]
        metrics = widget.fontMetrics()
        longest = max((metrics.horizontalAdvance(text) for text in measured), default=0)
        widget.setMinimumWidth(max(280, min(LIST_MAX_PX, longest + 48)))
        self._filter_items(self.search.text())

    def _count(self) -> int:
        """How many entries the list has (or will have, once filled)."""
        return len(self._labels) if self._pending and self._labels is not None \
            else self._list.count()

    def _fit_width(self) -> None:
        """Room for the longest label this list can have ("Issues: 12 of 12") and the menu
        arrow, so the button keeps its width as boxes are ticked, and takes no more."""
        count = max(1, self._count())
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance(
            f"{self._noun.capitalize()}: {count} of {count}") + 28)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_width()  # text zoom

    def set_checked(self, checked: frozenset[int] | None) -> None:
        if self._ticked is not _UNKNOWN and checked == self._ticked:
            return  # shown already
        if self._pending:  # not filled yet: the ticks are put in with the entries
            self._ticked = checked
            self._update_text()
            return
        on_state, off_state = Qt.CheckState.Checked, Qt.CheckState.Unchecked
        with signals_blocked(self.list):
            for row in range(self.list.count()):
                item = self.list.item(row)
                state = on_state if checked is None or row in checked else off_state
                if item.checkState() != state:
                    item.setCheckState(state)
        self._ticked = checked
        self._update_text()

    def checked(self) -> frozenset[int] | None:
        """The checked rows, or ``None`` when every row is checked (no filter)."""
        ticked, count = self._ticked, self._count()
        if ticked is None:
            return None
        if isinstance(ticked, frozenset):
            rows = frozenset(row for row in ticked if 0 <= row < count)
            return None if len(rows) == count else rows
        on_state, item = Qt.CheckState.Checked, self.list.item
        rows = frozenset(
            row for row in range(self.list.count()) if item(row).checkState() == on_state
        )
        return None if len(rows) == self.list.count() else rows

    def _set_all(self, on: bool) -> None:
        self._ticked = _UNKNOWN
        with signals_blocked(self.list):
            for row in range(self.list.count()):
                item = self.list.item(row)
                if not item.isHidden():
                    item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self._item_changed()

    def _item_changed(self, _item: QListWidgetItem | None = None) -> None:
        self._ticked = _UNKNOWN  # the user ticked: the list is the truth
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
        total = self._count()
        checked = self.checked()
        shown = total if checked is None else len(checked)
        label = "all" if checked is None else f"{shown} of {total}"
        self.setText(f"{self._noun.capitalize()}: {label}")
        self.setAccessibleDescription(f"{shown} of {total} {self._noun} shown; press to choose")
