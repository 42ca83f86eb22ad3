"""Edit buttons in the details panel: on each statement of a cell's history (Edit…, Delete),
under the cell's title (Add Statement…), and on a selected event (Edit…, Delete). The panel
asks for them through its ``tools`` hook and places them; this module decides which."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from ...model import Event, Position

if TYPE_CHECKING:
    from ..details.panel import DetailsPanel
    from .editing import Editing

__all__ = ["PanelTools"]


class PanelTools:
    def __init__(self, editing: Editing, panel: DetailsPanel) -> None:
        self._editing = editing
        panel.tools = self.tools
        panel.synchronize()

    def tools(self, kind: str, item: object) -> QWidget | None:
        """The buttons for ``item``: a ``"position"`` (:class:`Position`), a ``"cell"``
        (``(issue, actor)``) or an ``"event"`` (:class:`Event`)."""
        editing = self._editing
        if kind == "position" and isinstance(item, Position):
            index = item.index
            return _row(("Edit…", "Edit this statement",
                         lambda: editing.edit_statement(index)),
                        ("Delete", "Delete this statement (Undo brings it back)",
                         lambda: editing.delete_statement(index)))
        if kind == "cell":
            return _row(("Add Statement…", "Add a statement to this cell (Insert)",
                         editing.add_statement))
        if kind == "event" and isinstance(item, Event):
            index = item.index
            return _row(("Edit Event…", "Edit this event", lambda: editing.edit_event(index)),
                        ("Delete Event", "Delete this event (Undo brings it back)",
                         lambda: editing.delete_event(index)))
        return None


def _row(*buttons: tuple[str, str, object]) -> QWidget:
    row = QWidget()
    row.setObjectName("details-edit-tools")
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 2, 0, 0)
    layout.setSpacing(6)
    for text, tip, slot in buttons:
        button = QPushButton(text, row)
        button.setObjectName("details-edit")
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.clicked.connect(lambda _=False, call=slot: call())  # type: ignore[operator]
        layout.addWidget(button)
    layout.addStretch(1)
    return row
