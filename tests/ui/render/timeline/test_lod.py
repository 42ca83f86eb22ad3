"""Culling, level of detail and density counts without a display."""

from __future__ import annotations

import itertools

import numpy as np

from positions_viewer.ui.render.timeline.lod import (
    Lod,
    choose_lod,
    column_density,
    compact_count,
    overlap_counts,
    visible_count,
    visible_range,
)
from positions_viewer.ui.render.timeline.scale import TimeScale


def test_visible_range_matches_a_naive_scan() -> None:
    rng = np.random.default_rng(3)
    starts = np.sort(rng.integers(0, 5000, 3000)).astype(np.int64)
    stops = starts + np.where(rng.random(3000) < 0.1, rng.integers(0, 400, 3000), 0)
    for lo, hi in [(0, 5000), (1000.5, 1100.25), (4990, 6000), (-50, 3), (2500, 2501)]:
        expected = [i for i in range(3000) if starts[i] < hi and stops[i] + 1 > lo]
        got = visible_range(starts, stops, lo, hi, int((stops - starts).max()))
        assert got.tolist() == expected
        assert visible_count(starts, np.sort(stops), lo, hi) == len(expected)



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


def test_compact_counts_fit_on_a_chip() -> None:
    assert [compact_count(n) for n in (7, 999, 1000, 1234, 12_345, 100_000, 2_500_000)] == [
        "7", "999", "1k", "1.2k", "12k", "100k", "2.5M",
    ]


