"""Filters and the as-of query (DESIGN §1, "As-of semantics" and "Issue and actor filters").

:class:`DatasetIndex` is built once per loaded dataset; :meth:`DatasetIndex.query` then answers
any :class:`Filter` without a Python loop over positions or events: per-cell histories are
kept sorted in one array, and the as-of lookup for every cell is a single ``searchsorted``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property

import numpy as np
import numpy.typing as npt

from .dates import PartialDate
from .types import Dataset, Event, Position

__all__ = ["Cell", "DatasetIndex", "Filter", "QueryResult", "carry_filter"]

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

_UNDATED = 0  # ordinals start at 1, so undated positions sort before every dated one
_CELL_SHIFT = 23  # ordinals stay below 2**22 (year 9999 is 3.65M days)


@dataclass(frozen=True, slots=True)
class Filter:
    """What the user selected. ``None`` for issues/actors means all of them."""

    issues: frozenset[int] | None = None
    actors: frozenset[int] | None = None
    date_from: PartialDate | None = None
    date_to: PartialDate | None = None
    text: str = ""

    @property
    def from_ordinal(self) -> int | None:
        return self.date_from.start if self.date_from else None

    @property
    def to_ordinal(self) -> int | None:
        """Inclusive: ``to = 2025`` keeps everything dated in 2025."""
        return self.date_to.stop if self.date_to else None

    def with_changes(self, **changes: object) -> Filter:
        return replace(self, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Cell:
    """One grid cell: the position shown as of the filter's ``to`` date, if any."""

    issue: int
    actor: int
    position: Position | None
    changed: bool


@dataclass(slots=True)
class QueryResult:
    """What one filter selects: grid rows and columns, the cells, and timeline events."""

    dataset: Dataset
    filter: Filter
    issue_rows: IntArray  # issue indices shown, file order
    actor_columns: IntArray  # actor indices shown, file order
    cell_positions: IntArray  # shape (rows, columns): position index or -1
    cell_changed: BoolArray  # shape (rows, columns)
    event_rows: IntArray  # event indices shown, date order
    counts: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def row_count(self) -> int:
        return int(self.issue_rows.shape[0])

    @property
    def column_count(self) -> int:
        return int(self.actor_columns.shape[0])

    def cell(self, row: int, column: int) -> Cell:
        index = int(self.cell_positions[row, column])
        position = self.dataset.positions[index] if index >= 0 else None
        return Cell(
            int(self.issue_rows[row]),
            int(self.actor_columns[column]),
            position,
            bool(self.cell_changed[row, column]),
        )

    def events(self) -> list[Event]:
        return [self.dataset.events[i] for i in self.event_rows.tolist()]

    def status_text(self) -> str:
        """``3 of 5 issues · 2 of 2 actors · 4 of 7 events``."""
        parts = []
        for name in ("issues", "actors", "events"):
            shown, total = self.counts[name]
            parts.append(f"{shown} of {total} {name}")
        return " · ".join(parts)


