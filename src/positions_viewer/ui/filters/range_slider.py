"""The date-range slider, created just after the window first shows.

superqt's ``QRangeSlider`` is the right widget, but importing superqt pulls in qtpy and with it
every Qt module: about a quarter of a second, a third of the start-up time (measured in
benchmarks/). This stand-in takes its place in the layout at once, remembers the range and the
value it is given, and builds the real slider on the first turn of the event loop after it is
painted, when the window is already on screen.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QWidget

__all__ = ["DateRangeSlider"]

# Long enough for the first frame to reach the screen (and anything else waiting on it)
# before the import blocks the event loop; short enough that no one reaches for the slider.
SLIDER_DELAY_MS = 50


class DateRangeSlider(QWidget):
    """Two handles over whole days; ``valueChanged((start, stop))`` on user moves."""

    valueChanged = Signal(tuple)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._range = (0, 1)
        self._value = (0, 1)
        self._slider: Any = None
        self._scheduled = False
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Date range")

    @property
    def ready(self) -> bool:
        return self._slider is not None

    def ensure_slider(self) -> None:
        """Build the real slider now (it is built by itself just after the first paint)."""
        if self._slider is not None:
            return
        from .range_handles import RangeHandles  # superqt's, both handles always reachable

        slider = RangeHandles(self)
        slider.setAccessibleName("Date range")
        slider.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        slider.setRange(*self._range)
        slider.setValue(self._value)
        slider.valueChanged.connect(self._moved)
        self._slider = slider
        layout = self.layout()
        assert layout is not None
        layout.addWidget(slider)
        self.setFocusProxy(slider)

    def setRange(self, low: int, high: int) -> None:
        self._range = (low, high)
        if self._slider is not None:
            self._slider.setRange(low, high)

    def setValue(self, value: tuple[int, int]) -> None:
        self._value = (int(value[0]), int(value[1]))
        if self._slider is not None:
            self._slider.setValue(self._value)

    def value(self) -> tuple[int, int]:
        return self._value

    def _moved(self, value: tuple[int, int]) -> None:
        self._value = (int(value[0]), int(value[1]))
        self.valueChanged.emit(self._value)

    def paintEvent(self, event: QPaintEvent) -> None:
        # The first paint of this stand-in is part of the window's first paint: the real
        # slider is built right after it, so the window is on screen first.
        super().paintEvent(event)
        if self._slider is None and not self._scheduled:
            self._scheduled = True
            QTimer.singleShot(SLIDER_DELAY_MS, self.ensure_slider)

    def sizeHint(self) -> QSize:
        return QSize(160, max(22, self.fontMetrics().height() + 8))

    def minimumSizeHint(self) -> QSize:
        return QSize(60, self.sizeHint().height())
