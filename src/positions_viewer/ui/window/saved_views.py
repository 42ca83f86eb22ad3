"""The saved views: a box in the filter bar and a menu, both following the session."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QComboBox, QMenu, QWidget

from ...model.text import clip_text
from ..labels import literal_mnemonic
from ..session import DocumentSession
from .parts import ElidedComboBox

__all__ = ["SavedViews"]

TITLE_CHARS = 300


class SavedViews(QObject):
    """Fills ``menu`` and a combo box with the file's saved views; choosing one applies it
    and emits ``applied()`` (the window fits the timeline: a view shows its own period)."""

    applied = Signal()

    def __init__(self, session: DocumentSession, menu: QMenu, parent: QWidget) -> None:
        super().__init__(parent)
        self._session = session
        self.menu = menu
        self.combo = ElidedComboBox(parent)
        self.combo.setAccessibleName("Saved view")
        self.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(9)  # long titles end in "…"
        self.combo.setMaximumWidth(260)
        self.combo.activated.connect(self._chosen)
        self.combo.hide()
        session.opened.connect(self.fill)
        session.filter_changed.connect(self.synchronize)

    def fill(self, _reloaded: bool = False) -> None:
        dataset = self._session.dataset
        self.menu.clear()
        self.combo.clear()
        views = dataset.views if dataset else ()
        self.combo.setVisible(bool(views))
        self.menu.setEnabled(bool(views))
        self.combo.addItem("All (no saved view)", -1)
        for number, view in enumerate(views):
            title = clip_text(view.label, TITLE_CHARS)
            self.combo.addItem(title, number)
            action = self.menu.addAction(literal_mnemonic(title))
            action.triggered.connect(lambda _=False, n=number: self.apply(n))
        self.synchronize()

    def synchronize(self, _changed: object = None) -> None:
        """The box names the saved view the filters are, or "All"."""
        number = self._session.current_view()
        row = self.combo.findData(-1 if number is None else number)
        self.combo.setCurrentIndex(max(0, row))  # "activated" is for user choices only

    def apply(self, number: int) -> None:
        if self._session.apply_view(number):
            self.applied.emit()

    def _chosen(self, row: int) -> None:
        number = self.combo.itemData(row)
        if number is None or number < 0:
            self._session.reset_filter()
            self.applied.emit()
        else:
            self.apply(int(number))
