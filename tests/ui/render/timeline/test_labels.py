"""Labels a reader can use (issue 13, item 7).

The rule: a label is drawn whole where there is room (right of its mark, the free side on
its left, another lane); a label too short to read is not drawn (the mark stays; the
tooltip says the rest), and a cut label keeps at least ``readable_length`` characters;
"+n" only where marks cannot be told apart (every lane has a mark in the way).
"""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QApplication

from positions_viewer.model import Dataset, DatasetIndex, load_file
from positions_viewer.ui.render.timeline.hit import TimelineHitMap
from positions_viewer.ui.render.timeline.lod import Lod
from positions_viewer.ui.render.timeline.stacking import (
    MIN_LABEL_CHARS,
    LabelForm,
    LabelSide,
    place_labels,
    readable_length,
    stack_lanes,
)
from positions_viewer.ui.render.timeline.style import timeline_style
from positions_viewer.ui.render.timeline.view import TimelineView
from positions_viewer.ui.theme import LIGHT

from ....datagen import to_toml
from .support import data_for, day, load_seed, render, un_votes_spec

DATA = Path(__file__).resolve().parents[3] / "data"
# The timeline's size in the window at 1920×1080 and 1280×720 (measured), and an export's.
SIZES = [(1920, 265), (1280, 157), (960, 180)]


@pytest.fixture(autouse=True)
def _application(qapp: QApplication) -> None:
    """Fonts need the application object."""


def _loaded(path: Path) -> tuple[Dataset, DatasetIndex]:
    dataset = load_file(path).dataset
    assert dataset is not None
    return dataset, DatasetIndex(dataset)


@pytest.fixture(scope="module")
def un_votes(tmp_path_factory: pytest.TempPathFactory) -> tuple[Dataset, DatasetIndex]:
    """288 events shaped like the UN General Assembly's recorded votes, through a file."""
    path = tmp_path_factory.mktemp("un") / "un-votes.toml"
    path.write_bytes(to_toml(un_votes_spec(288)))
    return _loaded(path)


def _frame(dataset: Dataset, index: DatasetIndex, view: TimelineView, size: tuple[int, int]
           ) -> tuple[TimelineHitMap, list[tuple[int, str, str, QRectF]]]:
    """The hit map and (row, prefix, title, mark) of each drawn item, from the layout."""
    from positions_viewer.ui.render.timeline.frame import layout_frame

    data = data_for(dataset, index)
    _image, hit = render(data, view, width=size[0], height=size[1])
    frame = layout_frame(QRectF(0, 0, *size), data, view, timeline_style(LIGHT))
    items = [(i.row, i.prefix, i.title, i.mark) for band in frame.bands for i in band.items]
    assert [row for row, *_r in items] == [row for *_r, row in hit.items]
    return hit, items


