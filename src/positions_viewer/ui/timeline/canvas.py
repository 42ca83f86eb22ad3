"""The timeline as a widget that shows: the state it draws, its public setters, painting.

:class:`~.widget.TimelineWidget` adds what the mouse and keys do. The setters
(:meth:`select_event`, :meth:`highlight_events`, …) never emit signals, so the window can
mirror a selection made elsewhere without an echo.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFocusEvent, QPainter, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import QWidget

from positions_viewer.model import DatasetIndex, QueryResult
from positions_viewer.model.types import Dataset

from ..render.timeline.data import TimelineData
from ..render.timeline.fit import fit_view, plot_scale
from ..render.timeline.hit import TimelineHitMap
from ..render.timeline.paint import paint_timeline
from ..render.timeline.scale import TimeScale
from ..render.timeline.style import timeline_style
from ..render.timeline.view import TimelineView
from ..theme import LIGHT, Theme, actor_colors
from . import interaction
from .tooltip import describe

__all__ = ["TimelineCanvas"]


class TimelineCanvas(QWidget):
    """Events of the current filter on a date axis, as the view says."""

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
        if self._result is None:  # no file shown yet (or none could be): no axis of year 1
            painter.fillRect(self.rect(), QColor(self._theme.background))
            painter.end()
            return
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
