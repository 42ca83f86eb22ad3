"""What the lanes could not hold, grouped into count chips ("+3"), free of Qt."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .scale import FloatArray, IntArray

__all__ = ["Cluster", "cluster_overflow"]


@dataclass(frozen=True, slots=True)
class Cluster:
    x0: float  # span of the member marks, px
    x1: float
    members: tuple[int, ...]  # positions in the input arrays

    @property
    def count(self) -> int:
        return len(self.members)


def cluster_overflow(
    mark_x0: FloatArray, mark_x1: FloatArray, members: IntArray, merge_px: float
) -> list[Cluster]:
    """Groups the items left out of the lanes into clusters whose count chips cannot touch."""
    if len(members) == 0:
        return []
    ordered = members[np.argsort(mark_x0[members], kind="stable")]
    starts, ends = mark_x0[ordered], mark_x1[ordered]
    order = ordered.tolist()
    if not np.all(ends >= starts):  # never from marks; one by one then, as the rule reads
        return _clusters_one_by_one(order, starts.tolist(), ends.tolist(), merge_px)
    # With every mark ending after it starts, a cluster's right end is the running maximum
    # of all ends so far, and a new cluster can only begin where a mark starts past it:
    # only those candidates are looked at in Python.
    reach = np.maximum.accumulate(ends)
    right = reach.tolist()
    lefts = starts.tolist()
    clusters: list[Cluster] = []
    first, x0 = 0, lefts[0]
    for c in (np.flatnonzero(starts[1:] > reach[:-1]) + 1).tolist():
        if lefts[c] > x0 + merge_px:
            clusters.append(Cluster(x0, right[c - 1], tuple(order[first:c])))
            first, x0 = c, lefts[c]
    clusters.append(Cluster(x0, right[-1], tuple(order[first:])))
    return clusters


def _clusters_one_by_one(
    order: list[int], starts: list[float], ends: list[float], merge_px: float
) -> list[Cluster]:
    """A mark joins the cluster when it starts before the cluster's marks end, or within
    ``merge_px`` of the cluster's first start."""
    clusters: list[Cluster] = []
    current = [order[0]]
    x0, x1 = starts[0], ends[0]
    for i, start, end in zip(order[1:], starts[1:], ends[1:], strict=True):
        if start <= max(x1, x0 + merge_px):
            current.append(i)
            x1 = max(x1, end)
        else:
            clusters.append(Cluster(x0, x1, tuple(current)))
            current, x0, x1 = [i], start, end
    clusters.append(Cluster(x0, x1, tuple(current)))
    return clusters
