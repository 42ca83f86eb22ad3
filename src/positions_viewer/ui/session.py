"""The document session: the one owner of the open document's state (DESIGN §6).

It holds the path, the dataset and its index, the current filter, the selection (a cell or
an event), the query result, the actor colours and the load problems, and says what changed
through psygnal signals (as ndv's models do). Widgets render from it and send it intents
(``set_filter``, ``select_cell``, ``select_event``…); none keeps a copy of its state.

Qt-free on purpose (an import-linter contract says so): every rule about the document —
carrying the filter and the selection across a reload by id, which saved view the filters
are, which presenter step the window is at — is tested without a display.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from psygnal import Signal

from ..model import Dataset, DatasetIndex, Diagnostic, Event, Filter, LoadResult, QueryResult
from ..model.query import carry_filter
from ..model.story import Step, matching_view, view_filter_of
from .document.texts import failure_text, missing_text, same_file_path
from .edit.history import EditHistory
from .theme import actor_colors

__all__ = ["DocumentSession", "Problem", "Selection"]


@dataclass(frozen=True, slots=True)
class Selection:
    """What the user selected: a cell ``(issue, actor)`` (actor ``-1``: the issue row), or an
    event, or neither. Indices are file indices into the dataset's tables."""

    cell: tuple[int, int] | None = None
    event: int | None = None


@dataclass(frozen=True, slots=True)
class Problem:
    """Why the banner shows: a load that failed (``error``), warnings, or a file gone.

    ``message`` is one line naming file:line and what is wrong; ``diagnostics`` all of them.
    """

    kind: str  # "error", "warning" or "missing"
    message: str
    diagnostics: tuple[Diagnostic, ...] = field(default=())