class DatasetIndex:
    """Arrays precomputed from a dataset so that every filter is answered in a few ms."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        n_actors = len(dataset.actors)
        self.n_issues = len(dataset.issues)
        self.n_actors = n_actors
        positions = dataset.positions
        count = len(positions)
        ordinals = np.fromiter(
            (p.date.start if p.date is not None else _UNDATED for p in positions),
            dtype=np.int64, count=count,
        )
        cells = np.fromiter(
            (p.issue * n_actors + p.actor for p in positions), dtype=np.int64, count=count
        )
        # A stable sort by (cell, date) keeps file order among ties: the later entry wins.
        keys = (cells << _CELL_SHIFT) | ordinals
        self._order = np.argsort(keys, kind="stable")
        self._sorted_keys = keys[self._order]
        self._sorted_ordinals = ordinals[self._order]
        n_cells = self.n_issues * n_actors
        self._cell_start = np.searchsorted(
            self._sorted_keys, np.arange(n_cells, dtype=np.int64) << _CELL_SHIFT, side="left"
        )
        self._cell_base = np.arange(n_cells, dtype=np.int64) << _CELL_SHIFT

        events = dataset.events
        n_events = len(events)
        self.event_start = np.fromiter((e.start for e in events), np.int64, count=n_events)
        self.event_stop = np.fromiter((e.stop for e in events), np.int64, count=n_events)
        self.event_order = np.lexsort((np.arange(n_events), self.event_start))
        self._event_issue_pairs = _pairs(e.issues for e in events)
        self._event_actor_pairs = _pairs(e.actors for e in events)

    @cached_property
    def span(self) -> tuple[int, int] | None:
        """:meth:`Dataset.span` from the arrays, once: a timeline that shows no event fits
        to it on every filter change, and the loop over 100k positions took 0.4 s."""
        dated = self._sorted_ordinals[self._sorted_ordinals != _UNDATED]
        starts = [arr.min() for arr in (self.event_start, dated) if len(arr)]
        stops = [arr.max() for arr in (self.event_stop, dated) if len(arr)]
        as_of = self.dataset.as_of
        if as_of is not None:
            starts.append(as_of.start)
            stops.append(as_of.stop)
        if not starts:
            return None
        return int(min(starts)), int(max(stops))

    # -- text search is built on first use: most sessions never search ---------------

    @cached_property
    def _position_text(self) -> list[str]:
        return [f"{p.text}\n{p.stance}".casefold() for p in self.dataset.positions]

    @cached_property
    def _issue_text(self) -> list[str]:
        return [f"{i.title}\n{i.description}\n{i.id}".casefold() for i in self.dataset.issues]

    @cached_property
    def _event_text(self) -> list[str]:
        return [f"{e.title}\n{e.detail}".casefold() for e in self.dataset.events]

    # -- queries ---------------------------------------------------------------------

    def as_of(self, to_ordinal: int | None) -> IntArray:
        """For every cell (issue-major), the index of the position shown, or -1."""
        n_cells = self.n_issues * self.n_actors
        if n_cells == 0:
            return np.empty(0, dtype=np.int64)
        if to_ordinal is None:
            ends = np.append(self._cell_start[1:], len(self._sorted_keys))
        else:
            ends = np.searchsorted(self._sorted_keys, self._cell_base | to_ordinal, side="right")
        has = ends > self._cell_start
        last = np.where(has, ends - 1, 0)
        if len(self._order) == 0:
            return np.full(n_cells, -1, dtype=np.int64)
        return np.where(has, self._order[last], -1).astype(np.int64)

    def history(self, issue: int, actor: int) -> list[Position]:
        """Every position of one cell, oldest first (undated first, ties in file order)."""
        if not (0 <= issue < self.n_issues and 0 <= actor < self.n_actors):
            return []
        cell = issue * self.n_actors + actor
        start = int(self._cell_start[cell])
        stop = (int(self._cell_start[cell + 1]) if cell + 1 < len(self._cell_start)
                else len(self._order))
        return [self.dataset.positions[i] for i in self._order[start:stop].tolist()]

    def query(self, flt: Filter) -> QueryResult:
        issue_rows = _selection(flt.issues, self.n_issues)
        actor_columns = _selection(flt.actors, self.n_actors)
        to_ordinal = flt.to_ordinal
        shown = self.as_of(to_ordinal).reshape(self.n_issues, self.n_actors)
        cell_positions = shown[np.ix_(issue_rows, actor_columns)]
        from_ordinal = flt.from_ordinal
        if from_ordinal is not None and len(self._order):
            dates = self._ordinals_by_position[np.maximum(cell_positions, 0)]
            cell_changed = (cell_positions >= 0) & (dates >= from_ordinal) & (dates != _UNDATED)
        else:
            cell_changed = np.zeros(cell_positions.shape, dtype=bool)
        needle = flt.text.strip().casefold()
        if needle:
            keep = self._rows_matching(needle, issue_rows, cell_positions)
            issue_rows, cell_positions, cell_changed = (
                issue_rows[keep], cell_positions[keep], cell_changed[keep]
            )
        event_rows = self._events(flt, needle)
        counts = {
            "issues": (len(issue_rows), self.n_issues),
            "actors": (len(actor_columns), self.n_actors),
            "events": (len(event_rows), len(self.dataset.events)),
        }
        return QueryResult(
            self.dataset, flt, issue_rows, actor_columns, cell_positions, cell_changed,
            event_rows, counts,
        )

    @cached_property
    def _ordinals_by_position(self) -> IntArray:
        out = np.empty(len(self._order), dtype=np.int64)
        out[self._order] = self._sorted_ordinals
        return out

    def _rows_matching(
        self, needle: str, issue_rows: IntArray, cell_positions: IntArray
    ) -> BoolArray:
        issue_text = self._issue_text
        position_text = self._position_text
        keep = np.zeros(len(issue_rows), dtype=bool)
        for row, issue in enumerate(issue_rows.tolist()):
            if needle in issue_text[issue]:
                keep[row] = True
                continue
            for index in cell_positions[row].tolist():
                if index >= 0 and needle in position_text[index]:
                    keep[row] = True
                    break
        return keep

    def _events(self, flt: Filter, needle: str) -> IntArray:
        n_events = len(self.dataset.events)
        if n_events == 0:
            return np.empty(0, dtype=np.int64)
        mask = np.ones(n_events, dtype=bool)
        if flt.from_ordinal is not None:
            mask &= self.event_stop >= flt.from_ordinal
        if flt.to_ordinal is not None:
            mask &= self.event_start <= flt.to_ordinal
        if flt.issues is not None and len(flt.issues) < self.n_issues:
            mask &= _tagged_with(self._event_issue_pairs, flt.issues, self.n_issues, n_events)
        if flt.actors is not None and len(flt.actors) < self.n_actors:
            mask &= _tagged_with(self._event_actor_pairs, flt.actors, self.n_actors, n_events)
        if needle:
            texts = self._event_text
            candidates = np.flatnonzero(mask).tolist()
            mask[:] = False
            for index in candidates:
                if needle in texts[index]:
                    mask[index] = True
        order = self.event_order
        return order[mask[order]].astype(np.int64)


def _selection(selected: frozenset[int] | None, total: int) -> IntArray:
    if selected is None:
        return np.arange(total, dtype=np.int64)
    return np.array(sorted(i for i in selected if 0 <= i < total), dtype=np.int64)


def _pairs(tag_lists: Iterable[tuple[int, ...]]) -> tuple[IntArray, IntArray]:
    """(event index, tag index) pairs for every tag of every event."""
    owners: list[int] = []
    tags: list[int] = []
    for owner, tagged in enumerate(tag_lists):
        for tag in tagged:
            owners.append(owner)
            tags.append(tag)
    return np.array(owners, dtype=np.int64), np.array(tags, dtype=np.int64)


def _tagged_with(
    pairs: tuple[IntArray, IntArray], selected: frozenset[int], n_tags: int, n_events: int
) -> BoolArray:
    """Events with at least one tag among ``selected``; untagged events are not."""
    owners, tags = pairs
    wanted = np.zeros(n_tags, dtype=bool)
    if selected:
        wanted[[i for i in selected if 0 <= i < n_tags]] = True
    hits = np.zeros(n_events, dtype=bool)
    if len(owners):
        hits[owners[wanted[tags]]] = True
    return hits


def carry_filter(flt: Filter, old: Dataset, new: Dataset) -> Filter:
    """The same filter on a reloaded file, matching issues and actors by id, not position."""

    def remap(selected: frozenset[int] | None, table: str) -> frozenset[int] | None:
        if selected is None:
            return None
        ids = [getattr(old, table)[i].id for i in selected if i < len(getattr(old, table))]
        found = (new.index_of(table, id_) for id_ in ids)
        return frozenset(i for i in found if i is not None)

    return flt.with_changes(issues=remap(flt.issues, "issues"),
                            actors=remap(flt.actors, "actors"))
