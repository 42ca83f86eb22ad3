"""The calendar's edges (issue 12): whatever the user does, every date the timeline computes
stays in 0001-01-01..9999-12-31, and fit shows every event whatever the span.

Events sit on both ends of the calendar and in between, over spans from one day to 9,999
years; each dataset goes through every interaction: fit, zoom in and out to the limits
(keys and wheel), pan past both ends (drag, keys, sideways wheel), brush past both ends,
Home/End and the arrow keys, a click on every chip, tooltips.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QHelpEvent, QWheelEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from positions_viewer.model import (
    Actor,
    Dataset,
    DatasetIndex,
    Event,
    Issue,
    PartialDate,
    load_file,
)
from positions_viewer.ui.render.timeline.lod import Lod
from positions_viewer.ui.render.timeline.scale import FIRST_DAY, LAST_DAY, MIN_SPAN_DAYS
from positions_viewer.ui.timeline.widget import TimelineWidget

from ..render.timeline.support import query
from .test_widget import drag, send_mouse

CASES = Path(__file__).resolve().parents[2] / "data" / "cases"
FIRST = dt.date.min.toordinal()
LAST = dt.date.max.toordinal()


def _events(days: list[tuple[PartialDate, PartialDate | None]]) -> Dataset:
    actors = (Actor("a", "Alpha"), Actor("b", "Beta"))
    events = tuple(
        Event(index=i, date=date, end=end, title=f"Event {i} on {date.iso()}", actors=(i % 2,))
        for i, (date, end) in enumerate(days)
    )
    return Dataset(title="Edges", actors=actors, issues=(Issue("i", "Issue"),), events=events,
                   as_of=PartialDate(2025, 12, 26))


def _day(ordinal: int) -> PartialDate:
    return PartialDate.from_date(dt.date.fromordinal(ordinal))


def _datasets() -> list[tuple[str, Dataset]]:
    """Both ends of the calendar, and spans from a day to 9,999 years at either end."""
    out = [("both ends", _events([
        (PartialDate(1, 1, 1), None), (PartialDate(1, 1, 1), PartialDate(1, 1, 3)),
        (PartialDate(1), None), (PartialDate(9999, 12), None),
        (PartialDate(9999, 12, 25), PartialDate(9999, 12, 31)), (PartialDate(9999, 12, 31), None),
    ]))]
    for days in (1, 30, 366, 200 * 366, 324 * 366, 2000 * 366, LAST - FIRST):
        out.append((f"{days} days from the start", _events([
            (_day(FIRST), None), (_day(FIRST + days), None)])))
        out.append((f"{days} days to the end", _events([
            (_day(LAST - days), None), (_day(LAST), None)])))
    return out


def _assert_in_calendar(widget: TimelineWidget) -> None:
    start, end = widget.visible_range()
    assert FIRST_DAY <= start < end <= LAST_DAY, (start, end)
    widget.grab()  # paints: an exception there fails the test (pytest-qt)
    hit = widget.hit_map()
    assert hit is not None


def _wheel(widget: TimelineWidget, x: float, dx: int, dy: int) -> None:
    pos = QPointF(x, widget.height() / 2)
    event = QWheelEvent(pos, widget.mapToGlobal(pos), QPoint(), QPoint(dx, dy),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def _brush(qtbot: QtBot, widget: TimelineWidget, a: float, b: float) -> tuple[int, int]:
    hit = widget.hit_map()
    assert hit is not None
    y = hit.axis.center().y()
    with qtbot.waitSignal(widget.dateRangeBrushed) as blocker:
        drag(widget, QPointF(a, y), QPointF(b, y))
    first, last = blocker.args
    assert isinstance(first, PartialDate) and isinstance(last, PartialDate)
    assert FIRST <= first.start <= last.start <= LAST
    return first.start, last.start


@pytest.mark.parametrize(("name", "dataset"), _datasets(), ids=[n for n, _d in _datasets()])
@pytest.mark.parametrize("size", [(1280, 240), (420, 180)], ids=["1280", "420"])
def test_every_interaction_stays_in_the_calendar(
    qtbot: QtBot, name: str, dataset: Dataset, size: tuple[int, int]
) -> None:
    widget = TimelineWidget()
    qtbot.addWidget(widget)
    widget.resize(*size)
    widget.set_result(*query(dataset))
    _assert_in_calendar(widget)

    # fit shows every event, wherever it is
    start, end = widget.visible_range()
    for event in dataset.events:
        assert start <= event.start and event.stop + 1 <= end, (name, event.date)
    hit = widget.hit_map()
    assert hit is not None and hit.visible_count == len(dataset.events)
    if hit.lod is Lod.LABELS:
        drawn = {row for _b, _m, row in hit.items}
        counted = sum(count for *_rest, count in hit.chips)
        assert len(drawn) + counted == len(dataset.events)

    # zoom in to the limit and out to the whole calendar, by keys and by the wheel
    for _ in range(60):
        qtbot.keyClick(widget, Qt.Key.Key_Plus)
    start, end = widget.visible_range()
    assert end - start == pytest.approx(MIN_SPAN_DAYS)
    _assert_in_calendar(widget)
    for _ in range(60):
        qtbot.keyClick(widget, Qt.Key.Key_Minus)
    assert widget.visible_range() == (FIRST_DAY, LAST_DAY)
    _assert_in_calendar(widget)
    for x in (-500.0, 0.0, size[0] / 2, size[0] + 500.0):
        for _ in range(40):
            _wheel(widget, x, 0, 120)
        _assert_in_calendar(widget)
        for _ in range(40):
            _wheel(widget, x, 0, -120)
        _assert_in_calendar(widget)

    # pan past both ends at every zoom, by dragging, keys and a sideways wheel
    for zoom in (0, 10, 25, 45):
        widget.fit()
        for _ in range(zoom):
            qtbot.keyClick(widget, Qt.Key.Key_Plus)
        for dx in (100_000.0, -100_000.0):
            drag(widget, QPointF(size[0] / 2, 60), QPointF(size[0] / 2 + dx, 60))
            _assert_in_calendar(widget)
        for key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            for _ in range(30):
                qtbot.keyClick(widget, key, Qt.KeyboardModifier.ShiftModifier)
            _assert_in_calendar(widget)
        for angle in (120_000, -120_000):
            _wheel(widget, size[0] / 2, angle, 0)
            _assert_in_calendar(widget)

        # brush from inside the view to far past either end of the calendar
        qtbot.keyClick(widget, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
        _brush(qtbot, widget, size[0] / 2, -50_000.0)
        _brush(qtbot, widget, size[0] / 2, size[0] + 50_000.0)
        _assert_in_calendar(widget)

    # selection keys scroll the first and last events into view
    widget.fit()
    qtbot.keyClick(widget, Qt.Key.Key_Plus)
    for key in (Qt.Key.Key_End, Qt.Key.Key_Left, Qt.Key.Key_Home, Qt.Key.Key_Right):
        qtbot.keyClick(widget, key)
        _assert_in_calendar(widget)

    # a click on every count chip zooms within the calendar; tooltips everywhere
    widget.fit()
    widget.grab()
    hit = widget.hit_map()
    assert hit is not None
    for rect, *_rest in list(hit.chips):
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
        _assert_in_calendar(widget)
        widget.fit()
        widget.grab()
    for x in range(0, size[0], 37):
        for y in (30, size[1] // 2, size[1] - 10):
            pos = QPoint(x, y)
            QApplication.sendEvent(widget, QHelpEvent(QEvent.Type.ToolTip, pos,
                                                      widget.mapToGlobal(pos)))
            send_mouse(widget, QEvent.Type.MouseMove, QPointF(pos), Qt.MouseButton.NoButton)


def test_brushing_past_the_ends_stops_at_the_calendar(qtbot: QtBot) -> None:
    dataset = _events([(PartialDate(1, 1, 5), None), (PartialDate(9999, 12, 28), None)])
    widget = TimelineWidget()
    qtbot.addWidget(widget)
    widget.resize(1000, 240)
    widget.set_result(*query(dataset))
    widget.set_visible_range(FIRST_DAY, FIRST_DAY + 20)
    widget.grab()
    assert _brush(qtbot, widget, 500.0, -5000.0)[0] == FIRST
    widget.set_visible_range(LAST_DAY - 20, LAST_DAY)
    widget.grab()
    assert _brush(qtbot, widget, 500.0, 6000.0)[1] == LAST


def test_fit_shows_events_three_centuries_apart(qtbot: QtBot) -> None:
    """cases/fit-three-centuries.toml: fit showed 1762–1962 and "No events in view"."""
    dataset = load_file(CASES / "fit-three-centuries.toml").dataset
    assert dataset is not None
    widget = TimelineWidget()
    qtbot.addWidget(widget)
    widget.resize(1280, 240)
    widget.set_result(*query(dataset))
    qtbot.keyClick(widget, Qt.Key.Key_Plus)
    qtbot.keyClick(widget, Qt.Key.Key_0)
    widget.grab()
    start, end = widget.visible_range()
    assert start <= dt.date(1700, 3, 1).toordinal() and dt.date(2024, 3, 2).toordinal() <= end
    hit = widget.hit_map()
    assert hit is not None and hit.visible_count == 2
    assert sorted(row for _b, _m, row in hit.items) == [0, 1], "both drawn and labelled"


def test_an_event_in_year_one_opens_and_brushes(qtbot: QtBot) -> None:
    """cases/calendar-year-one.toml: an event on 0001-01-01 and the as-of date 2025."""
    dataset = load_file(CASES / "calendar-year-one.toml").dataset
    assert dataset is not None
    widget = TimelineWidget()
    qtbot.addWidget(widget)
    widget.resize(1280, 240)
    widget.set_result(*query(dataset))
    widget.grab()
    start, end = widget.visible_range()
    assert start == FIRST_DAY and end >= dt.date(2025, 12, 27).toordinal()
    hit = widget.hit_map()
    assert hit is not None and [row for _b, _m, row in hit.items] == [0]
    first, _last = _brush(qtbot, widget, 300.0, -300.0)
    assert first == FIRST


def test_a_view_past_the_calendar_is_drawn_inside_it(qapp: QApplication) -> None:
    """An export pads its range by a margin, which before year 1 or after 9999 reaches days
    no date can hold: the frame moves inside the calendar and keeps the span."""
    from positions_viewer.ui.render.timeline.view import TimelineView

    from ..render.timeline.support import data_for, render

    dataset = _events([(PartialDate(1, 1, 1), None), (PartialDate(9999, 12, 31), None)])
    data = data_for(dataset, DatasetIndex(dataset))
    for start, end in ((FIRST_DAY - 500, FIRST_DAY + 1000), (LAST_DAY - 1000, LAST_DAY + 500),
                       (FIRST_DAY - 10.0, LAST_DAY + 10.0)):
        _image, hit = render(data, TimelineView(start, end), width=900, height=200)
        assert FIRST_DAY <= hit.scale.start < hit.scale.end <= LAST_DAY
        assert hit.scale.span == pytest.approx(min(end - start, LAST_DAY - FIRST_DAY))
        assert hit.visible_count >= 1
