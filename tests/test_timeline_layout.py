"""The timeline's maths without a display: scale, ticks, stacking, binning, level of detail."""

from __future__ import annotations

import datetime as dt
import itertools
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from positions_viewer.ui.timeline_layout import (
    MAX_SPAN_DAYS,
    MIN_SPAN_DAYS,
    Lod,
    TimeScale,
    brush_days,
    choose_lod,
    choose_ticks,
    cluster_overflow,
    column_density,
    compact_count,
    count_periods,
    item_extents,
    overlap_counts,
    stack_lanes,
    visible_count,
    visible_range,
)


def day(y: int, m: int = 1, d: int = 1) -> int:
    return dt.date(y, m, d).toordinal()


def text_width(text: str) -> float:
    """A deterministic stand-in for font metrics: 7 px a character."""
    return 7.0 * len(text)


def test_module_imports_no_qt() -> None:
    code = (
        "import sys, positions_viewer.ui.timeline_layout; "
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


def test_visible_range_matches_a_naive_scan() -> None:
    rng = np.random.default_rng(3)
    starts = np.sort(rng.integers(0, 5000, 3000)).astype(np.int64)
    stops = starts + np.where(rng.random(3000) < 0.1, rng.integers(0, 400, 3000), 0)
    for lo, hi in [(0, 5000), (1000.5, 1100.25), (4990, 6000), (-50, 3), (2500, 2501)]:
        expected = [i for i in range(3000) if starts[i] < hi and stops[i] + 1 > lo]
        got = visible_range(starts, stops, lo, hi, int((stops - starts).max()))
        assert got.tolist() == expected
        assert visible_count(starts, np.sort(stops), lo, hi) == len(expected)


# -- ticks -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "last", "name"),
    [
        (day(2025, 12, 14), day(2025, 12, 24), "days"),
        (day(2025, 10, 1), day(2025, 12, 1), "weeks"),
        (day(2025, 1, 1), day(2026, 1, 1), "months"),
        (day(2022, 1, 1), day(2026, 1, 1), "quarters"),
        (day(2010, 1, 1), day(2025, 1, 1), "years"),
        (day(1900, 1, 1), day(2050, 1, 1), "decades"),
    ],
)
def test_tick_step_adapts_to_the_zoom(first: int, last: int, name: str) -> None:
    ticks = choose_ticks(TimeScale(first, last, 0, 1000), text_width, min_spacing=42)
    assert ticks.step.name == name
    assert ticks.major, "every zoom level has ticks"


def test_the_year_under_way_at_the_edge_is_named_only_when_a_tick_falls_in_it() -> None:
    """Quarters over 2022–2025, starting in late 2021: no quarter tick falls in 2021, so a
    "2021" under nothing would read as a stray label; from mid-September Q4 2021 shows."""
    sliver = choose_ticks(TimeScale(day(2021, 11, 20), day(2026, 1, 1), 0, 1400), text_width)
    assert sliver.step.unit == "month"
    assert [t.label for t in sliver.context][:2] == ["2022", "2023"]
    wider = choose_ticks(TimeScale(day(2021, 9, 1), day(2026, 1, 1), 0, 1400), text_width)
    assert wider.major[0].day < day(2022, 1, 1)
    assert wider.context[0].label == "2021"


def test_tick_labels_read_as_periods() -> None:
    ticks = choose_ticks(TimeScale(day(2025, 1, 1), day(2026, 1, 1), 0, 1000), text_width)
    assert [t.label for t in ticks.major][:3] == ["January", "February", "March"]
    assert [t.label for t in ticks.context] == ["2025"]
    days = choose_ticks(TimeScale(day(2025, 12, 14), day(2025, 12, 24), 0, 1000), text_width)
    assert days.major[0].label == "Sun 14"
    assert days.context[0].label == "December 2025"
    decades = choose_ticks(TimeScale(day(1900), day(2050), 0, 1000), text_width)
    assert "1950s" in [t.label for t in decades.major]


def _assert_no_overlap(ticks: list[tuple[float, str]], gap: float) -> None:
    for (x0, a), (x1, _b) in itertools.pairwise(ticks):
        assert x0 + text_width(a) + gap <= x1 + 1e-9, (a, x0, x1)


