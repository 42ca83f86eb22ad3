"""Bands and what sits over them: the actors' names with lanes per actor (key L), density
counts (issue 13, from the new-user audit)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QApplication

from positions_viewer.model import Dataset, DatasetIndex, load_file
from positions_viewer.ui.render.timeline.fit import fit_view
from positions_viewer.ui.render.timeline.frame import band_title, layout_frame
from positions_viewer.ui.render.timeline.style import timeline_style
from positions_viewer.ui.theme import DARK, LIGHT

from .support import data_for

DATA = Path(__file__).resolve().parents[3] / "data"
SIZES = [(1920, 265), (1366, 167), (1280, 157)]


@pytest.fixture(autouse=True)
def _application(qapp: QApplication) -> None:
    """Fonts need the application object."""


def _three() -> tuple[Dataset, DatasetIndex]:
    dataset = load_file(DATA / "three_actors.toml").dataset
    assert dataset is not None
    return dataset, DatasetIndex(dataset)


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_band_names_never_cover_an_event(size: tuple[int, int]) -> None:
    """"No actor" lay over the first bar's label ("No actor 23 · A dry year…")."""
    dataset, index = _three()
    data = data_for(dataset, index)
    style = timeline_style(DARK)
    view = fit_view(data, size[0], DARK)
    view.actor_lanes = True
    view = fit_view(data, size[0], DARK, view)
    frame = layout_frame(QRectF(0, 0, *size), data, view, style)
    assert len(frame.bands) == 4 and frame.bands[-1].actor == -1  # the "No actor" band
    names = [band_title(data, band.actor) for band in frame.bands]
    assert names[-1] == "No actor"
    gutter_right = frame.rect.left() + style.side + frame.gutter
    assert frame.plot.left() == pytest.approx(gutter_right)
    assert max(style.context_width(n) for n in names) + style.pad <= frame.gutter
    items = [item for band in frame.bands for item in band.items]
    assert len(items) == data.count + sum(len(e.actors) - 1 for e in dataset.events if e.actors)
    for item in items:
        assert item.bounds.left() >= frame.plot.left() - 2, "right of the names"
    for band in frame.bands:
        for chip in band.chips:
            assert chip.rect.left() >= frame.plot.left()


def test_without_lanes_there_is_no_gutter() -> None:
    dataset, index = _three()
    data = data_for(dataset, index)
    frame = layout_frame(QRectF(0, 0, 1366, 167), data, fit_view(data, 1366, LIGHT),
                         timeline_style(LIGHT))
    assert frame.gutter == 0 and len(frame.bands) == 1


def test_toggling_lanes_keeps_a_fitted_timeline_fitted(qtbot: object) -> None:
    from positions_viewer.ui.timeline.widget import TimelineWidget

    from .support import query

    dataset, index = _three()
    widget = TimelineWidget(theme=DARK)
    qtbot.addWidget(widget)  # type: ignore[attr-defined]
    widget.resize(1366, 167)
    widget.set_result(*query(dataset, index))
    widget.fit()
    widget.set_actor_lanes(True)
    widget.grab()
    hit = widget.hit_map()
    assert hit is not None and hit.visible_count == len(dataset.events)
    first = min(e.start for e in dataset.events)
    assert hit.scale.x(first) >= hit.plot.left(), "the first event is in the plot"


@pytest.mark.parametrize("size", [(1366, 167), (1280, 167)], ids=["1366", "1280"])
def test_zoomed_text_closes_the_lanes_up_rather_than_folding_an_event(
        size: tuple[int, int]) -> None:
    """With the text zoomed three steps (Ctrl+= ×3) the timeline holds two lanes and the
    chips' row: the Kremlin's December event folded into "+1", though the three December
    marks fit in three lanes closed up to a line of text each."""
    from .support import load_seed, render

    theme = LIGHT.scaled(LIGHT.font_px + 3)
    style = timeline_style(theme)
    dataset, index = load_seed()
    data = data_for(dataset, index)
    view = fit_view(data, size[0], theme)
    _image, hit = render(data, view, theme, *size)
    assert not hit.chips, "nothing folded"
    assert sorted(row for *_r, row in hit.items) == list(range(len(dataset.events)))
    frame = layout_frame(QRectF(0, 0, *size), data, view, style)
    (band,) = frame.bands
    assert style.min_lane_h <= band.lane_h < style.lane_h
    for item in band.items:
        assert item.title == dataset.events[item.row].title, "every label whole"
        assert frame.plot.contains(item.bounds.adjusted(2, 1, -2, -1))
    tops = sorted({round(i.mark.center().y()) for i in band.items})
    assert len(tops) == 3
    assert min(b - a for a, b in itertools.pairwise(tops)) >= style.min_lane_h - 1


def _december_votes() -> Dataset:
    """Thirty votes on a few December days of each year, 2011–2024: density at full extent."""
    from positions_viewer.model import Actor, Event, Issue, PartialDate

    events = []
    for year in range(2011, 2025):
        for i in range(30):
            events.append(Event(index=len(events), date=PartialDate(year, 12, 6 + i % 15),
                                title=f"R/{year}/{i} A resolution", actors=(i % 2,)))
    return Dataset(title="Votes", actors=(Actor("a", "A"), Actor("b", "B")),
                   issues=(Issue("i", "Issue"),), events=tuple(events))


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_density_counts_sit_over_the_events_they_count(size: tuple[int, int]) -> None:
    """Each half-year's "29" sat on its gridline, 25 px left of December's bars."""
    from positions_viewer.ui.render.timeline.lod import Lod

    from .support import render

    dataset = _december_votes()
    data = data_for(dataset, DatasetIndex(dataset))
    _image, hit = render(data, fit_view(data, size[0], LIGHT), LIGHT, *size)
    assert hit.lod is Lod.DENSITY and len(hit.chips) >= 10
    for rect, first, last, count in hit.chips:
        inside = (data.starts < last) & (data.stops + 1 > first)
        assert count == int(inside.sum())
        x0 = hit.scale.x(float(data.starts[inside].min()))
        x1 = hit.scale.x(float(data.stops[inside].max() + 1))
        assert x0 - 2 <= rect.center().x() <= x1 + 2, (rect, x0, x1)
        assert hit.plot.left() <= rect.left() and rect.right() <= hit.plot.right()
    rights = sorted((r.left(), r.right()) for r, *_ in hit.chips)
    assert all(a[1] < b[0] for a, b in itertools.pairwise(rights)), "chips never touch"
