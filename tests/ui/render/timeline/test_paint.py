"""The timeline drawn: pixels of known events, labels, level of detail, the shortcuts."""

from __future__ import annotations

import itertools
import subprocess
import sys
import time

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication

from positions_viewer.model import (
    Actor,
    Dataset,
    DatasetIndex,
    Event,
    Filter,
    Issue,
    PartialDate,
)
from positions_viewer.ui.render.timeline import raster
from positions_viewer.ui.render.timeline.fit import fit_view, timeline_height
from positions_viewer.ui.render.timeline.lod import Lod
from positions_viewer.ui.render.timeline.paint import paint_timeline
from positions_viewer.ui.render.timeline.view import TimelineView
from positions_viewer.ui.theme import DARK, LIGHT, Theme, presenter_theme

from .support import close, data_for, day, event_row, load_seed, render, synthetic


def test_the_renderer_loads_no_widgets() -> None:
    """The one renderer serves the window and headless export alike (DESIGN §5)."""
    code = (
        "import sys, positions_viewer.ui.render.timeline.paint, "
        "positions_viewer.ui.render.timeline.fit; "
        "assert 'PySide6.QtWidgets' not in sys.modules, 'QtWidgets loaded'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.fixture(autouse=True)
def _application(qapp: QApplication) -> None:
    """Fonts and painting need the application object, widget or not."""


@pytest.fixture(scope="module")
def seed() -> tuple[Dataset, DatasetIndex]:
    return load_seed()


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
    monkeypatch.setattr(raster, "is_raster", lambda painter: False)
    same = [a == b for a, b in zip(frames(), fast, strict=True)]
    assert all(same), f"frames differing: {[i for i, ok in enumerate(same) if not ok]}"



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
    from positions_viewer.ui.render.timeline.style import timeline_style

    static = timeline_style(LIGHT).static_text("<b>not bold</b>", "label")
    assert static.textFormat() == Qt.TextFormat.PlainText
    assert static.text() == "<b>not bold</b>"


