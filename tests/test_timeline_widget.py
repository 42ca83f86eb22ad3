"""The timeline drawn and used: pixels of known events, interaction, level of detail."""

from __future__ import annotations

import datetime as dt
import itertools
import random
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QHelpEvent, QImage, QMouseEvent, QPainter, QWheelEvent
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
    QueryResult,
    load_file,
)
from positions_viewer.ui.theme import DARK, LIGHT, Theme, actor_colors, presenter_theme
from positions_viewer.ui.timeline_layout import Lod
from positions_viewer.ui.timeline_painter import (
    TimelineData,
    TimelineHitMap,
    TimelineView,
    fit_view,
    paint_timeline,
    timeline_height,
)
from positions_viewer.ui.timeline_widget import TimelineWidget, event_tooltip


def day(y: int, m: int = 1, d: int = 1) -> int:
    return dt.date(y, m, d).toordinal()


@pytest.fixture(autouse=True)
def _application(qapp: QApplication) -> None:
    """Fonts and painting need the application object, widget or not."""


@pytest.fixture(scope="module")
def seed() -> tuple[Dataset, DatasetIndex]:
    dataset = load_file(Path(__file__).resolve().parent.parent / "seeds"
                        / "macron-putin-2025.toml").dataset
    assert dataset is not None
    return dataset, DatasetIndex(dataset)


def synthetic(n: int, *, first: int = day(2014), last: int = day(2025, 12, 31),
              seed: int = 1, path: str | None = None) -> Dataset:
    """``n`` events spread over [first, last], some ranges and some approximate months."""
    rnd = random.Random(seed)
    actors = tuple(Actor(f"a{i}", f"Actor {i}") for i in range(3))
    ordinals = sorted(rnd.randint(first, last) for _ in range(n))
    events = []
    for i, ordinal in enumerate(ordinals):
        date = dt.date.fromordinal(ordinal)
        kind = i % 20
        start = PartialDate(date.year, date.month) if kind == 0 else PartialDate.from_date(date)
        end = PartialDate.from_date(date + dt.timedelta(days=3)) if kind == 1 else None
        events.append(Event(index=i, date=start, end=end, title=f"Event number {i}",
                            actors=(i % 3,) if kind != 2 else (0, 1)))
    return Dataset(title="Synthetic", actors=actors, issues=(Issue("i", "Issue"),),
                   events=tuple(events), path=Path(path) if path else None)


def query(dataset: Dataset, index: DatasetIndex | None = None,
          flt: Filter | None = None) -> tuple[QueryResult, DatasetIndex]:
    index = index or DatasetIndex(dataset)
    return index.query(flt or Filter()), index


def data_for(dataset: Dataset, index: DatasetIndex, flt: Filter | None = None) -> TimelineData:
    result = index.query(flt or Filter())
    return TimelineData.from_result(result, index, actor_colors([a.color for a in dataset.actors]))


def render(data: TimelineData, view: TimelineView, theme: Theme = LIGHT, width: int = 1280,
           height: int = 360) -> tuple[QImage, TimelineHitMap]:
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("#ff00ff"))
    painter = QPainter(image)
    hit = paint_timeline(painter, QRectF(0, 0, width, height), data, view, theme)
    painter.end()
    return image, hit


def close(a: QColor, b: QColor, tolerance: int = 12) -> bool:
    return all(abs(x - y) <= tolerance for x, y in
               zip(a.getRgb()[:3], b.getRgb()[:3], strict=True))


def event_row(dataset: Dataset, event_id: str) -> int:
    row = dataset.index_of("events", event_id)
    assert row is not None
    return row


# -- rendering ---------------------------------------------------------------------------


def test_bundled_events_are_all_drawn_and_labelled(seed: tuple[Dataset, DatasetIndex]) -> None:
    dataset, index = seed
    data = data_for(dataset, index)
    view = fit_view(data, 1280, LIGHT)
    image, hit = render(data, view)
    assert hit.lod is Lod.LABELS and not hit.chips
    assert sorted(row for _b, _m, row in hit.items) == list(range(len(dataset.events)))
    for a, b in itertools.combinations([bounds for bounds, _m, _r in hit.items], 2):
        assert not a.intersects(b), "labels never overlap"
    for bounds, _mark, _row in hit.items:
        assert hit.plot.contains(bounds.adjusted(2, 1, -2, -1)), "nothing clipped"
    assert image.pixelColor(5, 5) == QColor(LIGHT.surface)


