"""The timeline in the window: paints through the renderer, adds the interaction.

What the mouse and keys do is decided in ``interaction.py`` (its docstring lists them); this
widget applies it. The setters (:meth:`select_event`, :meth:`highlight_events`, …) never emit
signals, so the window can mirror a selection made elsewhere without an echo.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtGui import Qt as QtGuiNamespace
from PySide6.QtWidgets import QApplication, QToolTip, QWidget

from positions_viewer.model import DatasetIndex, QueryResult
from positions_viewer.model.types import Dataset

from ..render.timeline.data import TimelineData
from ..render.timeline.fit import fit_view, plot_scale
from ..render.timeline.hit import TimelineHitMap
from ..render.timeline.lod import Lod
from ..render.timeline.paint import paint_timeline
from ..render.timeline.scale import TimeScale
from ..render.timeline.style import timeline_style
from ..render.timeline.view import TimelineView
from ..theme import LIGHT, Theme, actor_colors
from . import interaction
from .interaction import Command, Press
from .tooltip import day_date, describe, event_tooltip, tooltip_at

__all__ = ["TimelineWidget", "event_tooltip"]


class TimelineWidget(QWidget):
    """Events of the current filter on a zoomable date axis."""

    eventSelected = Signal(int)  # event index in the dataset, -1 for none
    dateRangeBrushed = Signal(object, object)  # two day-precision PartialDates, from <= to

    def __init__(self, parent: QWidget | None = None, theme: Theme = LIGHT) -> None:
        super().__init__(parent)
        self._theme = theme
        self._colors: list[str] | None = None
        self._result: QueryResult | None = None
        self._index: DatasetIndex | None = None
        self._dataset: Dataset | None = None
        self._data = TimelineData.empty()
        self._view = TimelineView(0.0, 1.0)
        self._fitted = False
        self._hit: TimelineHitMap | None = None
        self._press: Press | None = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.setAccessibleName("Timeline")
        self.setAccessibleDescription("No events")
        self.setMinimumHeight(self.minimumSizeHint().height())

    # -- what to show ----------------------------------------------------------------

    def set_result(self, result: QueryResult, index: DatasetIndex) -> None:
        """Shows what a filter selects, at once. A fitted timeline (see :meth:`fit`) fits the
        new result; once the user has zoomed, panned or brushed, the visible range stays (a
        brushed filter must not move the axis under the pointer). A first or different file
        is fitted, and loses its selection. A reload of the same file keeps everything."""
        new_dataset = self._dataset is None or (
            result.dataset is not self._dataset
            and (result.dataset.path is None or result.dataset.path != self._dataset.path)
        )
        self._result, self._index, self._dataset = result, index, result.dataset
        self._rebuild()
        if new_dataset:
            # Indices of another file's events would mark unrelated events.
            self._view.selected, self._view.hovered = None, None
            self._view.highlighted = frozenset()
            self.fit()
        elif self._fitted:
            self.fit()
        self.setAccessibleDescription(describe(self._data))
        self.update()

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self.setMinimumHeight(self.minimumSizeHint().height())
        self.updateGeometry()
        self.update()

    def theme(self) -> Theme:
        return self._theme

    def set_actor_colors(self, colors: list[str]) -> None:
        """Colours by actor index (file order); the file's or the palette's by default."""
        self._colors = list(colors)
        self._rebuild()
        self.update()

    def set_actor_lanes(self, on: bool) -> None:
        self._view.actor_lanes = on
        self.update()

    def actor_lanes(self) -> bool:
        return self._view.actor_lanes

    def select_event(self, index: int | None, scroll: bool = True) -> None:
        """Marks ``index`` as selected and (``scroll``) scrolls it into view; emits nothing."""
        self._view.selected = None if index is None or index < 0 else index
        if scroll and self._view.selected is not None:
            self._ensure_visible(self._view.selected)
        self.update()

    def selected_event(self) -> int | None:
        return self._view.selected

    def highlight_events(self, indices: set[int] | frozenset[int]) -> None:
        self._view.highlighted = frozenset(indices)
        self.update()

    def fit(self) -> None:
        """Shows every shown event and the as-of line, and keeps doing so through resizes
        and filter changes until the user zooms or pans."""
        fit_view(self._data, max(1, self.width()), self._theme, self._view)
        self._fitted = True
        self.update()

    def visible_range(self) -> tuple[float, float]:
        """Days ``[start, end)`` across the plot."""
        return self._view.start, self._view.end

    def set_visible_range(self, start: float, end: float) -> None:
        self._set_scale(self._scale().with_range(start, end))

    def hit_map(self) -> TimelineHitMap | None:
        """Where the last paint put things (``None`` before the first paint)."""
        return self._hit

    def data(self) -> TimelineData:
        return self._data

    def view(self) -> TimelineView:
        return self._view

    # -- sizes -----------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        style = timeline_style(self._theme)
        return QSize(round(style.fm.averageCharWidth() * 90), self._height_for_lanes(6))

    def minimumSizeHint(self) -> QSize:
        style = timeline_style(self._theme)
        return QSize(round(style.fm.averageCharWidth() * 20), self._height_for_lanes(2))

    def _height_for_lanes(self, lanes: int) -> int:
        style = timeline_style(self._theme)
        return int(style.header_h + style.overflow_h + lanes * style.lane_h + style.axis_h)

    # -- painting --------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            self._hit = paint_timeline(
                painter, QRectF(self.rect()), self._data, self._view, self._theme
            )
            if self.hasFocus():
                self._draw_focus_frame(painter)
        finally:
            painter.end()

    def _draw_focus_frame(self, painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(QColor(self._theme.accent), 2))
        painter.drawRect(QRectF(self.rect()).adjusted(1, 1, -1, -1))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._fitted:
            self.fit()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

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

    def _select(self, row: int | None) -> None:
        if row == self._view.selected:
            return
        self.select_event(row)
        self.eventSelected.emit(-1 if row is None else row)

    # -- helpers ---------------------------------------------------------------------

    def _rebuild(self) -> None:
        if self._result is None or self._index is None:
            return
        colors = self._colors or actor_colors([a.color for a in self._result.dataset.actors])
        self._data = TimelineData.from_result(self._result, self._index, colors)

    def _scale(self) -> TimeScale:
        return plot_scale(QRectF(self.rect()), self._view, self._theme)

    def _set_scale(self, scale: TimeScale) -> None:
        self._fitted = False
        if (scale.start, scale.end) != (self._view.start, self._view.end):
            self._view.start, self._view.end = scale.start, scale.end
            self.update()

    def _ensure_visible(self, row: int) -> None:
        if self._dataset is None or not 0 <= row < len(self._dataset.events):
            return
        event = self._dataset.events[row]
        shown = interaction.range_showing(self._view, event.start, event.stop, self._fitted)
        if shown is not None:
            self.set_visible_range(*shown)
