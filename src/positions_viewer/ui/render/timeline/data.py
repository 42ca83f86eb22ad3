"""What the timeline shows: the events of one query result as sorted arrays, free of Qt.

Built once per filter change (``TimelineData.from_result``); every frame then culls these
arrays by binary search. Label widths are measured by the caller's font (the frame passes
its style's measure) and remembered here, per font, until the next filter change.
"""

from __future__ import annotations

import math
import weakref
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from positions_viewer.export.captions import no_events_text
from positions_viewer.model import DatasetIndex, Event, PartialDate, QueryResult
from positions_viewer.model.types import Dataset

from .scale import FloatArray, IntArray
from .stacking import readable_length

__all__ = ["NO_ACTOR", "LabelMetrics", "TimelineData", "softness"]

_EMPTY = np.zeros(0, dtype=np.int64)
NO_ACTOR = -1  # the band of events tagged with no actor


@dataclass(eq=False)
class TimelineData:
    """The shown events as sorted arrays, built once per filter change."""

    dataset: Dataset | None
    rows: IntArray  # event indices, date order
    starts: IntArray  # first day of each shown event (sorted)
    stops: IntArray  # last day, inclusive
    sorted_stops: IntArray
    max_duration: int
    actor_colors: tuple[str, ...]
    actor_columns: tuple[int, ...]  # shown actors, for lanes per actor
    date_from: PartialDate | None = None
    date_to: PartialDate | None = None
    as_of: PartialDate | None = None  # the filter's `to`, else the file's as-of date
    index: DatasetIndex | None = None
    empty_text: str = "No events"  # what the plot says when the filters show none
    _bands: dict[int, tuple[IntArray, IntArray]] = field(default_factory=dict, repr=False)
    _shown: npt.NDArray[np.bool_] | None = field(default=None, repr=False)
    _labels: dict[Hashable, LabelMetrics] = field(default_factory=dict, repr=False)

    @classmethod
    def from_result(
        cls, result: QueryResult, index: DatasetIndex, actor_colors: list[str]
    ) -> TimelineData:
        rows = result.event_rows.astype(np.int64)
        starts = index.event_start[rows]
        stops = index.event_stop[rows]
        flt = result.filter
        return cls(
            dataset=result.dataset,
            rows=rows,
            starts=starts,
            stops=stops,
            sorted_stops=np.sort(stops),
            max_duration=int((stops - starts).max()) if len(rows) else 0,
            actor_colors=tuple(actor_colors),
            actor_columns=tuple(int(a) for a in result.actor_columns.tolist()),
            date_from=flt.date_from,
            date_to=flt.date_to,
            as_of=flt.date_to or result.dataset.as_of,
            index=index,
            empty_text=no_events_text(result),
        )

    @classmethod
    def empty(cls) -> TimelineData:
        return cls(None, _EMPTY, _EMPTY, _EMPTY, _EMPTY, 0, (), ())

    @property
    def count(self) -> int:
        return len(self.rows)

    def event(self, row: int) -> Event:
        assert self.dataset is not None
        return self.dataset.events[row]

    def event_list(self) -> tuple[Event, ...]:
        """Every event of the dataset, by index (the rows index into it)."""
        return self.dataset.events if self.dataset is not None else ()

    def span(self) -> tuple[float, float] | None:
        """Days ``[first, last)`` worth showing: the events, the as-of line, the filter."""
        lows: list[float] = []
        highs: list[float] = []
        if self.count:
            lows.append(float(self.starts[0]))
            highs.append(float(self.sorted_stops[-1] + 1))
        elif self.date_from is not None:
            lows.append(float(self.date_from.start))
        if self.as_of is not None:
            lows.append(float(self.as_of.start))
            highs.append(float(self.as_of.stop + 1))
        if not self.count:
            whole = self.index.span if self.index is not None else (
                self.dataset.span() if self.dataset is not None else None)
            if whole is not None:
                lows.append(float(whole[0]))
                highs.append(float(whole[1] + 1))
        if not lows or not highs:
            return None
        return min(lows), max(highs)

    def shown(self, events: IntArray) -> npt.NDArray[np.bool_]:
        """Which of ``events`` (dataset indices) this filter shows."""
        if self._shown is None:
            total = len(self.dataset.events) if self.dataset is not None else 0
            self._shown = np.zeros(total, dtype=bool)
            self._shown[self.rows] = True
        inside = (events >= 0) & (events < len(self._shown))
        out = np.zeros(len(events), dtype=bool)
        out[inside] = self._shown[events[inside]]
        return out

    def band_positions(self, actor: int) -> tuple[IntArray, IntArray]:
        """Positions (into the shown arrays) of the events tagged with ``actor``, and their
        stops sorted; ``NO_ACTOR`` gives the untagged events. Cached per filter change."""
        cached = self._bands.get(actor)
        if cached is not None:
            return cached
        owners, tags = _actor_pairs(self.index) if self.index is not None else (_EMPTY, _EMPTY)
        where = np.full(len(self.index.event_start) if self.index else 0, -1, dtype=np.int64)
        where[self.rows] = np.arange(self.count, dtype=np.int64)
        if actor == NO_ACTOR:
            tagged = np.zeros(self.count, dtype=bool)
            hit = where[owners]
            tagged[hit[hit >= 0]] = True
            positions = np.flatnonzero(~tagged).astype(np.int64)
        else:
            hit = where[owners[tags == actor]]
            positions = np.unique(hit[hit >= 0])
        result = (positions, np.sort(self.stops[positions]))
        self._bands[actor] = result
        return result

    def label_metrics(
        self, positions: IntArray, font: Hashable, width: Callable[[str], float]
    ) -> LabelMetrics:
        """Fade-in and fade-out fractions (0 when exact) and label widths, measured by
        ``width`` (the label font called ``font``), of the shown events at ``positions``
        (arrays aligned with ``positions``). Worked out in Python the first time an event
        is stacked, then read from arrays: a frame pays only for events it has not seen
        since the last filter change."""
        metrics = self._labels.get(font)
        if metrics is None:
            metrics = self._labels[font] = LabelMetrics.empty(self.count)
        new = positions[~metrics.known[positions]]
        if len(new):
            assert self.dataset is not None
            events = self.dataset.events
            separator = width(" · ")
            fades_in, fades_out, fulls, titles, cuts = [], [], [], [], []
            for row in self.rows[new].tolist():
                event = events[row]
                soft = softness(event)
                prefix = event.date_label() if soft != (0.0, 0.0) else ""
                fades_in.append(soft[0])
                fades_out.append(soft[1])
                title = width(event.label)
                titles.append(title)
                fulls.append(title + (width(prefix) + separator if prefix else 0.0))
                keep = readable_length(len(event.label))
                cuts.append(width(event.label[:keep] + "…") if keep < len(event.label)
                            else math.inf)
            metrics.fade_in[new] = fades_in
            metrics.fade_out[new] = fades_out
            metrics.width[new] = fulls
            metrics.title_width[new] = titles
            metrics.min_cut[new] = cuts
            metrics.known[new] = True
        return LabelMetrics(
            metrics.known[positions], metrics.fade_in[positions], metrics.fade_out[positions],
            metrics.width[positions], metrics.title_width[positions], metrics.min_cut[positions],
        )