def _check_rule(dataset: Dataset, hit: TimelineHitMap,
                items: list[tuple[int, str, str, QRectF]]) -> None:
    style = timeline_style(LIGHT)
    for row, prefix, title, _mark in items:
        whole = dataset.events[row].title
        if prefix:
            assert title == whole, "the date goes before the whole title only"
        if title and title != whole:  # cut: keeps a readable start, with an ellipsis
            assert title.endswith("…") and not prefix, (whole, title)
            kept = title[:-1]
            assert len(kept) >= readable_length(len(whole)) >= MIN_LABEL_CHARS, (whole, title)
            assert " ".join(whole.split()).startswith(kept), (whole, title)
    # "+n" only where the marks cannot be told apart: in every lane, a drawn mark covers
    # the left-out event's mark.
    lanes = {round(mark.center().y()) for *_r, mark in items}
    for (_rect, *_rest), rows in zip(hit.chips, hit.chip_rows, strict=True):
        for row in rows:
            event = dataset.events[row]
            x0, x1 = hit.scale.x(event.start), hit.scale.x(event.stop + 1)
            if event.start == event.stop and not event.is_approximate:
                centre = (x0 + x1) / 2
                x0, x1 = centre - style.marker / 2, centre + style.marker / 2
            covering = {round(mark.center().y()) for *_r, mark in items
                        if mark.left() <= x1 + style.pad and mark.right() >= x0 - style.pad}
            assert covering == lanes, (event.title, len(covering), len(lanes))


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_a_range_ending_at_an_approximate_month_is_labelled_whole(size: tuple[int, int]) -> None:
    """"Severe drought season" was cut to "Severe d…" with free space beside it, or showed
    only its dates."""
    from positions_viewer.ui.render.timeline.fit import fit_view

    dataset, index = _loaded(DATA / "timeline" / "drought.toml")
    view = fit_view(data_for(dataset, index), size[0], LIGHT)
    hit, items = _frame(dataset, index, view, size)
    titles = {title for _row, _prefix, title, _mark in items}
    assert "Severe drought season" in titles
    assert "Upstream dam begins filling" in titles, "whole, on the free side of its bar"
    assert not hit.chips
    _check_rule(dataset, hit, items)


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_the_bundled_events_are_all_labelled_whole(size: tuple[int, int]) -> None:
    """At 720p the Kremlin's December event folded into an unlabelled "+1"."""
    from positions_viewer.ui.render.timeline.fit import fit_view

    dataset, index = load_seed()
    view = fit_view(data_for(dataset, index), size[0], LIGHT)
    hit, items = _frame(dataset, index, view, size)
    assert not hit.chips
    assert sorted(row for row, *_r in items) == list(range(len(dataset.events)))
    for row, _prefix, title, _mark in items:
        assert title == dataset.events[row].title


def _un_views() -> list[tuple[str, str, str]]:
    return [("fit", "", ""), ("three sessions", "1993-09-01", "1996-10-01"),
            ("a session", "1993-09-01", "1994-10-01"), ("December", "1993-11-20", "1994-01-05"),
            ("a plenary week", "1993-12-04", "1993-12-22")]


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize(("name", "first", "last"), _un_views(), ids=[v[0] for v in _un_views()])
def test_288_votes_read_as_labels_or_marks_never_fragments(
    un_votes: tuple[Dataset, DatasetIndex], size: tuple[int, int], name: str, first: str,
    last: str,
) -> None:
    """With 288 real events the axis was a wall of fragments ("R/48/1…", "R/4…")."""
    from positions_viewer.ui.render.timeline.fit import fit_view

    dataset, index = un_votes
    if first:
        view = TimelineView(dt.date.fromisoformat(first).toordinal(),
                            dt.date.fromisoformat(last).toordinal())
    else:
        view = fit_view(data_for(dataset, index), size[0], LIGHT)
    hit, items = _frame(dataset, index, view, size)
    _check_rule(dataset, hit, items)
    if hit.lod is Lod.LABELS:
        assert len(items) + sum(c for *_r, c in hit.chips) == hit.visible_count
        labelled = [title for *_r, title, _m in items if title]
        assert labelled, "some labels are readable at every zoom"


def test_a_chip_zooms_to_where_its_events_are_told_apart(qtbot: object) -> None:
    """Clicking "+1" zoomed to 2.5 days around the one event it counted; it zooms to the
    events whose marks hid it, so that all of them get a lane."""
    from PySide6.QtCore import Qt

    from positions_viewer.ui.timeline.widget import TimelineWidget

    from .support import query

    dataset, index = load_seed()
    widget = TimelineWidget()
    qtbot.addWidget(widget)  # type: ignore[attr-defined]
    widget.resize(1280, 130)  # one lane
    widget.set_result(*query(dataset, index))
    widget.grab()
    hit = widget.hit_map()
    assert hit is not None and hit.chips
    rect, first, last, _count = hit.chips[-1]
    december = [e for e in dataset.events if e.start >= day(2025, 12, 1)]
    assert first <= min(e.start for e in december) and last >= max(e.stop + 1 for e in december)
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton,  # type: ignore[attr-defined]
                     pos=rect.center().toPoint())
    widget.grab()
    zoomed = widget.hit_map()
    assert zoomed is not None
    shown = {row for *_r, row in zoomed.items}
    assert {e.index for e in december} <= shown | {r for rows in zoomed.chip_rows for r in rows}
    assert len(shown & {e.index for e in december}) >= 2


