"""Marks and labels in lanes, and the clusters of what did not fit, without a display."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from positions_viewer.ui.render.timeline.cluster import cluster_overflow
from positions_viewer.ui.render.timeline.stacking import item_extents, stack_lanes


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




def test_max_overlap_counts_the_deepest_point() -> None:
    """The lanes marks need at least: the most half-open intervals sharing a point (it
    decides whether the chips' row can become a lane)."""
    from positions_viewer.ui.render.timeline.stacking import max_overlap

    rng = np.random.default_rng(11)
    for _ in range(300):
        n = int(rng.integers(0, 40))
        starts = np.round(rng.uniform(0, 100, n), int(rng.integers(0, 2)))
        ends = starts + np.round(rng.uniform(0.5, 30, n), 1)
        points = np.concatenate([starts, ends])
        naive = max((int(((starts <= x) & (x < ends)).sum()) for x in points), default=0)
        assert max_overlap(starts, ends) == naive
