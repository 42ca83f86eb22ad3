"""Editing events from the timeline: a double-click on an event edits it; the context menu
edits or deletes the event under the pointer, or adds one there — over the dates just
brushed along the axis when the pointer is inside them, else on the day under it. The
timeline widget is not changed: this listens to its events and reads its hit map."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QMenu

from ...model import PartialDate
from ..timeline.tooltip import day_date

if TYPE_CHECKING:
    from ..timeline.widget import TimelineWidget
    from .editing import Editing

__all__ = ["TimelineTools"]


class TimelineTools(QObject):
    def __init__(self, editing: Editing, timeline: TimelineWidget) -> None:
        super().__init__(timeline)
        self._editing = editing
        self._timeline = timeline
        self.brushed: tuple[PartialDate, PartialDate] | None = None
        timeline.installEventFilter(self)
        timeline.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        timeline.customContextMenuRequested.connect(self.menu)
        timeline.dateRangeBrushed.connect(self._brush)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._timeline and event.type() == QEvent.Type.MouseButtonDblClick \
                and isinstance(event, QMouseEvent) and \
                event.button() == Qt.MouseButton.LeftButton:
            hit = self._timeline.hit_map()
            found = hit.event_at(event.position()) if hit is not None else None
            if found is not None:
                self._editing.session.select_event(found)
                self._editing.edit_event(found)
                return True
        return super().eventFilter(watched, event)

    def _brush(self, start: PartialDate, end: PartialDate) -> None:
        self.brushed = (start, end)
        self._editing.status("Dates set. Right-click the timeline to add an event over them.")

    def menu(self, pos: QPoint) -> QMenu | None:
        """The context menu at ``pos`` (shown; returned for tests)."""
        editing = self._editing
        if editing.session.dataset is None:
            return None
        hit = self._timeline.hit_map()
        menu = QMenu(self._timeline)
        found = hit.event_at(pos.toPointF()) if hit is not None else None
        if found is not None:
            menu.addAction("Edit Event…", lambda: editing.edit_event(found))
            menu.addAction("Delete Event", lambda: editing.delete_event(found))
            menu.addSeparator()
        start, end = self.here(pos)
        menu.addAction("Add Event Here…", lambda: editing.add_event(start, end))
        menu.popup(self._timeline.mapToGlobal(pos))
        return menu

    def here(self, pos: QPoint) -> tuple[PartialDate | None, PartialDate | None]:
        """The dates just brushed when the pointer is over them, else the day under it."""
        hit = self._timeline.hit_map()
        if hit is None:
            return None, None
        day = day_date(int(hit.scale.day(pos.x())))
        if self.brushed is not None:
            start, end = self.brushed
            if start.start <= day.start <= end.stop:
                return start, end
        return day, None