# -- the geometry, without a display -------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 1900), st.floats(0, 200), st.floats(10, 300),
                          st.booleans()), max_size=80),
       st.integers(1, 6))
def test_placed_labels_never_overlap_marks_or_labels(
    items: list[tuple[float, float, float, bool]], lanes: int
) -> None:
    gap, pad, left, right = 8.0, 5.0, 0.0, 2000.0
    x0 = np.array([i[0] for i in items])
    x1 = x0 + np.array([max(i[1], 10.0) for i in items])
    title = np.array([i[2] for i in items])
    full = title + np.where([i[3] for i in items], 60.0, 0.0)
    min_cut = np.where(title > 90, 80.0, np.inf)
    stacking = stack_lanes(x0, x1, x1 + pad + full, lanes, gap, min_gap=pad)
    placed = place_labels(stacking.lanes, x0, x1, x1 + pad, stacking.label_limit, full, title,
                          min_cut, gap=gap, pad=pad, plot_left=left, plot_right=right)
    spans: dict[int, list[tuple[float, float]]] = {}
    for i, lane in enumerate(stacking.lanes.tolist()):
        if lane < 0:
            assert placed.side[i] == LabelSide.NONE
            continue
        spans.setdefault(lane, []).append((x0[i], x1[i]))
        side, form = placed.side[i], placed.form[i]
        if side == LabelSide.NONE:
            continue
        a, b = placed.x0[i], placed.x1[i]
        assert left <= a <= b <= right
        if form == LabelForm.FULL:
            assert b - a == pytest.approx(full[i])
        elif form == LabelForm.TITLE:
            assert b - a == pytest.approx(title[i])
        else:
            assert b - a >= min_cut[i]
        if side == LabelSide.RIGHT:
            assert a == x1[i] + pad
        else:
            assert b == x0[i] - pad
            assert not (x1[i] + pad + title[i] <= min(stacking.label_limit[i], right)), (
                "a label goes left only when it does not fit on the right")
        spans[lane].append((a, b))
    for lane_spans in spans.values():
        lane_spans.sort()
        for (_a0, a1), (b0, _b1) in itertools.pairwise(lane_spans):
            assert a1 <= b0 + 1e-6, "nothing overlaps in a lane"


def test_marks_come_first_and_labels_give_way() -> None:
    """Two marks 30 px apart in one lane: both get the lane; the first's long label, which
    would cover the second mark, is drawn on its free left side instead."""
    x0 = np.array([500.0, 530.0])
    x1 = x0 + 10
    full = np.array([200.0, 50.0])
    stacking = stack_lanes(x0, x1, x1 + 5 + full, 1, 8.0, min_gap=5.0)
    assert stacking.lanes.tolist() == [0, 0]
    placed = place_labels(stacking.lanes, x0, x1, x1 + 5, stacking.label_limit, full, full,
                          np.full(2, np.inf), gap=8.0, pad=5.0, plot_left=0, plot_right=1000)
    assert placed.side.tolist() == [LabelSide.LEFT, LabelSide.RIGHT]
    assert placed.x1[0] == 495.0


def test_a_title_too_short_to_cut_is_whole_or_absent() -> None:
    assert readable_length(5) == MIN_LABEL_CHARS  # > 5: never cut, whole or nothing
    assert readable_length(21) == MIN_LABEL_CHARS
    assert readable_length(40) == 20  # half of a longer title
    assert readable_length(10_000) == 24  # at most 24
