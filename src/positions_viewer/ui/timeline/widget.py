"""The timeline in the window: the canvas (``canvas.py``) plus the mouse and the keys.

What each press, drag, wheel turn and key does is decided in ``interaction.py`` (its
docstring lists them); this widget applies it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QHelpEvent, QKeyEvent, QMouseEvent, QWheelEvent
from PySide6.QtGui import Qt as QtGuiNamespace
from PySide6.QtWidgets import QApplication, QToolTip, QWidget

from ..render.timeline.lod import Lod
from ..theme import LIGHT, Theme
from . import interaction
from .canvas import TimelineCanvas
from .interaction import Command, Press
from .tooltip import day_date, event_tooltip, tooltip_at

__all__ = ["TimelineWidget", "event_tooltip"]


class TimelineWidget(TimelineCanvas):
    """Events of the current filter on a zoomable date axis: zoom, pan, brush, select."""

    def __init__(self, parent: QWidget | None = None, theme: Theme = LIGHT) -> None:
        super().__init__(parent, theme)
        self._press: Press | None = None

    # -- mouse -----------------------------------------------------------------------

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta()
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        scale = interaction.wheel_scale(self._scale(), delta.x(), delta.y(), shift,
                                        event.position().x())
        if scale is not None:
            self._set_scale(scale)
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        pos = event.position()
        on_axis = self._hit.in_axis(pos) if self._hit else pos.y() > self.height() - 40
        self._press = Press(pos, on_axis, self._scale())
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        press = self._press
        if press is None or not event.buttons() & Qt.MouseButton.LeftButton:
            self._hover(pos)
            return
        if not press.dragging:
            moved = (pos - press.pos).manhattanLength()
            if moved < QApplication.startDragDistance():
                return
            press.dragging = True
            QToolTip.hideText()
            self.setCursor(
                Qt.CursorShape.SizeHorCursor if press.on_axis else Qt.CursorShape.ClosedHandCursor
            )
        if press.on_axis:
            self._view.brush = press.brush(pos.x())
            self.update()
        else:
            self._set_scale(press.panned(pos.x()))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        press, self._press = self._press, None
        if press is None or event.button() != Qt.MouseButton.LeftButton:
            super().mouseReleaseEvent(event)
            return
        pos = event.position()
        if press.dragging and press.on_axis:
            self._finish_brush()
        elif not press.dragging:
            self._click(pos, press.on_axis)
        self._hover(pos)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        hit = self._hit
        empty = self._event_at(pos) is None and (
            hit is None or (not hit.in_axis(pos) and hit.chip_at(pos) is None)
        )
        if event.button() == Qt.MouseButton.LeftButton and empty:
            self.fit()
            return
        super().mouseDoubleClickEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        if self._view.hovered is not None:
            self._view.hovered = None
            self.update()
        super().leaveEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = tooltip_at(self._hit, QPointF(event.pos()), self._dataset) if self._hit else ""
            if text:
                html = QtGuiNamespace.convertFromPlainText(text, Qt.WhiteSpaceMode.WhiteSpaceNormal)
                QToolTip.showText(event.globalPos(), html, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def _click(self, pos: QPointF, on_axis: bool) -> None:
        hit = self._hit
        if hit is None or on_axis:
            return
        chip = hit.chip_at(pos)
        if chip is not None:
            first, last, _count = chip
            self.set_visible_range(*interaction.chip_range(first, last))
            return
        row = hit.event_at(pos)
        if row is not None:
            self._select(row)
            return
        if hit.lod is Lod.DENSITY and hit.density_at(pos) is not None:
            self._set_scale(self._scale().zoomed(4.0, pos.x()))
            return
        if self._view.selected is not None:
            self._select(None)

    def _hover(self, pos: QPointF) -> None:
        hit = self._hit
        row = self._event_at(pos)
        if row != self._view.hovered:
            self._view.hovered = row
            self.update()
        if self._press is not None and self._press.dragging:
            return
        if row is not None or (hit is not None and hit.chip_at(pos) is not None):
            self.setCursor(Qt.CursorShape.PointingHandCursor)
        elif hit is not None and hit.in_axis(pos):
            self.setCursor(Qt.CursorShape.SizeHorCursor)
        else:
            self.setCursor(Qt.CursorShape.OpenHandCursor)

    def _event_at(self, pos: QPointF) -> int | None:
        return self._hit.event_at(pos) if self._hit is not None else None

    def _finish_brush(self) -> None:
        brush, self._view.brush = self._view.brush, None
        self.update()
        if brush is None:
            return
        first, last = interaction.brushed(brush)
        self._fitted = False  # the axis stays under the pointer while the filter follows
        self.dateRangeBrushed.emit(day_date(first), day_date(last))

    # -- keys ------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        command = interaction.command_for_key(
            event.key(), event.modifiers(), selected=self._view.selected is not None,
            brushing=self._view.brush is not None, events=self._data.count > 0,
        )
        if command is None:
            super().keyPressEvent(event)
            return
        self._run(command)
        event.accept()

    def _run(self, command: Command) -> None:
        view, data, scale = self._view, self._data, self._scale()
        if command in (Command.ZOOM_IN, Command.ZOOM_OUT):
            zoom = interaction.KEY_ZOOM
            factor = zoom if command is Command.ZOOM_IN else 1 / zoom
            anchor = interaction.zoom_anchor(scale, self._dataset, view.selected)
            self._set_scale(scale.zoomed(factor, anchor))
        elif command is Command.FIT:
            self.fit()
        elif command in (Command.PREVIOUS, Command.NEXT):
            step = -1 if command is Command.PREVIOUS else 1
            row = interaction.step_selection(data, self._index, view.selected, step)
            if row is not None:
                self._select(row)
        elif command in (Command.PAN_EARLIER, Command.PAN_LATER):
            step = -1 if command is Command.PAN_EARLIER else 1
            self._set_scale(scale.panned(-step * scale.width * interaction.PAN_FRACTION))
        elif command in (Command.FIRST, Command.LAST):
            self._select(int(data.rows[0 if command is Command.FIRST else -1]))
        elif command is Command.SELECT_CENTRE:
            row = interaction.nearest_centre(data, view)
            if row is not None:
                self._select(row)
        elif command is Command.CANCEL_BRUSH:
            self._press = None
            view.brush = None
            self.unsetCursor()
            self.update()
        elif command is Command.CLEAR_SELECTION:
            self._select(None)
        elif command is Command.TOGGLE_LANES:
            self.set_actor_lanes(not view.actor_lanes)

