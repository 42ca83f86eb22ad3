"""The date-range slider's real widget: superqt's ``QRangeSlider`` with handles that can
both be grabbed when they lie on each other.

Imported only when the slider is built (``range_slider.py``): superqt pulls in qtpy and
every Qt module. With From and As of a few days apart on a span of years, the two handles
are drawn on the same pixels, and superqt gave a press there to one of them always, so the
other could not be moved (issue 13). Here a press on both handles picks neither until the
pointer moves: left moves From, right moves As of, as in noUiSlider and d3-brush; both stay
reachable however close they are. A press on one handle grabs it where it is (superqt
first jumped its value to the pixel under the pointer, changing the filter on a click).

Relies on superqt's ``_GenericSlider`` internals (``_handleRect``, ``_pressedControl``,
``_pressedIndex``, ``_clickOffset``, ``_pick``), unchanged from 0.6 to 0.9; the tests in
``tests/ui/filters/test_range_slider.py`` would catch a change.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QStyle, QWidget
from superqt import QRangeSlider

__all__ = ["RangeHandles"]

_HANDLE = QStyle.SubControl.SC_SliderHandle
_DECIDE_PX = 2  # how far the pointer moves before a press on both handles picks one


class RangeHandles(QRangeSlider):
    """Two handles, ``value() == (low, high)``; see the module's docstring."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)  # type: ignore[no-untyped-call]
        self._undecided: QPoint | None = None  # a press on both handles, not yet moved

    def handle_rect(self, index: int) -> QRect:
        """Where handle ``index`` (0: From, 1: As of) is drawn."""
        rect: QRect = self._handleRect(index)
        return rect

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._undecided = None
        pos = event.position().toPoint()
        hits = [i for i in (0, 1) if self._handleRect(i).contains(pos)]
        alone = event.buttons() == event.button()
        if (event.button() != Qt.MouseButton.LeftButton or not hits or not alone
                or self.minimum() >= self.maximum()):
            super().mousePressEvent(event)
            return
        event.accept()
        self._grab(hits[0], pos)
        if len(hits) > 1:
            self._undecided = pos
        self.setSliderDown(True)
        self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        press = self._undecided
        if press is not None and self._pressedControl == _HANDLE:
            dx = event.position().x() - press.x()
            if abs(dx) < _DECIDE_PX:
                event.accept()
                return
            self._grab(0 if dx < 0 else 1, press)
            self._undecided = None
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._undecided = None
        super().mouseReleaseEvent(event)

    def _grab(self, index: int, pos: QPoint) -> None:
        """Handle ``index`` follows the pointer from ``pos``, its value unchanged so far."""
        self._pressedControl = _HANDLE
        self._pressedIndex = index
        self._clickOffset = self._pick(pos - self._handleRect(index).topLeft())
