"""Filters and the as-of query (DESIGN §1, "As-of semantics" and "Issue and actor filters").

:class:`DatasetIndex` is built once per loaded dataset; :meth:`DatasetIndex.query` then answers
any :class:`Filter` without a Python loop over positions or events: per-cell histories are
kept sorted in one array, and the as-of lookup for every cell is a single ``searchsorted``.

With a ``from`` date, each shown cell carries its :class:`~.compare.Kind` against the position
in force the day before ``from`` (DESIGN §1); every shown cell carries its staleness and age
(:func:`~.compare.staleness`). A search matches a cell when any statement of its history up to
``to`` matches (:mod:`.search`), and says whether it was the shown one (:class:`~.search.Hit`).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from itertools import chain
from operator import attrgetter

import numpy as np
import numpy.typing as npt

from .compare import CHANGED, EMPTY, KINDS, NEW, Kind, kind_codes, staleness
from .filters import Filter, carry_filter
from .search import Hit, SearchIndex, fold_query
from .statements import StatementCodes
from .types import Dataset, Event, Position

__all__ = ["Cell", "DatasetIndex", "Filter", "Hit", "Kind", "QueryResult", "carry_filter"]

IntArray = npt.NDArray[np.int64]
Int8Array = npt.NDArray[np.int8]
BoolArray = npt.NDArray[np.bool_]

_UNDATED = 0  # ordinals start at 1, so undated positions sort before every dated one
_CELL_SHIFT = 23  # ordinals stay below 2**22 (year 9999 is 3.65M days)
_DATE, _ISSUE, _ACTOR = attrgetter("date"), attrgetter("issue"), attrgetter("actor")


@dataclass(frozen=True, slots=True)
class Cell:
    """One grid cell: the position shown as of the filter's ``to`` date, if any.

    ``kind`` compares it with ``before``, the position in force the day before ``from``
    (:attr:`Kind.EMPTY` when the filter has no ``from``); ``changed`` is true for the kinds
    marked loudly (new and changed; a restatement is marked quietly, from ``kind``).
    ``stale`` and ``age_days`` say how old the shown statement is on the as-of date
    (:attr:`QueryResult.as_of_ordinal`); ``search`` whether it matched the search text.
    """

    issue: int
    actor: int
    position: Position | None
    changed: bool
    kind: Kind = Kind.EMPTY
    before: Position | None = None
    stale: bool = False
    age_days: int | None = None
    search: Hit = Hit.NONE


@dataclass(slots=True)
class QueryResult:
    """What one filter selects: grid rows and columns, the cells, and timeline events.

    Cell arrays have shape (rows, columns). ``cell_kinds`` holds :data:`~.compare.KINDS`
    codes; ``cell_age`` days (-1: no position or undated); ``cell_search`` :class:`Hit`
    values. ``matched_positions`` (sorted position indices) are the statements of the shown
    cells, dated up to ``to``, that match the search text; ``issue_matched`` the rows whose
    issue itself matches. ``as_of_ordinal`` is the day staleness and ages are counted to:
    ``to``, else the file's ``as_of``, else the last date in the file (None: no dates).
    """

    dataset: Dataset
    filter: Filter
    issue_rows: IntArray  # issue indices shown, file order
    actor_columns: IntArray  # actor indices shown, file order
    cell_positions: IntArray  # position index or -1
    cell_changed: BoolArray  # kind is new or changed
    event_rows: IntArray  # event indices shown, date order
    counts: dict[str, tuple[int, int]] = field(default_factory=dict)
    cell_kinds: Int8Array = field(default_factory=lambda: np.zeros((0, 0), dtype=np.int8))
    cell_before: IntArray = field(default_factory=lambda: np.zeros((0, 0), dtype=np.int64))
    cell_stale: BoolArray = field(default_factory=lambda: np.zeros((0, 0), dtype=bool))
    cell_age: IntArray = field(default_factory=lambda: np.zeros((0, 0), dtype=np.int64))
    cell_search: Int8Array = field(default_factory=lambda: np.zeros((0, 0), dtype=np.int8))
    matched_positions: IntArray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    issue_matched: BoolArray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    as_of_ordinal: int | None = None

    @property
    def row_count(self) -> int:
        return int(self.issue_rows.shape[0])

    @property
    def column_count(self) -> int:
        return int(self.actor_columns.shape[0])

    def cell(self, row: int, column: int) -> Cell:
        positions = self.dataset.positions
        index = int(self.cell_positions[row, column])
        before = int(self.cell_before[row, column])
        age = int(self.cell_age[row, column])
        return Cell(
            int(self.issue_rows[row]),
            int(self.actor_columns[column]),
            positions[index] if index >= 0 else None,
            bool(self.cell_changed[row, column]),
            KINDS[int(self.cell_kinds[row, column])],
            positions[before] if before >= 0 else None,
            bool(self.cell_stale[row, column]),
            age if age >= 0 else None,
            Hit(int(self.cell_search[row, column])),
        )

    def statement_matches(self, position: int) -> bool:
        """Whether statement ``position`` (an index) matched the search, in a shown cell."""
        found = self.matched_positions
        at = int(np.searchsorted(found, position))
        return at < len(found) and int(found[at]) == position

    def kind_counts(self) -> dict[Kind, int]:
        """How many shown cells of each kind (every kind present, zeros included)."""
        found = np.bincount(self.cell_kinds.ravel(), minlength=len(KINDS))
        return {kind: int(found[code]) for code, kind in enumerate(KINDS)}

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
        self._lock = threading.Lock()
        self._codes: StatementCodes | None = None
        self._search: SearchIndex | None = None
        n_actors = len(dataset.actors)
        self.n_issues = len(dataset.issues)
        self.n_actors = n_actors
        positions = dataset.positions
        count = len(positions)
        # A date works out its days once (the loader shares one object per written date);
        # attrgetter runs in C (issue 18: this was 0.2 s of the first paint at 900k).
        ordinals = np.fromiter(
            (date.start if date is not None else _UNDATED for date in map(_DATE, positions)),
            dtype=np.int64, count=count,
        )
        self._issues = np.fromiter(map(_ISSUE, positions), dtype=np.int64, count=count)
        self._actors = np.fromiter(map(_ACTOR, positions), dtype=np.int64, count=count)
        self._ordinals = ordinals
        cells = self._issues * n_actors + self._actors
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
        self.event_start = np.fromiter((e.date.start for e in events), np.int64, count=n_events)
        self.event_stop = np.fromiter(((e.end or e.date).stop for e in events), np.int64,
                                      count=n_events)
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

    # -- built on first use: compare codes and folded search text --------------------

    @property
    def statement_codes(self) -> StatementCodes:
        """Normalised stance and text codes per position (:mod:`.statements`), built once."""
        codes = self._codes
        if codes is None:
            with self._lock:
                codes = self._codes
                if codes is None:
                    codes = self._codes = StatementCodes(self.dataset.positions)
        return codes

    @property
    def search_index(self) -> SearchIndex:
        """The dataset's folded texts (:class:`~.search.SearchIndex`), made once."""
        search = self._search
        if search is None:
            codes = self.statement_codes
            with self._lock:
                search = self._search
                if search is None:
                    search = self._search = SearchIndex(self.dataset, codes)
        return search

    def prepare_search(self) -> None:
        """Fold every text for search (and code stances and texts for the compare kinds) now,
        so that the first search is fast. Safe to call from a worker thread (after the
        window's first paint); it works in chunks of a few milliseconds, so the GUI thread
        keeps running. 0.4-1 s at 100k positions (see docs/benchmarks.md)."""
        self.search_index.build()

    @property
    def search_ready(self) -> bool:
        """Whether :meth:`prepare_search` has finished: a search asked before then waits for
        the fold (about 1 s per 100k positions on a busy machine)."""
        return self._search is not None and self._search.built

    @property
    def ordinals_by_position(self) -> IntArray:
        """Per position (file order), the ordinal of its first day; 0 when undated."""
        return self._ordinals

    def as_of_reference(self, flt: Filter) -> int | None:
        """The day staleness and ages are counted to: ``to`` (its last day), else the file's
        ``as_of``, else the last day the file covers; None when the file has no dates."""
        if flt.to_ordinal is not None:
            return flt.to_ordinal
        if self.dataset.as_of is not None:
            return self.dataset.as_of.stop
        return self.span[1] if self.span is not None else None

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
        grid = np.ix_(issue_rows, actor_columns)
        to_ordinal = flt.to_ordinal
        cell_positions = self.as_of(to_ordinal).reshape(self.n_issues, self.n_actors)[grid]
        from_ordinal = flt.from_ordinal
        if from_ordinal is not None:
            # Compared with the position in force the day before `from` (DESIGN §1).
            before = self.as_of(from_ordinal - 1).reshape(self.n_issues, self.n_actors)[grid]
            kinds = kind_codes(self.statement_codes, before, cell_positions)
        else:
            before = np.full(cell_positions.shape, -1, dtype=np.int64)
            kinds = np.full(cell_positions.shape, EMPTY, dtype=np.int8)
        reference = self.as_of_reference(flt)
        stale, age = staleness(self._ordinals, cell_positions, reference,
                               self.dataset.stale_after)
        needle = fold_query(flt.text)
        hits = self.search_index.find(needle) if needle else None
        cell_search = np.zeros(cell_positions.shape, dtype=np.int8)
        matched = np.zeros(0, dtype=np.int64)
        issue_matched = np.zeros(len(issue_rows), dtype=bool)
        if hits is not None:
            cell_search, matched = self._cell_hits(hits.positions, to_ordinal, issue_rows,
                                                   actor_columns, cell_positions)
            issue_matched = hits.issues[issue_rows]
            keep = issue_matched | (cell_search != Hit.NONE.value).any(axis=1)
            issue_rows, issue_matched = issue_rows[keep], issue_matched[keep]
            cell_positions, before, kinds = cell_positions[keep], before[keep], kinds[keep]
            stale, age, cell_search = stale[keep], age[keep], cell_search[keep]
        event_rows = self._events(flt, hits.events if hits is not None else None)
        counts = {
            "issues": (len(issue_rows), self.n_issues),
            "actors": (len(actor_columns), self.n_actors),
            "events": (len(event_rows), len(self.dataset.events)),
        }
        return QueryResult(
            self.dataset, flt, issue_rows, actor_columns, cell_positions,
            (kinds == NEW) | (kinds == CHANGED), event_rows, counts,
            kinds, before, stale, age, cell_search, matched, issue_matched, reference,
        )

    def _cell_hits(
        self, position_hits: BoolArray, to_ordinal: int | None, issue_rows: IntArray,
        actor_columns: IntArray, cell_positions: IntArray,
    ) -> tuple[Int8Array, IntArray]:
        """Per shown cell, its :class:`Hit`; and the matching statements of the shown cells
        dated up to ``to`` (sorted position indices)."""
        candidates = position_hits
        if to_ordinal is not None:
            candidates = candidates & (self._ordinals <= to_ordinal)
        found = np.flatnonzero(candidates)
        rows = np.full(self.n_issues, -1, dtype=np.int64)
        rows[issue_rows] = np.arange(len(issue_rows))
        columns = np.full(self.n_actors, -1, dtype=np.int64)
        columns[actor_columns] = np.arange(len(actor_columns))
        row, column = rows[self._issues[found]], columns[self._actors[found]]
        inside = (row >= 0) & (column >= 0)
        found, row, column = found[inside], row[inside], column[inside]
        out = np.zeros(cell_positions.shape, dtype=np.int8)
        out[row, column] = Hit.HISTORY.value
        if len(position_hits):
            shown = (cell_positions >= 0) & position_hits[np.maximum(cell_positions, 0)]
            out[shown] = Hit.SHOWN.value
        return out, found

    def _events(self, flt: Filter, hits: BoolArray | None) -> IntArray:
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
        if hits is not None:
            mask &= hits
        order = self.event_order
        return order[mask[order]].astype(np.int64)

def _selection(selected: frozenset[int] | None, total: int) -> IntArray:
    if selected is None:
        return np.arange(total, dtype=np.int64)
    return np.array(sorted(i for i in selected if 0 <= i < total), dtype=np.int64)


def _pairs(tag_lists: Iterable[tuple[int, ...]]) -> tuple[IntArray, IntArray]:
    """(event index, tag index) pairs for every tag of every event."""
    lists = list(tag_lists)
    sizes = np.fromiter(map(len, lists), dtype=np.int64, count=len(lists))
    owners = np.repeat(np.arange(len(lists), dtype=np.int64), sizes)
    tags = np.fromiter(chain.from_iterable(lists), dtype=np.int64, count=int(sizes.sum()))
    return owners, tags


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
