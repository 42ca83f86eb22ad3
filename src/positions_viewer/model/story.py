"""The presenter's steps (DESIGN §4): the saved views in order, or else the events by date.

An event step shows the grid of its event's issues as of its event's date (an approximate or
ranged event as of the end of its period), and the timeline up to it with the event
highlighted. Steps are ordered
by that date, so a walk through the events never goes back in time; the cells marked changed
at a step are exactly those whose shown position differs from the step before (the first step
is compared with the day before its event begins).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .dates import PartialDate
from .filters import Filter
from .types import Dataset

if TYPE_CHECKING:
    from .query import DatasetIndex, QueryResult

__all__ = ["Step", "story_steps", "view_filter_of"]


@dataclass(frozen=True, slots=True)
class Step:
    title: str
    grid_filter: Filter
    timeline_filter: Filter
    notes: str = ""
    view: int | None = None  # index of the saved view
    event: int | None = None  # index of the highlighted event

    @property
    def as_of(self) -> int | None:
        """The ordinal day this step shows the grid as of (``None``: the latest)."""
        return self.grid_filter.to_ordinal

    def results(self, index: DatasetIndex) -> tuple[QueryResult, QueryResult]:
        grid = index.query(self.grid_filter)
        timeline = grid if self.timeline_filter == self.grid_filter else index.query(
            self.timeline_filter)
        return grid, timeline

    def changed_cells(self, result: QueryResult) -> frozenset[tuple[int, int]]:
        """(issue, actor) of the shown cells marked changed at this step: those whose
        position changed since the grid filter's ``from`` — for an event step, the day after
        the step before, so exactly the cells that differ from the previous step."""
        rows, columns = result.cell_changed.nonzero()
        return frozenset(
            (int(result.issue_rows[r]), int(result.actor_columns[c]))
            for r, c in zip(rows.tolist(), columns.tolist(), strict=True)
        )


def view_filter_of(dataset: Dataset, number: int) -> Filter:
    view = dataset.views[number]
    return Filter(
        issues=frozenset(view.issues) if view.issues is not None else None,
        actors=frozenset(view.actors) if view.actors is not None else None,
        date_from=view.date_from,
        date_to=view.date_to,
    )


def story_steps(dataset: Dataset, index: DatasetIndex, base: Filter | None = None) -> list[Step]:
    """Saved views when the file has them; otherwise one step per event in date order.

    ``base`` (the window's issue and actor filter) narrows event steps, so a presenter who
    filtered the window presents what they filtered; saved views carry their own filters.
    """
    if dataset.views:
        steps = []
        for number, view in enumerate(dataset.views):
            flt = view_filter_of(dataset, number)
            steps.append(Step(view.label, flt, flt, view.notes, view=number))
        return steps
    base = Filter(issues=base.issues, actors=base.actors) if base else Filter()
    shown = index.query(base).event_rows.tolist()
    events = dataset.events
    # Placed by the last day they cover ("2023" as of 31 Dec 2023); ties keep date order.
    placed = sorted(shown, key=lambda i: (events[i].stop, events[i].start))
    days = _step_days([(events[i].start, events[i].stop) for i in placed])
    steps = []
    since = events[placed[0]].start - 1 if placed else 0
    for event_index, day in zip(placed, days, strict=True):
        event = events[event_index]
        timeline = base.with_changes(date_to=_day(day))
        # Changed since the step before: from the day after it (nothing when on the same day).
        # The grid shows the event's issues (a room reads the rows the event is about, not
        # eleven rows of "No stated position"); an event tagged with none shows them all.
        grid = timeline.with_changes(date_from=_day(since + 1) if since < day else None,
                                     issues=_event_issues(base.issues, event.issues))
        title = f"{event.date_label()}: {event.label}"
        steps.append(Step(title, grid, timeline, event.detail, event=event_index))
        since = day
    return steps


def _event_issues(shown: frozenset[int] | None,
                  tagged: tuple[int, ...]) -> frozenset[int] | None:
    """The issues an event step's grid shows: those the event is tagged with (within the
    window's issue filter), or the filter's when the event has none or none of them."""
    if not tagged:
        return shown
    mine = frozenset(tagged) if shown is None else frozenset(tagged) & shown
    return mine or shown


def _day(ordinal: int) -> PartialDate:
    return PartialDate.from_date(dt.date.fromordinal(max(1, ordinal)))


def _step_days(spans: list[tuple[int, int]]) -> list[int]:
    """The day each event step is shown as of: the last day its event covers, or the day
    before the next step's event begins when they overlap (Macron's 18–20 Dec step must not
    already show the Kremlin's 20 Dec answer), never before its own start nor before the
    step before (the walk never goes back in time)."""
    days: list[int] = []
    for number, (start, stop) in enumerate(spans):
        day = stop
        if number + 1 < len(spans):
            day = max(start, min(stop, spans[number + 1][0] - 1))
        days.append(max(day, days[-1]) if days else day)
    return days


def matching_view(dataset: Dataset, flt: Filter) -> int | None:
    """The saved view whose filters are exactly ``flt``, if any."""
    for number in range(len(dataset.views)):
        if view_filter_of(dataset, number) == flt:
            return number
    return None


def view_title(dataset: Dataset, flt: Filter, saved_view: int | None = None) -> str | None:
    """The title a page of ``flt`` is headed with: ``saved_view``'s when it is the saved view
    being shown (two views may share filters), else that of the first view with exactly
    these filters, else none."""
    number = saved_view if saved_view is not None else matching_view(dataset, flt)
    return dataset.views[number].label if number is not None else None
