"""The timeline widget used: zoom, pan, brush, select, keys, tooltips, fitting."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QHelpEvent, QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot

from positions_viewer.model import (
    Actor,
    Dataset,
    DatasetIndex,
    Event,
    Filter,
    Issue,
    PartialDate,
)
from positions_viewer.ui.render.timeline.lod import Lod
from positions_viewer.ui.theme import presenter_theme
from positions_viewer.ui.timeline.tooltip import event_tooltip
from positions_viewer.ui.timeline.widget import TimelineWidget

from ..render.timeline.support import day, event_row, load_seed, query, synthetic


@pytest.fixture(autouse=True)
def _application(qapp: QApplication) -> None:
    """Fonts and painting need the application object, widget or not."""


@pytest.fixture(scope="module")
def seed() -> tuple[Dataset, DatasetIndex]:
    return load_seed()


@pytest.fixture
def widget(qtbot: QtBot, seed: tuple[Dataset, DatasetIndex]) -> TimelineWidget:
    dataset, index = seed
    timeline = TimelineWidget()
    qtbot.addWidget(timeline)
    timeline.resize(1000, 320)
    timeline.set_result(*query(dataset, index))
    timeline.grab()  # paints, so the hit map exists
    return timeline


def send_mouse(widget: TimelineWidget, kind: QEvent.Type, pos: QPointF,
               buttons: Qt.MouseButton = Qt.MouseButton.LeftButton) -> None:
    button = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseMove else Qt.MouseButton.LeftButton
    event = QMouseEvent(kind, pos, widget.mapToGlobal(pos), button, buttons,
                        Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)


def drag(widget: TimelineWidget, a: QPointF, b: QPointF) -> None:
    send_mouse(widget, QEvent.Type.MouseButtonPress, a)
    for i in range(1, 6):
        send_mouse(widget, QEvent.Type.MouseMove, a + (b - a) * (i / 5))
    send_mouse(widget, QEvent.Type.MouseButtonRelease, b, Qt.MouseButton.NoButton)


def test_widget_basics(widget: TimelineWidget) -> None:
    assert widget.focusPolicy() == Qt.FocusPolicy.StrongFocus
    assert widget.accessibleName() == "Timeline"
    assert "5 events" in widget.accessibleDescription()
    assert widget.minimumHeight() >= 100
    small = widget.sizeHint()
    widget.set_theme(presenter_theme(1080))
    assert widget.sizeHint().height() > small.height()


def test_wheel_zooms_around_the_cursor(widget: TimelineWidget) -> None:
    hit = widget.hit_map()
    assert hit is not None
    x = 300.0
    before = hit.scale.day(x)
    start, end = widget.visible_range()
    pos = QPointF(x, 150)
    event = QWheelEvent(pos, widget.mapToGlobal(pos), QPoint(), QPoint(0, 120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)
    widget.grab()
    new_start, new_end = widget.visible_range()
    assert new_end - new_start == pytest.approx((end - start) / 1.25)
    after = widget.hit_map()
    assert after is not None and after.scale.day(x) == pytest.approx(before, abs=1e-6)


def test_drag_pans(widget: TimelineWidget) -> None:
    hit = widget.hit_map()
    assert hit is not None
    start, end = widget.visible_range()
    drag(widget, QPointF(500, 100), QPointF(600, 100))
    new_start, new_end = widget.visible_range()
    assert new_end - new_start == pytest.approx(end - start)
    assert new_start == pytest.approx(start - 100 / hit.scale.px_per_day)


def test_axis_drag_sets_the_date_filter(qtbot: QtBot, widget: TimelineWidget) -> None:
    hit = widget.hit_map()
    assert hit is not None
    y = hit.axis.center().y()
    a, b = QPointF(400, y), QPointF(250, y)  # right to left: still from <= to
    with qtbot.waitSignal(widget.dateRangeBrushed) as blocker:
        drag(widget, a, b)
    first, last = blocker.args
    assert isinstance(first, PartialDate) and isinstance(last, PartialDate)
    assert first.start == int(hit.scale.day(250) // 1)
    assert last.start == int(-(-hit.scale.day(400) // 1)) - 1
    assert first.start <= last.start and not first.is_approximate
    assert widget.view().brush is None


def test_escape_cancels_a_brush(qtbot: QtBot, widget: TimelineWidget) -> None:
    hit = widget.hit_map()
    assert hit is not None
    y = hit.axis.center().y()
    with qtbot.assertNotEmitted(widget.dateRangeBrushed):
        send_mouse(widget, QEvent.Type.MouseButtonPress, QPointF(200, y))
        send_mouse(widget, QEvent.Type.MouseMove, QPointF(300, y))
        assert widget.view().brush is not None
        qtbot.keyClick(widget, Qt.Key.Key_Escape)
        send_mouse(widget, QEvent.Type.MouseButtonRelease, QPointF(300, y), Qt.MouseButton.NoButton)
    assert widget.view().brush is None


def test_click_selects_the_event(qtbot: QtBot, widget: TimelineWidget,
                                 seed: tuple[Dataset, DatasetIndex]) -> None:
    dataset, _ = seed
    hit = widget.hit_map()
    assert hit is not None
    row = event_row(dataset, "vinatier-detained")
    _bounds, mark, _ = next(item for item in hit.items if item[2] == row)
    with qtbot.waitSignal(widget.eventSelected) as blocker:
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=mark.center().toPoint())
    assert blocker.args == [row] and widget.selected_event() == row
    empty = QPointF(hit.plot.center().x(), hit.plot.top() + 5)
    with qtbot.waitSignal(widget.eventSelected) as blocker:
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=empty.toPoint())
    assert blocker.args == [-1] and widget.selected_event() is None


def test_keys_move_the_selection_in_date_order(qtbot: QtBot, widget: TimelineWidget) -> None:
    order = widget.data().rows.tolist()
    with qtbot.waitSignal(widget.eventSelected) as blocker:
        qtbot.keyClick(widget, Qt.Key.Key_Home)
    assert blocker.args == [order[0]]
    for expected in order[1:]:
        with qtbot.waitSignal(widget.eventSelected) as blocker:
            qtbot.keyClick(widget, Qt.Key.Key_Right)
        assert blocker.args == [expected]
    with qtbot.assertNotEmitted(widget.eventSelected):
        qtbot.keyClick(widget, Qt.Key.Key_Right)  # already the last one
    with qtbot.waitSignal(widget.eventSelected) as blocker:
        qtbot.keyClick(widget, Qt.Key.Key_Left)
    assert blocker.args == [order[-2]]
    with qtbot.waitSignal(widget.eventSelected) as blocker:
        qtbot.keyClick(widget, Qt.Key.Key_Escape)
    assert blocker.args == [-1]


def test_keys_pan_zoom_and_fit(qtbot: QtBot, widget: TimelineWidget) -> None:
    fitted = widget.visible_range()
    qtbot.keyClick(widget, Qt.Key.Key_Plus)
    start, end = widget.visible_range()
    assert end - start == pytest.approx((fitted[1] - fitted[0]) / 1.5)
    qtbot.keyClick(widget, Qt.Key.Key_Right)  # nothing selected: pans later
    assert widget.visible_range()[0] > start
    qtbot.keyClick(widget, Qt.Key.Key_Minus)
    qtbot.keyClick(widget, Qt.Key.Key_0)
    assert widget.visible_range() == pytest.approx(fitted)


def test_select_event_scrolls_into_view_without_emitting(
    qtbot: QtBot, widget: TimelineWidget, seed: tuple[Dataset, DatasetIndex]
) -> None:
    dataset, _ = seed
    widget.set_visible_range(day(2022, 1, 1), day(2022, 3, 1))
    row = event_row(dataset, "elysee-rules-out")
    with qtbot.assertNotEmitted(widget.eventSelected):
        widget.select_event(row)
    start, end = widget.visible_range()
    assert start < day(2025, 12, 26) < end
    widget.grab()
    hit = widget.hit_map()
    assert hit is not None and hit.event_rect(row) is not None


def test_filter_changes_keep_the_range_and_a_new_file_refits(
    widget: TimelineWidget, seed: tuple[Dataset, DatasetIndex]
) -> None:
    dataset, index = seed
    widget.set_visible_range(day(2025, 12, 1), day(2026, 1, 1))
    kept = widget.visible_range()
    flt = Filter(date_from=PartialDate(2025, 12, 18), date_to=PartialDate(2025, 12, 21))
    widget.set_result(*query(dataset, index, flt))
    assert widget.visible_range() == kept
    assert widget.data().count == 2
    other = synthetic(50, first=day(1990), last=day(1995), path="/tmp/other.toml")
    widget.set_result(*query(other))
    start, end = widget.visible_range()
    assert start < day(1990) and end > day(1995)


def test_tooltip_is_plain_text(qtbot: QtBot) -> None:
    dataset = Dataset(
        title="t", actors=(Actor("a", "<i>Actor</i>"),), issues=(Issue("i", "I"),),
        events=(Event(index=0, date=PartialDate(2024), title="<b>Bold</b> & co",
                      detail="<script>x</script>", actors=(0,)),),
    )
    text = event_tooltip(dataset, 0)
    assert text.splitlines()[:3] == ["<b>Bold</b> & co", "2024 (approximate)", "<i>Actor</i>"]
    timeline = TimelineWidget()
    qtbot.addWidget(timeline)
    timeline.resize(800, 240)
    timeline.set_result(*query(dataset))
    timeline.show()
    qtbot.waitExposed(timeline)
    timeline.grab()
    hit = timeline.hit_map()
    assert hit is not None
    _bounds, mark, _ = hit.items[0]
    pos = mark.center().toPoint()
    QApplication.sendEvent(timeline, QHelpEvent(QEvent.Type.ToolTip, pos,
                                                timeline.mapToGlobal(pos)))
    shown = QToolTip.text()
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; co" in shown and "<b>" not in shown
    QToolTip.hideText()


def test_density_click_zooms_in(qtbot: QtBot) -> None:
    dataset = synthetic(20_000)
    timeline = TimelineWidget()
    qtbot.addWidget(timeline)
    timeline.resize(1200, 360)
    timeline.set_result(*query(dataset))
    timeline.grab()
    hit = timeline.hit_map()
    assert hit is not None and hit.lod is Lod.DENSITY
    start, end = timeline.visible_range()
    pos = QPointF(600, hit.plot.bottom() - 5)
    qtbot.mouseClick(timeline, Qt.MouseButton.LeftButton, pos=pos.toPoint())
    new_start, new_end = timeline.visible_range()
    assert new_end - new_start == pytest.approx((end - start) / 4)


def test_stays_fitted_through_resizes_until_the_user_zooms(
    qtbot: QtBot, widget: TimelineWidget
) -> None:
    widget.resize(1400, 320)
    QApplication.sendPostedEvents(widget)
    widget.grab()
    hit = widget.hit_map()
    assert hit is not None
    data = widget.data()
    assert hit.scale.x(float(data.starts[0])) == pytest.approx(
        hit.plot.left() + hit.plot.width() * 0.03, abs=2)
    qtbot.keyClick(widget, Qt.Key.Key_Plus)
    zoomed = widget.visible_range()
    widget.resize(900, 320)
    widget.grab()
    assert widget.visible_range() == zoomed


def test_hover_marks_the_event_and_double_click_fits(
    qtbot: QtBot, widget: TimelineWidget
) -> None:
    hit = widget.hit_map()
    assert hit is not None
    _bounds, mark, row = hit.items[0]
    send_mouse(widget, QEvent.Type.MouseMove, mark.center(), Qt.MouseButton.NoButton)
    assert widget.view().hovered == row
    fitted = widget.visible_range()
    widget.set_visible_range(day(2023), day(2023, 2, 1))
    empty = QPointF(hit.plot.center().x(), hit.plot.top() + 5)
    qtbot.mouseDClick(widget, Qt.MouseButton.LeftButton, pos=empty.toPoint())
    assert widget.visible_range() == pytest.approx(fitted)


def test_a_fitted_timeline_follows_filter_changes_but_not_after_a_brush(
    qtbot: QtBot, widget: TimelineWidget, seed: tuple[Dataset, DatasetIndex]
) -> None:
    dataset, index = seed
    widget.fit()
    flt = Filter(date_from=PartialDate(2025, 12, 18), date_to=PartialDate(2025, 12, 21))
    widget.set_result(*query(dataset, index, flt))
    start, end = widget.visible_range()
    assert start <= day(2025, 12, 18) and end >= day(2025, 12, 21) and end - start < 60
    brushed: list[object] = []
    widget.dateRangeBrushed.connect(lambda *days: brushed.append(days))
    widget._view.brush = (day(2025, 12, 19), day(2025, 12, 20))
    widget._finish_brush()
    assert brushed
    kept = widget.visible_range()
    widget.set_result(*query(dataset, index, Filter(date_from=PartialDate(2025, 12, 19),
                                                      date_to=PartialDate(2025, 12, 20))))
    assert widget.visible_range() == kept


def test_selecting_an_event_in_view_keeps_a_fitted_timeline_fitted(
    widget: TimelineWidget, seed: tuple[Dataset, DatasetIndex]
) -> None:
    dataset, index = seed
    widget.fit()
    newest = max(range(len(dataset.events)), key=lambda i: dataset.events[i].start)
    fitted = widget.visible_range()
    widget.select_event(newest)
    assert widget.visible_range() == fitted
    flt = Filter(date_from=PartialDate(2025, 12, 18), date_to=PartialDate(2025, 12, 21))
    widget.set_result(*query(dataset, index, flt))
    assert widget.visible_range()[1] - widget.visible_range()[0] < 60  # still follows
