"""What the mouse and the keys do to the timeline, decided without a widget.

The widget (``widget.py``) turns Qt's events into calls here and applies the answer: a new
scale, a brushed range, an event to select, a command. Every range computed here stays
within the calendar (``TimeScale`` clamps to 0001-01-01..9999-12-31).

Mouse: the wheel zooms around the pointer (Shift+wheel or a sideways scroll pans); dragging
the plot pans; dragging along the axis strip sets the date filter (brushing; Esc cancels);
a click selects the event under the pointer, or zooms into a count chip or a density
column; a double click on empty space fits everything.

Keys: ``+``/``=`` and ``-`` zoom, ``0`` fits. ``Left``/``Right`` move the selection to the
previous or next shown event in date order when an event is selected, and pan otherwise;
``Shift+Left``/``Shift+Right`` always pan. ``Home``/``End`` select the first or last shown
event; ``Enter`` selects the event nearest the centre; ``Esc`` cancels a brush, else clears
the selection; ``L`` toggles lanes per actor.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, auto

import numpy as np
from PySide6.QtCore import QPointF, Qt

from positions_viewer.model import DatasetIndex
from positions_viewer.model.types import Dataset

from ..render.timeline.data import TimelineData
from ..render.timeline.scale import TimeScale, brush_days
from ..render.timeline.view import TimelineView

__all__ = [
    "KEY_ZOOM", "PAN_FRACTION", "WHEEL_STEP", "Command", "Press", "brushed", "chip_range",
    "command_for_key", "nearest_centre", "range_showing", "step_selection", "wheel_scale",
    "zoom_anchor",
]

WHEEL_STEP = 1.25  # zoom per wheel notch
KEY_ZOOM = 1.5
PAN_FRACTION = 0.1  # of the visible span, per arrow key press or wheel notch sideways


@dataclass(slots=True)
class Press:
    """A left button held down: a click until it moves, then a pan or a brush."""

    pos: QPointF
    on_axis: bool
    scale: TimeScale  # the scale when the button went down: panning is relative to it
    dragging: bool = False

    def panned(self, x: float) -> TimeScale:
        """The scale after dragging the plot to ``x``: the content follows the pointer."""
        return self.scale.panned(x - self.pos.x())

    def brush(self, x: float) -> tuple[float, float]:
        """Days from the press to ``x`` along the axis."""
        return self.scale.day(self.pos.x()), self.scale.day(x)


def wheel_scale(
    scale: TimeScale, angle_x: int, angle_y: int, shift: bool, anchor_x: float
) -> TimeScale | None:
    """The scale after a wheel turn (eighths of a degree, 120 a notch): vertical zooms
    around ``anchor_x``; sideways, or vertical with Shift, pans."""
    if shift and not angle_x:
        angle_x, angle_y = angle_y, 0
    if angle_y:
        return scale.zoomed(WHEEL_STEP ** (angle_y / 120), anchor_x)
    if angle_x:
        return scale.panned(angle_x / 120 * scale.width * PAN_FRACTION)
    return None


def brushed(brush: tuple[float, float]) -> tuple[int, int]:
    """The whole days (ordinals, inclusive) a finished brush sets the date filter to."""
    return brush_days(*brush)


def chip_range(first: float, last: float) -> tuple[float, float]:
    """Days to show after clicking a count chip for days ``[first, last)``: them, with a
    margin on each side."""
    margin = max(last - first, 1.0) * 0.08
    return first - margin, last + margin


class Command(Enum):
    ZOOM_IN = auto()
    ZOOM_OUT = auto()
    FIT = auto()
    PREVIOUS = auto()  # the previous shown event in date order
    NEXT = auto()
    PAN_EARLIER = auto()
    PAN_LATER = auto()
    FIRST = auto()
    LAST = auto()
    SELECT_CENTRE = auto()
    CANCEL_BRUSH = auto()
    CLEAR_SELECTION = auto()
    TOGGLE_LANES = auto()


def command_for_key(
    key: int, modifiers: Qt.KeyboardModifier, *, selected: bool, brushing: bool, events: bool
) -> Command | None:
    """What ``key`` does given the state (an event selected, a brush under way, events
    shown); None: the key is not the timeline's."""
    Key = Qt.Key
    shift = bool(modifiers & Qt.KeyboardModifier.ShiftModifier)
    if key in (Key.Key_Plus, Key.Key_Equal):
        return Command.ZOOM_IN
    if key in (Key.Key_Minus, Key.Key_Underscore):
        return Command.ZOOM_OUT
    if key == Key.Key_0:
        return Command.FIT
    if key in (Key.Key_Left, Key.Key_Right):
        earlier = key == Key.Key_Left
        if selected and not shift:
            return Command.PREVIOUS if earlier else Command.NEXT
        return Command.PAN_EARLIER if earlier else Command.PAN_LATER
    if key in (Key.Key_Home, Key.Key_End) and events:
        return Command.FIRST if key == Key.Key_Home else Command.LAST
    if key in (Key.Key_Return, Key.Key_Enter) and not selected:
        return Command.SELECT_CENTRE
    if key == Key.Key_Escape and brushing:
        return Command.CANCEL_BRUSH
    if key == Key.Key_Escape and selected:
        return Command.CLEAR_SELECTION
    if key == Key.Key_L and modifiers == Qt.KeyboardModifier.NoModifier:
        return Command.TOGGLE_LANES
    return None


def zoom_anchor(scale: TimeScale, dataset: Dataset | None, selected: int | None) -> float:
    """Where key zooms keep still: the selected event when it is in view, else the centre."""
    anchor = scale.left + scale.width / 2
    if dataset is not None and selected is not None and 0 <= selected < len(dataset.events):
        event = dataset.events[selected]
        x = scale.x((event.start + event.stop + 1) / 2)
        if scale.left <= x <= scale.left + scale.width:
            anchor = x
    return anchor


def step_selection(
    data: TimelineData, index: DatasetIndex | None, selected: int | None, step: int
) -> int | None:
    """The neighbour in date order among the shown events; from a selection the filter
    hides, the nearest shown event on that side."""
    if not data.count or selected is None:
        return None
    where = (data.rows == selected).nonzero()[0]
    if len(where):
        position = int(where[0]) + step
    else:
        if index is None:
            return None
        start = int(index.event_start[selected])
        after = int(np.searchsorted(data.starts, start, side="right" if step > 0 else "left"))
        position = after if step > 0 else after - 1
    position = min(max(position, 0), data.count - 1)
    return int(data.rows[position])


def nearest_centre(data: TimelineData, view: TimelineView) -> int | None:
    """The shown event starting nearest the middle of the view."""
    if not data.count:
        return None
    centre = (view.start + view.end) / 2
    position = int(np.argmin(abs(data.starts - centre)))
    return int(data.rows[position])


def range_showing(
    view: TimelineView, start: int, stop: int, fitted: bool
) -> tuple[float, float] | None:
    """Days to show so that an event on days ``[start, stop]`` is in view, keeping the
    zoom; None when it is in view already (or, fitted, anywhere on screen)."""
    first, end = view.start, view.end
    margin = (end - first) * 0.05
    if start >= first + margin and stop + 1 <= end - margin:
        return None
    if fitted and start >= first and stop + 1 <= end:
        return None  # fitted: everything is in view already, and should stay fitted
    if start >= first + margin and start < end - margin and stop + 1 - start > end - first:
        return None  # a long range already starting in view: its label is visible
    span = end - first
    centre = (start + min(stop + 1, start + span * 0.8)) / 2
    return centre - span / 2, centre + span / 2