@dataclass(slots=True)
class LabelMetrics:
    """What stacking needs of each shown event, per font; see ``label_metrics``."""

    known: npt.NDArray[np.bool_]
    fade_in: FloatArray
    fade_out: FloatArray
    width: FloatArray  # the title, and an approximate date's prefix and separator before it
    title_width: FloatArray  # the title alone
    min_cut: FloatArray  # the shortest readable cut of the title; inf: whole or nothing

    @classmethod
    def empty(cls, count: int) -> LabelMetrics:
        return cls(np.zeros(count, dtype=bool), np.zeros(count), np.zeros(count),
                   np.zeros(count), np.zeros(count), np.zeros(count))


def softness(event: Event) -> tuple[float, float]:
    """How much of the bar fades in and out: a third of each approximate end's period, as
    fractions of the bar; ``(0, 0)`` for exact dates (DESIGN §1: approximate dates are drawn
    with soft edges)."""
    start_soft = event.date.is_approximate
    end = event.end or event.date
    end_soft = end.is_approximate
    if not (start_soft or end_soft):
        return (0.0, 0.0)
    total = event.stop - event.start + 1
    fade_in = 0.34 * (event.date.stop - event.date.start + 1) / total if start_soft else 0.0
    fade_out = 0.34 * (end.stop - end.start + 1) / total if end_soft else 0.0
    return (max(min(fade_in, 0.45), 0.001), max(min(fade_out, 0.45), 0.001))


# Weak: the pairs live as long as the loaded dataset's index, and go with it.
_PAIRS: weakref.WeakKeyDictionary[DatasetIndex, tuple[IntArray, IntArray]] = (
    weakref.WeakKeyDictionary()
)


def _actor_pairs(index: DatasetIndex) -> tuple[IntArray, IntArray]:
    """(event, actor) for every actor of every event; one pass per loaded dataset."""
    cached = _PAIRS.get(index)
    if cached is None:
        owners = [i for i, e in enumerate(index.dataset.events) for _ in e.actors]
        tags = [a for e in index.dataset.events for a in e.actors]
        cached = (np.array(owners, dtype=np.int64), np.array(tags, dtype=np.int64))
        _PAIRS[index] = cached
    return cached