@settings(max_examples=200, deadline=None)
@given(
    start=st.floats(min_value=day(1800), max_value=day(2200)),
    span=st.floats(min_value=MIN_SPAN_DAYS, max_value=MAX_SPAN_DAYS),
    width=st.floats(min_value=120, max_value=4000),
)
def test_tick_labels_never_overlap(start: float, span: float, width: float) -> None:
    scale = TimeScale(start, start + span, 30, width)
    ticks = choose_ticks(scale, text_width, gap=8, pad=3)
    labelled = [(t.label_x, t.label) for t in ticks.major if t.label]
    _assert_no_overlap(labelled, 8)
    for x, label in labelled:
        assert scale.left <= x and x + text_width(label) <= scale.left + scale.width + 1e-9
    _assert_no_overlap([(t.label_x, t.label) for t in ticks.context], 8)
    xs = [t.x for t in ticks.major]
    assert xs == sorted(xs)
    assert all(scale.left - 1e-6 <= x <= scale.left + width + 1e-6 for x in xs)


# -- items, stacking, clusters -----------------------------------------------------------


def test_item_extents_place_marks_and_labels() -> None:
    x0 = np.array([100.0, 200.0, -500.0, 980.0])
    x1 = np.array([110.0, 400.0, 300.0, 990.0])
    is_point = np.array([True, False, False, True])
    label = np.array([50.0, 60.0, 40.0, 100.0])
    ext = item_extents(x0, x1, is_point, label, marker=10, pad=4, min_label=20, inside_min=48,
                       plot_left=0, plot_right=1000)
    assert ext.mark_x0[0] == 100 and ext.mark_x1[0] == 110  # centred on its day
    assert ext.label_x[0] == 114 and ext.full_right[0] == 164
    assert ext.label_x[1] == 204  # a wide bar carries its label inside
    assert ext.label_x[2] == 4  # sticky: a bar begun off screen keeps its label in view
    assert ext.flipped[3] and ext.label_x[3] == 980 - 4 - 100  # no room right: goes left
    assert ext.min_right[0] == 114 + 20


def _check_stacking(left: np.ndarray, mins: np.ndarray, fulls: np.ndarray, lanes: int,
                    gap: float) -> None:
    result = stack_lanes(left, mins, fulls, lanes, gap)
    for lane in range(lanes):
        members = sorted(np.flatnonzero(result.lanes == lane), key=lambda i: left[i])
        for a, b in itertools.pairwise(members):
            end_a = min(fulls[a], result.label_limit[a])
            assert end_a + gap <= left[b] + 1e-9
            assert result.label_limit[a] >= mins[a] - 1e-9  # never cut below the minimum


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 2000), st.floats(0, 300), st.floats(0, 60)),
                min_size=0, max_size=120), st.integers(1, 8))
def test_stacked_labels_never_overlap(items: list[tuple[float, float, float]],
                                      lanes: int) -> None:
    left = np.array([i[0] for i in items])
    fulls = left + np.array([i[1] for i in items]) + 10
    mins = np.minimum(fulls, left + 10 + np.array([i[2] for i in items]))
    _check_stacking(left, mins, fulls, lanes, 6.0)


def test_stacking_prefers_a_free_lane_over_cutting_a_label() -> None:
    left = np.array([0.0, 50.0])
    result = stack_lanes(left, left + 30, left + 200, max_lanes=3, gap=5)
    assert result.lanes.tolist() == [0, 1]
    assert np.isinf(result.label_limit).all()


def test_stacking_cuts_labels_before_giving_up_then_overflows() -> None:
    left = np.array([0.0, 50.0, 60.0])
    result = stack_lanes(left, left + 30, left + 200, max_lanes=1, gap=5)
    assert result.lanes.tolist() == [0, 0, -1]
    assert result.label_limit[0] == 45  # cut to end before the next item
    assert result.lane_count == 1