def test_known_event_is_at_its_pixel(seed: tuple[Dataset, DatasetIndex]) -> None:
    dataset, index = seed
    data = data_for(dataset, index)
    view = TimelineView(day(2025, 12, 14), day(2025, 12, 30))
    image, hit = render(data, view)
    row = event_row(dataset, "elysee-rules-out")  # a France-only point on 26 Dec
    x = hit.scale.x(day(2025, 12, 26) + 0.5)
    _bounds, mark, _ = next(item for item in hit.items if item[2] == row)
    assert mark.center().x() == pytest.approx(x, abs=0.5)
    france = QColor(dataset.actors[0].color or "")
    assert close(image.pixelColor(round(x), round(mark.center().y())), france)
    ranged = event_row(dataset, "macron-raises-dialogue")  # 18–20 Dec inclusive
    _b, bar, _ = next(item for item in hit.items if item[2] == ranged)
    assert bar.left() == pytest.approx(hit.scale.x(day(2025, 12, 18)), abs=0.5)
    assert bar.right() == pytest.approx(hit.scale.x(day(2025, 12, 21)), abs=0.5)
    inside = image.pixelColor(round(bar.left() + 1), round(bar.center().y()))
    assert close(inside, france, 30), "a solid cap in the actor's colour starts the bar"


def test_approximate_period_is_soft(seed: tuple[Dataset, DatasetIndex]) -> None:
    dataset, index = seed
    data = data_for(dataset, index)
    view = TimelineView(day(2023, 9, 1), day(2025, 4, 1))
    image, hit = render(data, view)
    row = event_row(dataset, "vinatier-detained")  # "2024"
    _b, bar, _ = next(item for item in hit.items if item[2] == row)
    assert bar.left() == pytest.approx(hit.scale.x(day(2024)), abs=0.5)
    assert bar.right() == pytest.approx(hit.scale.x(day(2025)), abs=0.5)
    y = round(bar.top() + 3)
    surface = QColor(LIGHT.surface)

    def distance(x: float) -> int:
        color = image.pixelColor(round(x), y)
        return sum(abs(p - q) for p, q in zip(color.getRgb()[:3], surface.getRgb()[:3],
                                              strict=True))

    edge, middle = distance(bar.left() + 3), distance(bar.center().x())
    assert middle > 2 * edge, "the fill fades towards the ends of the period"


def test_as_of_line_and_filter_shading(seed: tuple[Dataset, DatasetIndex]) -> None:
    dataset, index = seed
    flt = Filter(date_from=PartialDate(2025, 12, 18), date_to=PartialDate(2025, 12, 21))
    data = data_for(dataset, index, flt)
    assert data.count == 2
    image, hit = render(data, TimelineView(day(2025, 12, 10), day(2026, 1, 1)))
    x = round(hit.scale.x(day(2025, 12, 22)))  # the end of the `to` day
    y = round(hit.plot.top() + 20)
    assert close(image.pixelColor(x, y), QColor(LIGHT.as_of_line), 40)
    outside = image.pixelColor(round(hit.scale.x(day(2025, 12, 12) + 0.5)), y)
    inside = image.pixelColor(round(hit.scale.x(day(2025, 12, 19) + 0.5)), y)
    assert inside == QColor(LIGHT.surface) and outside != inside


def test_empty_range_says_so(seed: tuple[Dataset, DatasetIndex]) -> None:
    dataset, index = seed
    flt = Filter(date_from=PartialDate(2023, 1, 1), date_to=PartialDate(2023, 6, 30))
    data = data_for(dataset, index, flt)
    image, hit = render(data, fit_view(data, 1280, LIGHT))
    assert data.count == 0 and hit.visible_count == 0 and not hit.items
    muted = QColor(LIGHT.text_muted)
    centre = hit.plot.center()
    box = [image.pixelColor(x, y) for x in range(round(centre.x()) - 90, round(centre.x()) + 90)
           for y in range(round(centre.y()) - 8, round(centre.y()) + 8)]
    assert any(close(c, muted, 40) for c in box), "a muted message in the middle"


@pytest.mark.parametrize("theme", [LIGHT, DARK, presenter_theme(1080)])
def test_themes_paint_their_surface(seed: tuple[Dataset, DatasetIndex], theme: Theme) -> None:
    dataset, index = seed
    data = data_for(dataset, index)
    image, hit = render(data, fit_view(data, 1920, theme), theme, 1920, 600)
    assert image.pixelColor(3, round(hit.plot.top() + 5)) == QColor(theme.surface)
    assert len(hit.items) == len(dataset.events)


def test_export_height_gives_every_label_a_lane() -> None:
    dataset = synthetic(30, first=day(2025, 3, 1), last=day(2025, 3, 10))
    index = DatasetIndex(dataset)
    data = data_for(dataset, index)
    view = fit_view(data, 1200, LIGHT)
    height = timeline_height(data, view, 1200, LIGHT)
    _image, hit = render(data, view, LIGHT, 1200, height)
    assert not hit.chips and len(hit.items) == 30
    assert timeline_height(data, view, 1200, presenter_theme(1080)) > height


