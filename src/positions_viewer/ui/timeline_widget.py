"""The timeline in the window: paints through :mod:`timeline_painter`, adds the interaction.

Mouse: the wheel zooms around the pointer (Shift+wheel or a sideways scroll pans); dragging
the plot pans; dragging along the axis strip sets the date filter (brushing; Esc cancels);
a click selects the event under the pointer, or zooms into a count chip or a density
column; a double click on empty space fits everything.

Keys: ``+``/``=`` and ``-`` zoom, ``0`` fits. ``Left``/``Right`` move the selection to the
previous or next shown event in date order when an event is selected, and pan otherwise;
``Shift+Left``/``Shift+Right`` always pan. ``Home``/``End`` select the first or last shown
event; ``Enter`` selects the event nearest the centre; ``Esc`` cancels a brush, else clears
the selection; ``L`` toggles lanes per actor.

The setters (:meth:`select_event`, :meth:`highlight_events`, …) never emit signals, so the
window can mirror a selection made elsewhere without an echo.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
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

from positions_viewer.model import DatasetIndex, PartialDate, QueryResult
from positions_viewer.model.text import clip_text
from positions_viewer.model.types import Dataset

from .theme import LIGHT, Theme, actor_colors
from .timeline_layout import Lod, TimeScale, brush_days
from .timeline_painter import (
    TimelineData,
    TimelineHitMap,
    TimelineView,
    fit_view,
    paint_timeline,
    plot_scale,
    timeline_style,
)

__all__ = ["TimelineWidget"]

_WHEEL_STEP = 1.25  # zoom per wheel notch
_KEY_ZOOM = 1.5
_PAN_FRACTION = 0.1  # of the visible span, per arrow key press
_DETAIL_CHARS = 400  # a tooltip shows the start of long details; the panel shows them whole


@dataclass(slots=True)
class _Press:
    pos: QPointF
    on_axis: bool
    scale: TimeScale  # the scale when the button went down: panning is relative to it
    dragging: bool = False


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
        self._press: _Press | None = None
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
        self._describe()
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
        dx, dy = delta.x(), delta.y()
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier and not dx:
            dx, dy = dy, 0
        scale = self._scale()
        if dy:
            self._set_scale(scale.zoomed(_WHEEL_STEP ** (dy / 120), event.position().x()))
        elif dx:
            self._set_scale(scale.panned(dx / 120 * scale.width * _PAN_FRACTION))
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        pos = event.position()
        on_axis = self._hit.in_axis(pos) if self._hit else pos.y() > self.height() - 40
        self._press = _Press(pos, on_axis, self._scale())
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
            self._view.brush = (press.scale.day(press.pos.x()), press.scale.day(pos.x()))
            self.update()
        else:
            self._set_scale(press.scale.panned(pos.x() - press.pos.x()))

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
            text = self._tooltip(QPointF(event.pos()))
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
            self.set_visible_range(*self._padded(first, last))
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
        first, last = brush_days(*brush)
        self._fitted = False  # the axis stays under the pointer while the filter follows
        self.dateRangeBrushed.emit(_day(first), _day(last))

    # -- keys ------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        Key = Qt.Key
        if key in (Key.Key_Plus, Key.Key_Equal):
            self._zoom_keys(_KEY_ZOOM)
        elif key in (Key.Key_Minus, Key.Key_Underscore):
            self._zoom_keys(1 / _KEY_ZOOM)
        elif key == Key.Key_0:
            self.fit()
        elif key in (Key.Key_Left, Key.Key_Right):
            step = -1 if key == Key.Key_Left else 1
            if self._view.selected is not None and not shift:
                self._step_selection(step)
            else:
                scale = self._scale()
                self._set_scale(scale.panned(-step * scale.width * _PAN_FRACTION))
        elif key in (Key.Key_Home, Key.Key_End) and self._data.count:
            self._select(int(self._data.rows[0 if key == Key.Key_Home else -1]))
        elif key in (Key.Key_Return, Key.Key_Enter) and self._view.selected is None:
            self._select_nearest_centre()
        elif key == Key.Key_Escape and self._view.brush is not None:
            self._press = None
            self._view.brush = None
            self.unsetCursor()
            self.update()
        elif key == Key.Key_Escape and self._view.selected is not None:
            self._select(None)
        elif key == Key.Key_L and not event.modifiers():
            self.set_actor_lanes(not self._view.actor_lanes)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def _zoom_keys(self, factor: float) -> None:
        scale = self._scale()
        anchor = scale.left + scale.width / 2
        selected = self._view.selected
        if self._dataset is not None and selected is not None and (
            selected < len(self._dataset.events)
        ):
            event = self._dataset.events[selected]
            x = scale.x((event.start + event.stop + 1) / 2)
            if scale.left <= x <= scale.left + scale.width:
                anchor = x  # keep the selection still while zooming
        self._set_scale(scale.zoomed(factor, anchor))

    def _step_selection(self, step: int) -> None:
        """Moves to the neighbour in date order among the shown events; from a selection
        the filter hides, to the nearest shown event on that side."""
        data, selected = self._data, self._view.selected
        if not data.count or selected is None:
            return
        where = (data.rows == selected).nonzero()[0]
        if len(where):
            position = int(where[0]) + step
        else:
            assert self._index is not None
            start = int(self._index.event_start[selected])
            after = int(np.searchsorted(data.starts, start, side="right" if step > 0 else "left"))
            position = after if step > 0 else after - 1
        position = min(max(position, 0), data.count - 1)
        self._select(int(data.rows[position]))

    def _select_nearest_centre(self) -> None:
        data = self._data
        if not data.count:
            return
        centre = (self._view.start + self._view.end) / 2
        position = int(np.argmin(abs(data.starts - centre)))
        self._select(int(data.rows[position]))

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

    def _padded(self, first: float, last: float) -> tuple[float, float]:
        margin = max(last - first, 1.0) * 0.08
        return first - margin, last + margin

    def _ensure_visible(self, row: int) -> None:
        if self._dataset is None or not 0 <= row < len(self._dataset.events):
            return
        event = self._dataset.events[row]
        start, end = self._view.start, self._view.end
        margin = (end - start) * 0.05
        if event.start >= start + margin and event.stop + 1 <= end - margin:
            return
        if self._fitted and event.start >= start and event.stop + 1 <= end:
            return  # fitted: everything is in view already, and should stay fitted
        if event.start >= start + margin and event.start < end - margin and (
            event.stop + 1 - event.start > end - start
        ):
            return  # a long range already starting in view: its label is visible
        span = end - start
        centre = (event.start + min(event.stop + 1, event.start + span * 0.8)) / 2
        self.set_visible_range(centre - span / 2, centre + span / 2)

    def _tooltip(self, pos: QPointF) -> str:
        hit = self._hit
        if hit is None:
            return ""
        row = hit.event_at(pos)
        if row is not None and self._dataset is not None:
            return event_tooltip(self._dataset, row)
        chip = hit.chip_at(pos)
        if chip is not None:
            first, last, count = chip
            noun = "event" if count == 1 else "events"
            return f"{count:,} {noun}, {_span_label(first, last)}\nClick to zoom in"
        if hit.in_axis(pos):
            return "Drag along the axis to set the date filter"
        if hit.lod is Lod.DENSITY:
            column = hit.density_at(pos)
            if column is not None:
                count, first, last = column
                noun = "event" if count == 1 else "events"
                return f"{count:,} {noun}, {_span_label(first, last)}\nClick to zoom in"
        return ""

    def _describe(self) -> None:
        data = self._data
        if not data.count:
            self.setAccessibleDescription(data.empty_text)
            return
        first = _day(int(data.starts[0])).label()
        last = _day(int(data.sorted_stops[-1])).label()
        noun = "event" if data.count == 1 else "events"
        self.setAccessibleDescription(f"{data.count:,} {noun} from {first} to {last}")


def event_tooltip(dataset: Dataset, row: int) -> str:
    """Plain text about one event: title, dates, actors, the start of the detail."""
    event = dataset.events[row]
    # Cut like the detail: a tooltip lays out all its text (a 1 MB title took 15 s).
    lines = [clip_text(event.title, _DETAIL_CHARS), event.date_label()]
    if event.is_approximate:
        lines[-1] += " (approximate)"
    names = [dataset.actors[a].name for a in event.actors if a < len(dataset.actors)]
    if names:
        lines.append(clip_text(", ".join(names), _DETAIL_CHARS))
    if event.detail:
        detail = event.detail.strip()
        if len(detail) > _DETAIL_CHARS:
            detail = detail[: _DETAIL_CHARS - 1].rstrip() + "…"
        lines.append(detail)
    return "\n".join(lines)


def _day(ordinal: int) -> PartialDate:
    return PartialDate.from_date(dt.date.fromordinal(ordinal))


def _span_label(first: float, last: float) -> str:
    a, b = brush_days(first, last - 1e-9)
    if a == b:
        return _day(a).label()
    return f"{_day(a).label()} – {_day(b).label()}"
