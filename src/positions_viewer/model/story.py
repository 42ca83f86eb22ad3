"""The presenter's steps (DESIGN §4): the saved views in order, or else the events by date.

An event step shows the grid as of the end of that event, with the positions stated during
the event marked as changed, and the timeline up to that event with the event highlighted.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from .query import DatasetIndex, Filter, QueryResult
from .types import Dataset

__all__ = ["Step", "story_steps", "view_filter_of", "view_snippet"]


@dataclass(frozen=True, slots=True)
class Step:
    title: str
    grid_filter: Filter
    timeline_filter: Filter
    notes: str = ""
    view: int | None = None  # index of the saved view
    event: int | None = None  # index of the highlighted event

    def results(self, index: DatasetIndex) -> tuple[QueryResult, QueryResult]:
        grid = index.query(self.grid_filter)
        timeline = grid if self.timeline_filter == self.grid_filter else index.query(
            self.timeline_filter)
        return grid, timeline

    def changed_cells(self, result: QueryResult) -> frozenset[tuple[int, int]]:
        """(issue, actor) of the cells whose position changed at this step: stated in the
        event's dates, and not tied to another event (an answer dated within a longer event
        belongs to the event it answers with, not to the one still running)."""
        if self.event is None:
            return frozenset()
        rows, columns = result.cell_changed.nonzero()
        changed = set()
        for r, c in zip(rows.tolist(), columns.tolist(), strict=True):
            position = result.cell(r, c).position
            if position is not None and position.event not in (None, self.event):
                continue
            changed.add((int(result.issue_rows[r]), int(result.actor_columns[c])))
        return frozenset(changed)


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
            steps.append(Step(view.title, flt, flt, view.notes, view=number))
        return steps
    base = Filter(issues=base.issues, actors=base.actors) if base else Filter()
    shown = index.query(base).event_rows.tolist()
    steps = []
    for event_index in shown:
        event = dataset.events[event_index]
        end = event.end or event.date
        grid = base.with_changes(date_from=event.date, date_to=end)
        timeline = base.with_changes(date_to=end)
        title = f"{event.date_label()}: {event.title}"
        steps.append(Step(title, grid, timeline, event.detail, event=event_index))
    return steps


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
    return dataset.views[number].title if number is not None else None


def view_snippet(dataset: Dataset, flt: Filter) -> str:
    """TOML for a ``[[views]]`` entry with these filters, with an id not yet taken."""
    taken = {view.id for view in dataset.views}
    number = len(taken) + 1
    while f"view-{number}" in taken:
        number += 1
    lines = ["[[views]]", f'id = "view-{number}"', f"title = {_toml_string('New view')}"]
    if flt.issues is not None:
        ids = ", ".join(_toml_string(dataset.issues[i].id) for i in sorted(flt.issues))
        lines.append(f"issues = [{ids}]")
    if flt.actors is not None:
        ids = ", ".join(_toml_string(dataset.actors[i].id) for i in sorted(flt.actors))
        lines.append(f"actors = [{ids}]")
    for key, value in (("from", flt.date_from), ("to", flt.date_to)):
        if value is not None:
            text = _toml_string(value.iso()) if value.is_approximate else value.iso()
            lines.append(f"{key} = {text}")
    if flt.text.strip():
        lines.append(f"# search text is not part of a saved view: {_toml_string(flt.text)}")
    return "\n".join(lines) + "\n"


def _toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)