def test_clusters_count_what_did_not_fit() -> None:
    x0 = np.array([0.0, 5.0, 8.0, 300.0, 310.0, 900.0])
    clusters = cluster_overflow(x0, x0 + 4, np.arange(6), merge_px=40)
    assert [c.count for c in clusters] == [3, 2, 1]
    assert sum(c.count for c in clusters) == 6
    for a, b in itertools.pairwise(clusters):
        assert b.x0 > a.x0 + 40
    assert cluster_overflow(x0, x0, np.array([], dtype=np.int64), 40) == []


def _stack_one_by_one(left: np.ndarray, mins: np.ndarray, fulls: np.ndarray, max_lanes: int,
                      gap: float) -> tuple[list[int], list[float], int]:
    """stack_lanes' rule as it reads, item by item: its shortcuts must change nothing."""
    lanes, limit = [-1] * len(left), [np.inf] * len(left)
    last, lane_min, lane_full = [-1] * max_lanes, [-np.inf] * max_lanes, [-np.inf] * max_lanes
    used = 0
    for i in np.argsort(left, kind="stable").tolist():
        x = float(left[i])
        chosen = next((k for k in range(min(used + 1, max_lanes)) if lane_full[k] + gap <= x),
                      -1)
        if chosen < 0:
            fits = [k for k in range(used) if lane_min[k] + gap <= x]
            chosen = max(fits, key=lambda k: (x - lane_full[k], -k)) if fits else -1
        if chosen < 0:
            continue
        if last[chosen] >= 0:
            limit[last[chosen]] = x - gap
        lanes[i], last[chosen] = chosen, i
        lane_min[chosen], lane_full[chosen] = float(mins[i]), float(fulls[i])
        used = max(used, chosen + 1)
    return lanes, limit, used


def _clusters_one_by_one(x0: np.ndarray, x1: np.ndarray, members: np.ndarray,
                         merge: float) -> list[tuple[float, float, tuple[int, ...]]]:
    order = sorted(members.tolist(), key=lambda i: x0[i])
    out: list[tuple[float, float, tuple[int, ...]]] = []
    for i in order:
        if out and x0[i] <= max(out[-1][1], out[-1][0] + merge):
            start, end, group = out[-1]
            out[-1] = (start, max(end, float(x1[i])), (*group, i))
        else:
            out.append((float(x0[i]), float(x1[i]), (i,)))
    return out


def test_stacking_and_clustering_match_the_rule_item_by_item() -> None:
    rng = np.random.default_rng(7)
    for trial in range(400):
        n = int(rng.integers(0, 250))
        left = np.round(rng.uniform(0, 1900, n), int(trial % 3))  # ties, some of them
        mins = left + rng.uniform(0, 60, n)
        fulls = mins + rng.uniform(0, 300, n) * (rng.random(n) > 0.2)
        lanes, gap = int(rng.integers(1, 14)), float(rng.choice([0.0, 6.0, 7.5]))
        result = stack_lanes(left, mins, fulls, lanes, gap)
        expected = _stack_one_by_one(left, mins, fulls, lanes, gap)
        assert result.lanes.tolist() == expected[0]
        assert result.label_limit.tolist() == expected[1]
        assert result.lane_count == expected[2]
        out = np.flatnonzero(result.lanes < 0)
        ends = left + rng.uniform(-5 if trial % 5 == 0 else 0, 40, n)  # marks end after they
        for merge in (0.0, 40.5):  # start; the odd trial also tries ends before starts
            got = [(c.x0, c.x1, c.members) for c in cluster_overflow(left, ends, out, merge)]
            assert got == _clusters_one_by_one(left, ends, out, merge)


def test_month_and_year_ticks_match_the_calendar() -> None:
    rng = np.random.default_rng(3)
    last = dt.date.max.toordinal()
    for _ in range(200):
        first = float(rng.uniform(1, last - 100))
        scale = TimeScale(first, min(first + float(np.exp(rng.uniform(3, 10))), last), 0, 1000)
        ticks = choose_ticks(scale, text_width, min_spacing=float(rng.choice([20.0, 40.0])))
        if ticks.step.unit in ("month", "year"):
            days = range(int(np.ceil(scale.start)), int(np.ceil(scale.end)))
            assert [t.day for t in ticks.major] == [
                d for d in days if _starts_period(d, ticks.step.unit, ticks.step.count)
            ]


