"""The date-range slider: both handles can be grabbed however close they are (issue 13).

With From and As of a few days apart on a span of years, the two handles lie on the same
pixels; a press there went to one handle always, so the other could not be moved. A press
on both now picks by the first move: left moves From, right moves As of.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from positions_viewer.ui.filters.range_slider import DateRangeSlider

SPAN = (0, 1500)  # four years of days


def _slider(qtbot: QtBot, value: tuple[int, int], width: int = 400) -> DateRangeSlider:
    slider = DateRangeSlider()
    qtbot.addWidget(slider)
    slider.resize(width, 30)
    slider.setRange(*SPAN)
    slider.setValue(value)
    slider.show()
    slider.ensure_slider()
    qtbot.waitExposed(slider)
    qtbot.waitUntil(lambda: slider._slider.width() >= width - 10)  # laid out
    return slider


def _drag(qtbot: QtBot, slider: DateRangeSlider, start: QPoint, dx: int) -> None:
    inner = slider._slider  # the real widget, built by ensure_slider
    qtbot.mousePress(inner, Qt.MouseButton.LeftButton, pos=start)
    for step in range(1, 9):
        qtbot.mouseMove(inner, QPoint(start.x() + dx * step // 8, start.y()))
    qtbot.mouseRelease(inner, Qt.MouseButton.LeftButton,
                       pos=QPoint(start.x() + dx, start.y()))


@pytest.mark.parametrize("value", [(1300, 1303), (700, 703), (200, 201)])
def test_stacked_handles_both_move(qtbot: QtBot, value: tuple[int, int]) -> None:
    slider = _slider(qtbot, value)
    handles = slider._slider
    assert handles.handle_rect(0).intersects(handles.handle_rect(1)), "drawn on each other"
    moved: list[tuple[int, int]] = []
    slider.valueChanged.connect(moved.append)
    centre = handles.handle_rect(1).center()
    _drag(qtbot, slider, centre, -60)
    low, high = slider.value()
    assert low < value[0] - 100 and high == value[1], "dragging left moves From"
    assert moved and moved[-1] == slider.value()

    slider.setValue(value)
    centre = handles.handle_rect(0).center()
    _drag(qtbot, slider, centre, 60)
    low, high = slider.value()
    assert low == value[0] and high > value[1] + 100, "dragging right moves As of"


def test_a_click_on_a_handle_changes_nothing(qtbot: QtBot) -> None:
    slider = _slider(qtbot, (400, 1100))
    moved: list[tuple[int, int]] = []
    slider.valueChanged.connect(moved.append)
    for index in (0, 1):
        qtbot.mouseClick(slider._slider, Qt.MouseButton.LeftButton,
                         pos=slider._slider.handle_rect(index).center() + QPoint(3, 0))
    assert slider.value() == (400, 1100) and not moved


def test_a_lone_handle_follows_the_pointer(qtbot: QtBot) -> None:
    slider = _slider(qtbot, (400, 1100))
    _drag(qtbot, slider, slider._slider.handle_rect(1).center(), -50)
    low, high = slider.value()
    assert low == 400 and 1100 - 250 < high < 1100 - 120
