"""Fit (key 0, a new file, a filter change while fitted) shows the shown events (issue 13).

A search for one session's resolutions was squashed into the left 6% of the width because
the fit also reached the file's as-of date; a search matching one event showed it alone in
a two-day window. The fit covers the shown events with a margin, and at least
``MIN_FIT_DAYS`` centred on them; the as-of date joins them when it is near (it stretches
their span by at most a quarter), and its line is drawn when it falls in the range.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from positions_viewer.model import DatasetIndex, Filter, PartialDate, load_file
from positions_viewer.ui.render.timeline.fit import MIN_FIT_DAYS, fit_view
from positions_viewer.ui.theme import LIGHT

from ....datagen import to_toml
from .support import close, data_for, day, load_seed, render, un_votes_spec

DATA = Path(__file__).resolve().parents[3] / "data"


@pytest.fixture(autouse=True)
def _application(qapp: QApplication) -> None:
    """Fonts need the application object."""


def test_span_is_the_shown_events_not_the_as_of_date(tmp_path: Path) -> None:
    """Qt-free: what a fit must cover."""
    path = tmp_path / "un.toml"
    path.write_bytes(to_toml(un_votes_spec(288)))
    dataset = load_file(path).dataset
    assert dataset is not None and dataset.as_of is not None
    index = DatasetIndex(dataset)
    data = data_for(dataset, index, Filter(text="R/50/"))
    assert data.count > 10
    first, last = data.span() or (0.0, 0.0)
    assert first == data.starts.min() and last == data.stops.max() + 1
    assert last < dataset.as_of.start, "the as-of date, six years on, is not part of it"
    # Without events: the filter's range, the as-of date and the file, as before.
    empty = data_for(dataset, index, Filter(text="no such words anywhere"))
    assert empty.count == 0 and empty.span() is not None


def test_an_as_of_date_near_the_events_joins_the_fit() -> None:
    """The three-actor file's events end in May 2024, its as-of date is 30 June: the fit
    (and a whole-range export) keeps the as-of line in view."""
    dataset = load_file(DATA / "three_actors.toml").dataset
    assert dataset is not None and dataset.as_of is not None
    data = data_for(dataset, DatasetIndex(dataset))
    _first, last = data.span() or (0.0, 0.0)
    assert data.stops.max() + 1 < dataset.as_of.stop + 1 == last


@pytest.mark.parametrize("width", [1920, 1366, 1280])
def test_a_search_fills_the_width_with_its_matches(tmp_path: Path, width: int) -> None:
    path = tmp_path / "un.toml"
    path.write_bytes(to_toml(un_votes_spec(288)))
    dataset = load_file(path).dataset
    assert dataset is not None
    data = data_for(dataset, DatasetIndex(dataset), Filter(text="R/50/"))
    _image, hit = render(data, fit_view(data, width, LIGHT), width=width, height=260)
    assert hit.visible_count == data.count
    x0 = hit.scale.x(float(data.starts.min()))
    x1 = hit.scale.x(float(data.stops.max() + 1))
    assert x1 - x0 >= 0.85 * hit.plot.width(), "the matches span the plot, not 6% of it"


@pytest.mark.parametrize("width", [1920, 1280])
def test_one_match_is_centred_in_a_few_weeks(width: int) -> None:
    dataset, index = load_seed()
    flt = Filter(date_from=PartialDate(2025, 12, 26), date_to=PartialDate(2025, 12, 26))
    data = data_for(dataset, index, flt)
    assert data.count == 1
    view = fit_view(data, width, LIGHT)
    assert MIN_FIT_DAYS <= view.end - view.start <= 1.2 * MIN_FIT_DAYS
    image, hit = render(data, view, width=width, height=200)
    (_bounds, mark, _row), = hit.items
    assert mark.center().x() == pytest.approx(hit.plot.center().x(), abs=hit.plot.width() * 0.05)
    # The as-of line (the end of 26 Dec) falls in the range: it is drawn.
    x, y = round(hit.scale.x(day(2025, 12, 27))), round(hit.plot.top() + 4)
    assert any(close(image.pixelColor(x + dx, y), QColor(LIGHT.as_of_line), 40)
               for dx in (-1, 0, 1))


def test_the_whole_bundled_file_still_reaches_its_last_event() -> None:
    dataset, index = load_seed()
    data = data_for(dataset, index)
    view = fit_view(data, 1280, LIGHT)
    assert view.start < day(2022) and view.end > day(2025, 12, 27)


def _window_frame(data: object, view: object, width: int) -> object:
    """The frame the window draws at ``width``: its timeline at 1920×1080 is 258 px tall."""
    from PySide6.QtCore import QRectF

    from positions_viewer.ui.render.timeline.frame import layout_frame
    from positions_viewer.ui.render.timeline.style import timeline_style

    return layout_frame(QRectF(0, 0, width, 258), data, view,  # type: ignore[arg-type]
                        timeline_style(LIGHT))


@pytest.mark.parametrize("width", [1920, 1280, 960])
@pytest.mark.parametrize("name", ["un", "seed", "three"])
def test_an_export_shows_the_windows_level_of_detail(
        tmp_path: Path, name: str, width: int) -> None:
    """An export of 288 votes drew 24 lanes of fragments ("A/RES/71/136: Decol…") where the
    window, at the same width and range, showed their density."""
    from PySide6.QtCore import QRectF

    from positions_viewer.ui.render.page import PageSpec, layout_page
    from positions_viewer.ui.render.timeline.fit import EXPORT_LANES
    from positions_viewer.ui.render.timeline.frame import layout_frame
    from positions_viewer.ui.render.timeline.lod import Lod
    from positions_viewer.ui.render.timeline.style import timeline_style

    if name == "un":
        path = tmp_path / "un.toml"
        path.write_bytes(to_toml(un_votes_spec(288)))
    else:
        path = DATA / "three_actors.toml" if name == "three" else None  # type: ignore[assignment]
    if path is None:
        _dataset, index = load_seed()
    else:
        loaded = load_file(path).dataset
        assert loaded is not None
        index = DatasetIndex(loaded)
    result = index.query(Filter())
    layout = layout_page(result, index, PageSpec(view="timeline", width=width))
    data, view = layout.timeline, layout.timeline_view
    assert data is not None and view is not None
    inner = width - 2 * layout.pad
    exported = layout_frame(QRectF(0, 0, inner, layout.timeline_height), data, view,
                            timeline_style(LIGHT))
    window = _window_frame(data, view, round(inner))
    assert exported.lod is window.lod  # type: ignore[attr-defined]
    if name == "un":
        assert exported.lod is Lod.DENSITY
    else:
        assert exported.lod is Lod.LABELS
        drawn = sum(len(b.items) for b in exported.bands)
        assert drawn == sum(len(b.items) for b in window.bands)  # type: ignore[attr-defined]
    assert all(b.lanes_used <= EXPORT_LANES + 1 for b in exported.bands)
