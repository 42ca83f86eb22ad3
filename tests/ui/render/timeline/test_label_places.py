"""A label is wholly inside its bar or wholly beside its mark, else cut by whole words.

From the audit (issue 13): "Upstream dam begins filling" started inside its dashed May 2024
box and ran past its edge; "2022 · Frequent Macron–Putin calls early in 2022" crossed its
bar's end at 1280 px; "A/RES/71/136: Decol…" was cut mid-word.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QApplication

from positions_viewer.model import DatasetIndex, load_file
from positions_viewer.ui.render.timeline.stacking import (
    LabelForm,
    LabelSide,
    item_extents,
    place_labels,
    readable_length,
    stack_lanes,
)
from positions_viewer.ui.render.timeline.view import TimelineView
from positions_viewer.ui.render.timeline.words import cut_to_words, word_cuts
from positions_viewer.ui.theme import LIGHT

from .support import data_for, load_seed

DATA = Path(__file__).resolve().parents[3] / "data"
SIZES = [(1920, 265), (1366, 167), (1280, 157), (960, 180)]

# -- without a display --------------------------------------------------------------------


def test_cuts_keep_whole_words_and_the_readable_minimum() -> None:
    title = "A/RES/71/136: Decolonization of the remaining territories"
    cuts = word_cuts(title)
    assert cuts, "a long title can be cut"
    for cut in cuts:
        kept = cut.removesuffix("…")
        assert cut.endswith("…") and title.startswith(kept)
        assert title[len(kept)] in " :", "ends where a word ends"
        assert not kept.endswith(":"), "no punctuation before the ellipsis"
        assert len(kept) >= readable_length(len(title))
    assert "A/RES/71/136: Decol…" not in cuts
    assert word_cuts("Severe drought season") == ("Severe drought…",)
    assert word_cuts("Three-way summit") == (), "too short to cut: whole or nothing"
    assert word_cuts("Onewordthatgoesonandonandonwithoutanyspace") == ()


def test_the_longest_cut_that_fits_is_chosen() -> None:
    title = "Necessity of ending the economic, commercial and financial embargo"

    def width(text: str) -> float:
        return 7.0 * len(text)  # 7 px a character

    for room in (0.0, 100.0, 200.0, 300.0, 2000.0):
        cut = cut_to_words(title, room, width)
        assert cut == "" or width(cut) <= room
        longer = [c for c in word_cuts(title) if len(c) > len(cut)]
        assert all(width(c) > room for c in longer)
    assert cut_to_words(title, 300.0, width) == "Necessity of ending the economic…"


def _pipeline(items: list[tuple[float, float, bool, float, float]], lanes: int,
              ) -> tuple[np.ndarray, np.ndarray, object, object]:
    """item_extents → stack_lanes → place_labels, as the frame runs them."""
    pad, gap, left, right = 5.0, 8.0, 0.0, 1500.0
    x0 = np.array([i[0] for i in items])
    x1 = x0 + np.array([i[1] for i in items])
    point = np.array([i[2] for i in items], dtype=bool)
    title = np.array([i[3] for i in items])
    full = title + np.array([i[4] for i in items])
    min_cut = np.where(title > 120, 90.0, np.inf)
    ext = item_extents(x0, x1, point, full, marker=10, pad=pad, min_label=58, inside_min=58,
                       plot_left=left, plot_right=right, title_width=title)
    stacking = stack_lanes(ext.mark_x0, ext.min_right, ext.full_right, lanes, gap,
                           min_gap=pad, full_left=ext.left)
    placed = place_labels(stacking.lanes, ext.mark_x0, ext.mark_x1, ext.right_x,
                          stacking.label_limit, full, title, min_cut, gap=gap, pad=pad,
                          plot_left=left, plot_right=right, inside_x0=ext.inside_x0,
                          inside_x1=ext.inside_x1)
    return stacking.lanes, full, ext, placed


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.floats(-300, 1600), st.floats(0, 600), st.booleans(),
                          st.floats(20, 400), st.sampled_from([0.0, 60.0])), max_size=40),
       st.integers(1, 5))
def test_a_label_never_crosses_the_end_of_its_bar(
    items: list[tuple[float, float, bool, float, float]], lanes: int
) -> None:
    stacked, full, ext, placed = _pipeline(items, lanes)
    for i in range(len(items)):
        side = int(placed.side[i])  # type: ignore[attr-defined]
        if side == LabelSide.NONE:
            continue
        a, b = float(placed.x0[i]), float(placed.x1[i])  # type: ignore[attr-defined]
        m0, m1 = float(ext.mark_x0[i]), float(ext.mark_x1[i])  # type: ignore[attr-defined]
        if side == LabelSide.INSIDE:
            assert m0 <= a and b <= m1, "inside: wholly within the bar"
        elif side == LabelSide.RIGHT:
            assert a >= m1, "beside, after the mark"
        else:
            assert b <= m0, "beside, before the mark"
        if int(placed.form[i]) == LabelForm.FULL:  # type: ignore[attr-defined]
            assert b - a == pytest.approx(full[i])
    assert len(stacked) == len(items)


def test_a_title_that_fits_its_bar_goes_inside_else_beside() -> None:
    items = [(100.0, 230.0, False, 200.0, 60.0),  # the title fits, its date does not
             (600.0, 100.0, False, 190.0, 0.0)]   # a short bar, the label goes after it
    _stacked, _full, _ext, placed = _pipeline(items, 2)
    assert placed.side.tolist() == [LabelSide.INSIDE, LabelSide.RIGHT]  # type: ignore[attr-defined]
    assert placed.form.tolist() == [LabelForm.TITLE, LabelForm.FULL]  # type: ignore[attr-defined]
    assert placed.x0[1] == 705.0  # type: ignore[attr-defined]


# -- drawn frames ---------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _application(qapp: QApplication) -> None:
    """Fonts need the application object."""


def _labels_of(path: Path | None, size: tuple[int, int]
               ) -> list[tuple[str, QRectF, float, float, bool]]:
    """(text, mark, label start, label end, point) of every labelled item, fitted."""
    from positions_viewer.ui.render.timeline.fit import fit_view
    from positions_viewer.ui.render.timeline.frame import layout_frame
    from positions_viewer.ui.render.timeline.style import timeline_style

    if path is None:
        dataset, index = load_seed()
    else:
        loaded = load_file(path).dataset
        assert loaded is not None
        dataset, index = loaded, DatasetIndex(loaded)
    data = data_for(dataset, index)
    style = timeline_style(LIGHT)
    view: TimelineView = fit_view(data, size[0], LIGHT)
    frame = layout_frame(QRectF(0, 0, *size), data, view, style)
    out = []
    for band in frame.bands:
        for item in band.items:
            if not item.title:
                continue
            prefix = f"{item.prefix} · " if item.prefix else ""
            end = item.label_x + style.width(prefix) + style.width(item.title)
            out.append((prefix + item.title, item.mark, item.label_x, end, item.is_point))
    return out


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("name", ["seed", "three_actors.toml", "timeline/drought.toml"])
def test_drawn_labels_are_inside_or_beside_their_bars(name: str, size: tuple[int, int]) -> None:
    labels = _labels_of(None if name == "seed" else DATA / name, size)
    assert labels
    for text, mark, start, end, point in labels:
        if point:
            continue
        inside = mark.left() - 0.5 <= start and end <= mark.right() + 0.5
        beside = start >= mark.right() - 0.5 or end <= mark.left() + 0.5
        assert inside or beside, (text, mark, start, end)
