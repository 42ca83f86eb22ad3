"""The timeline's scale without a display: time ↔ pixels, zoom, pan, fit, brushing; and
the Qt-free modules stay Qt-free."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import numpy as np
import pytest

from positions_viewer.ui.render.timeline.scale import (
    MAX_SPAN_DAYS,
    MIN_SPAN_DAYS,
    TimeScale,
    brush_days,
)

QT_FREE = ("scale", "ticks", "stacking", "cluster", "lod", "data", "view")


def day(y: int, m: int = 1, d: int = 1) -> int:
    return dt.date(y, m, d).toordinal()


def test_module_imports_no_qt() -> None:
    modules = ", ".join(f"positions_viewer.ui.render.timeline.{name}" for name in QT_FREE)
    code = (
        f"import sys, {modules}; "
        "assert not [m for m in sys.modules if m.startswith(('PySide6', 'shiboken'))]"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# -- the scale ---------------------------------------------------------------------------


def test_scale_maps_days_to_pixels_both_ways() -> None:
    scale = TimeScale(day(2025, 1, 1), day(2025, 1, 11), left=20, width=1000)
    assert scale.x(day(2025, 1, 1)) == 20
    assert scale.x(day(2025, 1, 6)) == pytest.approx(520)
    assert scale.day(520) == pytest.approx(day(2025, 1, 6))
    assert np.allclose(scale.xs([day(2025, 1, 2), day(2025, 1, 3)]), [120, 220])


def test_zoom_keeps_the_day_under_the_anchor() -> None:
    scale = TimeScale(day(2020), day(2024), left=10, width=800)
    anchor = 333.0
    before = scale.day(anchor)
    zoomed = scale.zoomed(2.0, anchor)
    assert zoomed.span == pytest.approx(scale.span / 2)
    assert zoomed.day(anchor) == pytest.approx(before)
    out = zoomed.zoomed(0.25, anchor)
    assert out.day(anchor) == pytest.approx(before)


def test_zoom_is_clamped_between_days_and_centuries() -> None:
    scale = TimeScale(day(2020), day(2021), width=800)
    assert scale.zoomed(1e9, 400).span == pytest.approx(MIN_SPAN_DAYS)
    assert scale.zoomed(1e-9, 400).span == pytest.approx(MAX_SPAN_DAYS)
    assert scale.with_range(day(2020), day(2020)).span == pytest.approx(MIN_SPAN_DAYS)


def test_pan_moves_content_with_the_pointer() -> None:
    scale = TimeScale(day(2020), day(2020) + 100, width=1000)
    panned = scale.panned(100)  # drag right by 100 px: 10 days earlier come into view
    assert panned.start == pytest.approx(scale.start - 10)
    assert panned.span == pytest.approx(scale.span)


def test_range_stays_within_representable_dates() -> None:
    scale = TimeScale(100, 200, width=500).panned(1e7)
    assert scale.start >= 1
    late = TimeScale(dt.date(9999, 1, 1).toordinal(), dt.date(9999, 6, 1).toordinal(), width=500)
    assert late.panned(-1e7).end <= dt.date.max.toordinal() + 1


def test_fit_shows_the_span_with_padding() -> None:
    scale = TimeScale(0, 1, left=0, width=1000).fitted(day(2022), day(2026), padding_px=50)
    assert scale.x(day(2022)) == pytest.approx(50)
    assert scale.x(day(2026)) == pytest.approx(950)



def test_brush_days_are_whole_and_ordered() -> None:
    assert brush_days(day(2025, 12, 18) + 0.3, day(2025, 12, 26) + 0.7) == (
        day(2025, 12, 18), day(2025, 12, 26),
    )
    assert brush_days(20.5, 10.2) == (10, 20)
    assert brush_days(10.0, 10.0) == (10, 10)


