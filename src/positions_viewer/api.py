"""A small Python API for notebooks and scripts (issue 14.7; docs/python-api.md). No Qt.

    >>> from positions_viewer import api
    >>> doc = api.load("seeds/macron-putin-2025.toml")
    >>> [(c.issue_id, c.actor_id, c.kind) for c in doc.changes("2025-12-18", "2025-12-26")
    ...  if c.kind in ("new", "changed")][:2]
    [('imminence', 'france', 'new'), ('imminence', 'russia', 'new')]

:func:`load` (or :func:`loads`) gives a :class:`Document`; it answers the as-of grid
(:meth:`Document.grid`), the comparison of two dates (:meth:`Document.compare`, and
:meth:`Document.changes` for a date range as the ``compare`` command reads it) and one cell's
history (:meth:`Document.history`), as lists of plain frozen dataclasses whose fields are
``str``, ``int``, ``bool``, ``datetime.date`` or ``None``. :func:`to_frame` turns such a list
into a pandas DataFrame when pandas is installed (it is not a dependency).

Rules are those of the window and the command line: DESIGN §1 (*As-of semantics*, *Compare*,
staleness) and the search folding of :mod:`positions_viewer.model.search`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .model import (
    DatasetIndex,
    Diagnostic,
    Filter,
    LoadResult,
    PartialDate,
    load_bytes,
    load_file,
)
from .model.compare import ComparedCell, CompareError, compare, compare_filter
from .model.dates import DateError, parse_date
from .model.types import Dataset, Position

__all__ = [
    "Change",
    "CompareError",
    "Document",
    "GridCell",
    "LoadError",
    "Statement",
    "load",
    "loads",
    "to_frame",
]

DateLike = str | dt.date | PartialDate


class LoadError(Exception):
    """The file did not load. ``diagnostics`` are the located errors and warnings (each
    ``str()`` as ``check`` prints it: ``data.toml:42:10: error: positions[7].actor: …``)."""

    def __init__(self, path: str, diagnostics: Sequence[Diagnostic]) -> None:
        self.path = path
        self.diagnostics = tuple(diagnostics)
        errors = [d for d in self.diagnostics if d.is_error] or list(self.diagnostics)
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(f"{errors[0]}{more}" if errors else f"{path}: cannot load")


@dataclass(frozen=True, slots=True)
class Statement:
    """One position as stated: ``date`` as written in the file ("2024", "2023-09",
    "2025-12-26"; None when undated), ``day`` its first day (what it sorts and counts by)."""

    issue_id: str
    actor_id: str
    date: str | None
    day: dt.date | None
    stance: str
    text: str
    event_id: str | None
    index: int  # the position's number in the file (0-based)


@dataclass(frozen=True, slots=True)
class GridCell:
    """One cell of the as-of grid. ``kind`` ("new", "changed", "restated", "unchanged" or "")
    compares it with the day before ``since``; ``age_days`` and ``stale`` are counted to the
    as-of date. Statement fields are None / "" for a cell with no stated position."""

    issue_id: str
    issue: str
    actor_id: str
    actor: str
    date: str | None
    day: dt.date | None
    stance: str
    text: str
    kind: str
    stale: bool
    age_days: int | None
    matched: str  # search: "shown" (this statement), "history" (an earlier one), or ""


@dataclass(frozen=True, slots=True)
class Change:
    """One cell at two dates (DESIGN §2 compare columns, plus staleness of B's statement)."""

    issue_id: str
    issue: str
    actor_id: str
    actor: str
    kind: str
    a_date: str | None
    a_stance: str
    a_text: str
    b_date: str | None
    b_stance: str
    b_text: str
    stale: bool
    age_days: int | None


def _date(value: DateLike | None, what: str) -> PartialDate | None:
    if value is None or isinstance(value, PartialDate):
        return value
    if isinstance(value, dt.datetime):
        raise ValueError(f"{what}: {value.isoformat()} is a date-time; give a date")
    if isinstance(value, dt.date):
        return PartialDate.from_date(value)
    try:
        return parse_date(value)
    except DateError as exc:
        raise ValueError(f"{what}: {exc}") from None


def _when(position: Position | None) -> tuple[str | None, dt.date | None]:
    if position is None or position.date is None:
        return None, None
    return position.date.iso(), position.date.first_day


class Document:
    """A loaded comparison file: its dataset (``dataset``), its warnings, and the queries."""

    def __init__(self, dataset: Dataset, diagnostics: Sequence[Diagnostic] = ()) -> None:
        self.dataset = dataset
        self.warnings: tuple[Diagnostic, ...] = tuple(diagnostics)
        self.index = DatasetIndex(dataset)

    @property
    def title(self) -> str:
        return self.dataset.title

    @property
    def issue_ids(self) -> list[str]:
        return [issue.id for issue in self.dataset.issues]

    @property
    def actor_ids(self) -> list[str]:
        return [actor.id for actor in self.dataset.actors]

    def _ids(self, table: str, ids: str | Iterable[str] | None) -> frozenset[int] | None:
        if ids is None:
            return None
        wanted = [ids] if isinstance(ids, str) else list(ids)
        found = {id_: self.dataset.index_of(table, id_) for id_ in wanted}
        unknown = [id_ for id_, number in found.items() if number is None]
        if unknown:
            known = ", ".join(e.id for e in getattr(self.dataset, table))
            raise ValueError(f"unknown {table[:-1]} {', '.join(map(repr, unknown))} "
                             f"(known: {known})")
        return frozenset(number for number in found.values() if number is not None)

    def grid(self, as_of: DateLike | None = None, since: DateLike | None = None,
             issues: str | Iterable[str] | None = None,
             actors: str | Iterable[str] | None = None, search: str = "") -> list[GridCell]:
        """The grid as the window shows it with these filters: a cell per shown issue and
        actor (issue-major, file order). ``as_of`` is the filter's ``to`` (latest statements
        when None), ``since`` its ``from``; ``search`` keeps the issues whose title or any
        statement up to ``as_of`` holds the text. Raises ValueError for a bad date or id."""
        flt = Filter(self._ids("issues", issues), self._ids("actors", actors),
                     _date(since, "since"), _date(as_of, "as_of"), search)
        result = self.index.query(flt)
        dataset, out = self.dataset, []
        for row in range(result.row_count):
            for column in range(result.column_count):
                cell = result.cell(row, column)
                issue, actor = dataset.issues[cell.issue], dataset.actors[cell.actor]
                position = cell.position
                out.append(GridCell(
                    issue.id, issue.title, actor.id, actor.name, *_when(position),
                    position.stance if position else "", position.text if position else "",
                    cell.kind.value, cell.stale, cell.age_days,
                    ("", "shown", "history")[cell.search.value],
                ))
        return out

    def compare(self, a: DateLike | None, b: DateLike,
                issues: str | Iterable[str] | None = None,
                actors: str | Iterable[str] | None = None) -> list[Change]:
        """Every selected cell's position in force at ``a`` and at ``b`` and its kind
        (DESIGN §1 *Compare*; a month or year is in force at its end; ``a`` None: before
        every date). Raises :class:`CompareError` when ``a`` is after ``b``."""
        date_b = _date(b, "b")
        assert date_b is not None
        comparison = compare(self.index, _date(a, "a"), date_b,
                             self._ids("issues", issues), self._ids("actors", actors))
        return [self._change(cell) for cell in comparison.cells()]

    def changes(self, date_from: DateLike, date_to: DateLike,
                issues: str | Iterable[str] | None = None,
                actors: str | Iterable[str] | None = None) -> list[Change]:
        """What changed from ``date_from`` to ``date_to``, as ``positions-viewer compare
        --from --to`` and the grid's marks read it: the day before ``date_from`` against
        ``date_to``. Raises :class:`CompareError` when ``date_from`` is after ``date_to``."""
        flt = Filter(self._ids("issues", issues), self._ids("actors", actors),
                     _date(date_from, "date_from"), _date(date_to, "date_to"))
        return [self._change(cell) for cell in compare_filter(self.index, flt).cells()]

    def _change(self, cell: ComparedCell) -> Change:
        issue, actor = self.dataset.issues[cell.issue], self.dataset.actors[cell.actor]
        a, b = cell.a, cell.b
        return Change(
            issue.id, issue.title, actor.id, actor.name, cell.kind.value,
            _when(a)[0], a.stance if a else "", a.text if a else "",
            _when(b)[0], b.stance if b else "", b.text if b else "",
            cell.stale, cell.age_days,
        )

    def history(self, issue: str, actor: str) -> list[Statement]:
        """Every statement of one cell (ids), oldest first (undated first, ties in file
        order). Raises ValueError for an unknown id."""
        issue_index = min(self._ids("issues", issue) or {0})
        actor_index = min(self._ids("actors", actor) or {0})
        events = self.dataset.events
        return [
            Statement(issue, actor, *_when(p), p.stance, p.text,
                      events[p.event].id or None if p.event is not None else None, p.index)
            for p in self.index.history(issue_index, actor_index)
        ]


def _document(result: LoadResult) -> Document:
    if result.dataset is None:
        raise LoadError(result.path, result.diagnostics)
    return Document(result.dataset, result.diagnostics)


def load(path: str | Path) -> Document:
    """Load and validate a comparison file. Raises :class:`LoadError` (with every located
    diagnostic) when it has errors; warnings are kept in :attr:`Document.warnings`."""
    return _document(load_file(path))


def loads(text: str | bytes, name: str = "<string>") -> Document:
    """As :func:`load`, from the file's text; ``name`` is what diagnostics call it."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    return _document(load_bytes(data, name))


def to_frame(records: Sequence[Any]) -> Any:
    """A ``pandas.DataFrame`` with a column per field of the records (a list from
    :meth:`Document.grid`, :meth:`Document.compare` or :meth:`Document.history`).
    Raises ImportError naming pandas when it is not installed."""
    try:
        import pandas  # type: ignore[import-not-found, import-untyped, unused-ignore]
    except ImportError as exc:
        raise ImportError("to_frame needs pandas: pip install pandas") from exc
    columns = [field.name for field in dataclasses.fields(records[0])] if records else []
    return pandas.DataFrame([dataclasses.astuple(record) for record in records],
                            columns=columns or None)