def test_dense_labels_are_cut_or_clustered_never_overlapping() -> None:
    dataset = synthetic(150, first=day(2025, 3, 1), last=day(2025, 3, 31))
    data = data_for(dataset, DatasetIndex(dataset))
    _image, hit = render(data, TimelineView(day(2025, 3, 1), day(2025, 4, 1)), height=300)
    assert hit.lod is Lod.LABELS
    assert hit.chips, "what does not fit is counted"
    shown = len(hit.items) + sum(count for *_rest, count in hit.chips)
    assert shown == hit.visible_count
    for a, b in itertools.combinations([bounds for bounds, _m, _r in hit.items], 2):
        assert not a.adjusted(1, 0, -1, 0).intersects(b.adjusted(1, 0, -1, 0))


def test_100k_events_render_fast_with_density() -> None:
    dataset = synthetic(100_000)
    data = data_for(dataset, DatasetIndex(dataset))
    view = fit_view(data, 1920, LIGHT)
    render(data, view, width=1920, height=400)  # warm caches: fonts, glyphs
    started = time.perf_counter()
    _image, hit = render(data, view, width=1920, height=400)
    elapsed = time.perf_counter() - started
    assert hit.lod is Lod.DENSITY and hit.visible_count == 100_000
    assert not hit.items and hit.chips
    counts = hit.density[0][1]
    assert len(counts) == round(hit.plot.width()) and counts.max() > 0
    assert elapsed < 0.25, f"a 100k frame took {elapsed * 1000:.0f} ms"


def _approximate_periods() -> Dataset:
    """Years and year-to-year ranges shared by actors, that a zoomed view sees only part of,
    and exact events between them."""
    actors = tuple(Actor(f"a{i}", f"Actor {i}") for i in range(3))
    events = []
    for i in range(60):
        year = 2015 + i % 10
        if i % 3 == 0:
            date, end = PartialDate(year), None
        elif i % 3 == 1:
            date, end = PartialDate(year - 1), PartialDate(year + 1)
        else:
            date, end = PartialDate(year, 1 + i % 12, 1 + i % 28), None
        events.append(Event(index=i, date=date, end=end, title=f"Period {i}",
                            actors=tuple(range(1 + i % 3))))
    return Dataset(title="Periods", actors=actors, issues=(Issue("i", "Issue"),),
                   events=tuple(events))


@pytest.mark.parametrize("theme", [LIGHT, DARK])
def test_same_pixel_shortcuts_match_the_plain_draw(
    theme: Theme, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Zoomed in, approximate periods run far past the view (flat fill, blitted dashes) and
    a dense density histogram is blitted on the device grid: the pixels must be those of the
    plain gradient, dashed pen and scaled image, drawn with the shortcuts turned off."""
    from positions_viewer.ui import timeline_painter

    periods, dense = _approximate_periods(), synthetic(20_000)
    cases = []
    for dataset, spans in ((periods, [(day(2019, 3, 1), day(2019, 4, 15)),
                                      (day(2016, 1, 10), day(2016, 2, 1))]),
                           (dense, [(day(2016), day(2016, 9))])):
        data = data_for(dataset, DatasetIndex(dataset))
        cases += [(data, TimelineView(a, b, actor_lanes=lanes)) for a, b in spans
                  for lanes in (False, True)]

    def frames() -> list[bytes]:
        out = []
        for data, view in cases:
            for offset in (0, 13):
                image = QImage(1300, 420, QImage.Format.Format_ARGB32_Premultiplied)
                image.fill(QColor("#ff00ff"))
                painter = QPainter(image)
                painter.translate(offset, offset / 2)
                paint_timeline(painter, QRectF(0, 0, 1280, 400), data, view, theme)
                painter.end()
                out.append(bytes(image.constBits()))
        return out

    fast = frames()
    monkeypatch.setattr(timeline_painter, "_is_raster", lambda painter: False)
    same = [a == b for a, b in zip(frames(), fast, strict=True)]
    assert all(same), f"frames differing: {[i for i, ok in enumerate(same) if not ok]}"


# -- the widget --------------------------------------------------------------------------


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


def test_lanes_per_actor_show_shared_events_in_each(seed: tuple[Dataset, DatasetIndex]) -> None:
    dataset, index = seed
    data = data_for(dataset, index)
    view = fit_view(data, 1280, LIGHT)
    view.actor_lanes = True
    _image, hit = render(data, view, height=420)
    rows = [row for _b, _m, row in hit.items]
    shared = [e.index for e in dataset.events if len(e.actors) > 1]
    assert shared and all(rows.count(row) == 2 for row in shared)
    assert len(rows) == len(dataset.events) + len(shared)


def test_labels_are_plain_text() -> None:
    from positions_viewer.ui.timeline_painter import timeline_style

    static = timeline_style(LIGHT).static_text("<b>not bold</b>", "label")
    assert static.textFormat() == Qt.TextFormat.PlainText
    assert static.text() == "<b>not bold</b>"


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