def _starts_period(day_: int, unit: str, count: int) -> bool:
    date = dt.date.fromordinal(day_)
    if unit == "month":
        return date.day == 1 and (date.year * 12 + date.month - 1) % count == 0
    return date.day == 1 and date.month == 1 and date.year % count == 0


# -- level of detail ---------------------------------------------------------------------


def test_lod_labels_sparse_and_bins_dense() -> None:
    assert choose_lod(5, 1280, 10) is Lod.LABELS
    assert choose_lod(0, 1280, 10) is Lod.LABELS
    assert choose_lod(100_000, 1920, 12) is Lod.DENSITY
    assert choose_lod(1000, 1920, 12) is Lod.DENSITY  # 100k zoomed to 1%
    assert choose_lod(700, 100_000, 50) is Lod.DENSITY  # past the per-frame label budget


def test_column_density_matches_a_naive_count() -> None:
    rng = np.random.default_rng(7)
    starts = np.sort(rng.integers(0, 1000, 2000)).astype(np.int64)
    stops = starts + np.where(rng.random(2000) < 0.2, rng.integers(0, 50, 2000), 0)
    scale = TimeScale(100.0, 900.0, 0, 250)
    counts = column_density(starts, np.sort(stops), scale, 250)
    edges = np.linspace(100.0, 900.0, 251)
    naive = [
        sum(1 for s, e in zip(starts, stops, strict=True) if s < b and e + 1 > a)
        for a, b in itertools.pairwise(edges)
    ]
    assert counts.tolist() == naive


def test_density_counts_a_range_in_every_column_it_covers() -> None:
    scale = TimeScale(0.0, 100.0, 0, 100)
    counts = column_density(np.array([10, 50]), np.array([19, 50]), scale, 100)
    assert counts[10:20].tolist() == [1] * 10
    assert counts[50] == 1 and counts.sum() == 11
    outside = column_density(np.array([200]), np.array([300]), scale, 100)
    assert outside.sum() == 0


def test_overlap_counts_per_period() -> None:
    starts = np.array([0, 5, 10, 40], dtype=np.int64)
    stops = np.array([0, 25, 10, 41], dtype=np.int64)
    counts = overlap_counts(starts, np.sort(stops), [0, 10, 20, 30, 50])
    assert counts.tolist() == [2, 2, 1, 1]


def test_count_periods_are_calendar_aligned_and_wide_enough() -> None:
    scale = TimeScale(day(2019, 3, 1) + 0.4, day(2019, 4, 14), 0, 1920)
    edges = count_periods(scale, 200)  # days are 44 px here: weeks are the first wide enough
    assert edges[0] == scale.start and edges[-1] == scale.end
    inner = edges[1:-1]
    assert all(dt.date.fromordinal(int(e)).weekday() == 0 for e in inner)  # Mondays
    assert all(b - a >= 200 / scale.px_per_day - 1e-9 for a, b in itertools.pairwise(inner))


def test_compact_counts_fit_on_a_chip() -> None:
    assert [compact_count(n) for n in (7, 999, 1000, 1234, 12_345, 100_000, 2_500_000)] == [
        "7", "999", "1k", "1.2k", "12k", "100k", "2.5M",
    ]


def test_brush_days_are_whole_and_ordered() -> None:
    assert brush_days(day(2025, 12, 18) + 0.3, day(2025, 12, 26) + 0.7) == (
        day(2025, 12, 18), day(2025, 12, 26),
    )
    assert brush_days(20.5, 10.2) == (10, 20)
    assert brush_days(10.0, 10.0) == (10, 10)


def test_count_periods_are_no_finer_than_the_ticks() -> None:
    scale = TimeScale(day(2014), day(2026), 0, 900)
    ticks = choose_ticks(scale, text_width)
    edges = count_periods(scale, 10, ticks.step)
    assert edges[1:-1] == [float(t.day) for t in ticks.major]  # one count per labelled period