class DocumentSession:
    """The open document. Signals, in the order a change emits them:

    - ``opened(bool)``: a dataset was shown (``False``: a newly opened file) or replaced by a
      reload of the same file (``True``);
    - ``filter_changed(Filter)`` then ``result_changed(QueryResult)``;
    - ``selection_changed(Selection)``;
    - ``problem_changed(Problem | None)``;
    - ``compare_changed(bool)``: compare mode turned on or off.
    """

    opened = Signal(bool)
    filter_changed = Signal(object)
    result_changed = Signal(object)
    selection_changed = Signal(object)
    problem_changed = Signal(object)
    compare_changed = Signal(bool)

    def __init__(self) -> None:
        self.path: Path | None = None
        self.dataset: Dataset | None = None
        self.index: DatasetIndex | None = None
        self.filter = Filter()
        self.result: QueryResult | None = None
        self.selection = Selection()
        self.colors: tuple[str, ...] = ()
        self.problem: Problem | None = None
        self.failed_path: Path | None = None  # a file that could not be shown at all
        self.failed_cancelled = False  # … because its loading was cancelled
        # Compare mode (DESIGN §1 Compare, issue 14): each cell shows its statement at B (the
        # as-of date) with the one in force at A (the day before From) beneath it.
        self.compare_mode = False
        self.digest: str | None = None  # SHA-256 of the bytes the dataset was loaded from
        self.warnings: tuple[Diagnostic, ...] = ()  # the shown dataset's (the banner's may close)
        self.edits = EditHistory(self)  # the undo stack, saving, conflicts (DESIGN §7)

    # -- loading ------------------------------------------------------------------------

    def is_open(self, path: Path) -> bool:
        """Whether ``path`` is the file shown now (however it is named; a symlink loop is
        compared as written, never raised)."""
        return self.path is not None and same_file_path(path, self.path)

    def show_loaded(self, path: Path, result: LoadResult, index: DatasetIndex | None,
                    flt: Filter | None = None, *, cancelled: bool = False,
                    missing: bool = False) -> bool:
        """Take a finished load of ``path``. A failed load keeps the last good data and sets
        the problem (``cancelled``: the user stopped it; ``missing``: the file was gone); a
        good one replaces the dataset, carrying the filter and the selection (by id) across a
        reload of the same file. ``flt`` overrides the carried filter. Returns whether the
        dataset was replaced."""
        same_file = self.is_open(path)
        if result.dataset is None or index is None:
            self._failed(path, result, cancelled, missing)
            return False
        old = self.dataset if same_file else None
        keep = flt
        if keep is None and old is not None:
            keep = carry_filter(self.filter, old, result.dataset)
        selection = self._carried_selection(old, result.dataset) if old else Selection()
        self.path, self.dataset, self.index = path, result.dataset, index
        self.failed_path, self.digest = None, result.digest
        self.warnings = tuple(result.warnings)
        self.colors = tuple(actor_colors([a.color for a in result.dataset.actors]))
        self.filter = _clamped(keep or Filter(), result.dataset)
        self.result = index.query(self.filter)
        self.selection = self._still_shown(selection)
        self.opened.emit(old is not None)
        self.filter_changed.emit(self.filter)
        self.result_changed.emit(self.result)
        self.selection_changed.emit(self.selection)
        self.set_problem(_warnings_problem(result))
        return True

    def _failed(self, path: Path, result: LoadResult, cancelled: bool, missing: bool) -> None:
        showing = self.path if self.dataset is not None else None
        if showing is None:
            self.failed_path, self.failed_cancelled = path, cancelled
        self.set_problem(Problem("error", failure_text(path, result, showing, cancelled,
                                                       missing), tuple(result.diagnostics)))

    def file_missing(self) -> None:
        """The open file (or its folder) went away: said in the banner, the data stays."""
        if self.path is not None:
            self.set_problem(Problem("missing", missing_text(self.path,
                                                             self.dataset is not None)))

    def set_problem(self, problem: Problem | None) -> None:
        if problem != self.problem:
            self.problem = problem
            self.problem_changed.emit(problem)

    def dismiss_problem(self) -> None:
        """The user closed the banner: nothing shows until the next problem."""
        self.set_problem(None)

    # -- filters ------------------------------------------------------------------------

    def set_filter(self, flt: Filter) -> None:
        """Show ``flt`` (indices a file no longer has are dropped): the result is queried
        once and every view follows. The selection is kept while still shown."""
        if self.dataset is None or self.index is None:
            self.filter = flt
            return
        flt = _clamped(flt, self.dataset)
        if flt == self.filter and self.result is not None:
            return
        self.filter = flt
        self.result = self.index.query(flt)
        self.filter_changed.emit(flt)
        self.result_changed.emit(self.result)
        selection = self._still_shown(self.selection)
        if selection != self.selection:
            self.selection = selection
            self.selection_changed.emit(selection)

    def update_filter(self, **changes: object) -> None:
        """The current filter with some fields changed (``date_from=…, date_to=…``)."""
        self.set_filter(self.filter.with_changes(**changes))

    def reset_filter(self) -> None:
        self.set_filter(Filter())

    def apply_view(self, number: int) -> bool:
        """Show saved view ``number``'s filters; ``False`` when there is no such view."""
        if self.dataset is None or not 0 <= number < len(self.dataset.views):
            return False
        self.set_filter(view_filter_of(self.dataset, number))
        return True

    def current_view(self) -> int | None:
        """The saved view whose filters are exactly the current ones, if any."""
        if self.dataset is None:
            return None
        return matching_view(self.dataset, self.filter)

    def current_step(self, steps: list[Step]) -> int:
        """The presenter step the window is at: the current saved view's, else the last
        event step shown as of the filter's ``to`` date, else the first."""
        view = self.current_view()
        if view is not None:
            for number, step in enumerate(steps):
                if step.view == view:
                    return number
        to = self.filter.to_ordinal
        if to is None or self.dataset is None:
            return 0
        before = [n for n, step in enumerate(steps)
                  if step.event is not None and self.dataset.events[step.event].start <= to]
        return before[-1] if before else 0

    def set_compare_mode(self, on: bool) -> None:
        if on != self.compare_mode:
            self.compare_mode = on
            self.compare_changed.emit(on)

    # -- selection ----------------------------------------------------------------------

    def select_cell(self, issue: int, actor: int) -> None:
        """Select a cell (``actor`` -1: the issue row); clears the event selection."""
        self._select(Selection(cell=(issue, actor)) if issue >= 0 else Selection())

    def select_event(self, event: int | None) -> None:
        """Select an event (``None``: none); clears the cell selection."""
        self._select(Selection(event=event) if event is not None and event >= 0
                     else Selection())

    def clear_selection(self) -> None:
        self._select(Selection())

    def _select(self, selection: Selection) -> None:
        if selection != self.selection:
            self.selection = selection
            self.selection_changed.emit(selection)

    def selected_event(self) -> Event | None:
        event = self.selection.event
        return None if event is None or self.dataset is None else self.dataset.events[event]

    def highlight(self) -> tuple[frozenset[int], frozenset[int]]:
        """Issues and actors related to the selected event (empty without one)."""
        event = self.selected_event()
        if event is None or self.dataset is None:
            return frozenset(), frozenset()
        return frozenset(event.issues), self.dataset.event_actors(event)

    def shown_position(self) -> tuple[int, int] | None:
        """(row, column) in the result of the selected cell, when it is shown."""
        cell, result = self.selection.cell, self.result
        if cell is None or result is None or cell[1] < 0:
            return None
        rows, columns = result.issue_rows.tolist(), result.actor_columns.tolist()
        if cell[0] not in rows or cell[1] not in columns:
            return None
        return rows.index(cell[0]), columns.index(cell[1])

    def _still_shown(self, selection: Selection) -> Selection:
        """``selection`` if the current result shows it (a hidden cell is deselected)."""
        cell, result = selection.cell, self.result
        if cell is None or result is None:
            return selection
        if cell[0] not in result.issue_rows.tolist():
            return Selection(event=selection.event)
        if cell[1] >= 0 and cell[1] not in result.actor_columns.tolist():
            return Selection(event=selection.event)
        return selection

    def _carried_selection(self, old: Dataset, new: Dataset) -> Selection:
        """The selection of ``old`` found again in ``new`` by id (an event without an id by
        its date and title); what cannot be found is dropped."""
        cell = event = None
        if self.selection.cell is not None:
            issue, actor = self.selection.cell
            new_issue = new.index_of("issues", old.issues[issue].id)
            new_actor = -1 if actor < 0 else new.index_of("actors", old.actors[actor].id)
            if new_issue is not None and new_actor is not None:
                cell = (new_issue, new_actor)
        if self.selection.event is not None:
            key = _event_key(old.events[self.selection.event])
            event = new.index_of("events", key[0]) if key[0] else next(
                (e.index for e in new.events if _event_key(e) == key), None)
        return Selection(cell=cell, event=event)


def _event_key(event: Event) -> tuple[str, int, str]:
    """What identifies an event across reloads: its id, or its date and title without one."""
    return (event.id, -1, "") if event.id else ("", event.start, event.title)


def _clamped(flt: Filter, dataset: Dataset) -> Filter:
    """Drop indices ``dataset`` does not have (a reloaded file may be shorter)."""
    issues, actors = flt.issues, flt.actors
    if issues is not None:
        issues = frozenset(i for i in issues if 0 <= i < len(dataset.issues))
    if actors is not None:
        actors = frozenset(i for i in actors if 0 <= i < len(dataset.actors))
    return flt.with_changes(issues=issues, actors=actors)


def _warnings_problem(result: LoadResult) -> Problem | None:
    warnings = result.warnings
    if not warnings:
        return None
    first = warnings[0]
    more = f" (+{len(warnings) - 1} more)" if len(warnings) > 1 else ""
    return Problem("warning", f"Warning: {first.location()}: {first.text()}{more}",
                   tuple(warnings))
