"""An import, planned: what the sources hold, every diagnostic, and the file to write.

:func:`plan_import` reads the sources, converts their tables, renders the TOML and loads it
back with the loader ``check`` uses, so a plan that can be written always passes ``check``
(DESIGN §2: "turns spreadsheets … into a TOML file that check passes"). Problems the
loader finds in the new entries are reported at the source rows they came from. Nothing is
written here: :func:`write_plan` does that, atomically.
"""

from __future__ import annotations

import datetime as dt
import gc
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ...limits import MAX_FILE_BYTES
from ..diagnostics import Diagnostic, Severity
from ..files import FileProblem, read_regular_file, write_atomically
from ..load import LoadResult, load_bytes
from ..types import Dataset
from .events import event_key, read_events, read_timeline
from .fields import FIELDS, TableKind, layout_of, normalize_header
from .human_dates import DateProblem, Order, read_date
from .leave_out import leave_out_refused
from .readers import read_source
from .records import Context, NewEvent, NewPosition, Report
from .registry import Entry, Registry
from .relocate import relocate
from .render import appended_text, new_file_text
from .statements import read_statements, read_wide
from .tables import ImportFormat, RawTable, SourceProblem, format_for, shown_name

__all__ = ["ImportOptions", "ImportPlan", "ImportUsageError", "TableSummary", "parse_mapping",
           "plan_import", "write_plan"]


class ImportUsageError(ValueError):
    """Options that cannot work whatever the data (exit code 2 on the command line)."""


@dataclass(frozen=True, slots=True)
class ImportOptions:
    """The ``import`` options of DESIGN §2 (``mapping`` holds ``--map`` pairs)."""

    format: ImportFormat | None = None
    sheets: tuple[str, ...] = ()
    mapping: tuple[tuple[str, str], ...] = ()
    date: str | None = None
    order: Order | None = None
    into: Path | None = None
    keep_going: bool = False
    title: str | None = None
    today: dt.date | None = None  # the date written in the file's comment (today)


def parse_mapping(values: Sequence[str]) -> tuple[tuple[str, str], ...]:
    """``["Member=actor", …]`` as pairs; :class:`ImportUsageError` names a bad one."""
    pairs = []
    for value in values:
        column, sep, name = value.rpartition("=")
        name = name.strip().lower()
        if not sep or not column.strip():
            raise ImportUsageError(f"--map {value!r}: write COLUMN=FIELD, e.g. --map Member=actor")
        if name not in FIELDS:
            raise ImportUsageError(f"--map {value!r}: '{name}' is not a field; the fields are "
                                   + ", ".join(FIELDS))
        pairs.append((column.strip(), name))
    return tuple(pairs)


@dataclass(slots=True)
class TableSummary:
    label: str
    kind: TableKind
    statements: int = 0
    events: int = 0


@dataclass(slots=True)
class ImportPlan:
    """What an import would make. ``data`` is the whole file to write, or ``None`` when it
    cannot be written (errors without ``keep_going``, or nothing usable)."""

    sources: tuple[Path, ...]
    options: ImportOptions
    tables: list[TableSummary] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    actors: list[Entry] = field(default_factory=list)  # the new ones
    issues: list[Entry] = field(default_factory=list)
    sources_made: list[Entry] = field(default_factory=list)
    events: list[NewEvent] = field(default_factory=list)
    positions: list[NewPosition] = field(default_factory=list)
    title: str = ""
    skipped_rows: list[tuple[str, int]] = field(default_factory=list)
    data: bytes | None = None
    names: dict[str, dict[str, str]] = field(default_factory=dict)  # table: id → name

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if not d.is_error]

    @property
    def writable(self) -> bool:
        return self.data is not None and (not self.errors or self.options.keep_going)

    def counts(self) -> str:
        """``"2 new actors, 3 new issues, 6 statements, 3 events"``."""
        def n(count: int, one: str) -> str:
            return f"{count} {one}{'' if count == 1 else 's'}"

        return ", ".join((n(len(self.actors), "new actor"), n(len(self.issues), "new issue"),
                          n(len(self.positions), "statement"), n(len(self.events), "event")))

    def preview_rows(self, limit: int = 50) -> list[tuple[str, ...]]:
        """The first entries as ``(what, date, actor, issue, stance, text or title,
        sources)``: events first, then statements; several actors, issues or sources are
        joined with ``"; "`` and an event's stance is blank."""
        names = self.names
        actors, issues = names.get("actors", {}), names.get("issues", {})
        sources = names.get("sources", {})

        def joined(ids: Sequence[str], table: dict[str, str]) -> str:
            return "; ".join(table.get(i, i) for i in ids)

        rows: list[tuple[str, ...]] = []
        for event in self.events[:limit]:
            date = event.date.range_label(event.end) if event.end else event.date.label()
            rows.append(("event", date, joined(event.actors, actors),
                         joined(event.issues, issues), "", event.title,
                         joined(event.sources, sources)))
        for position in self.positions[: max(0, limit - len(rows))]:
            rows.append(("statement", position.date.label() if position.date else "undated",
                         actors.get(position.actor, position.actor),
                         issues.get(position.issue, position.issue), position.stance,
                         position.text, joined(position.sources, sources)))
        return rows


def _target(path: Path, report: Report) -> tuple[bytes, Dataset] | None:
    try:
        data = read_regular_file(path, MAX_FILE_BYTES, noun="TOML file")
    except FileProblem as exc:
        report.error(shown_name(str(path)), 0, 0, str(exc))
        return None
    result = load_bytes(data, shown_name(str(path)))
    if result.dataset is None:
        report.diagnostics.extend(result.errors)
        report.error(shown_name(str(path)), 0, 0,
                     "the file to import into has errors: fix them first")
        return None
    return data, result.dataset


def _context(target: Dataset | None, report: Report, options: ImportOptions) -> Context:
    ds = target
    ctx = Context(
        Registry("actor", ((a.id, a.name, a.detail) for a in ds.actors) if ds else ()),
        Registry("issue", ((i.id, i.title, "") for i in ds.issues) if ds else ()),
        Registry("source", ((s.id, s.title, s.url) for s in ds.sources) if ds else ()),
        Registry("event", ((e.id, e.title, "") for e in ds.events) if ds else ()),
        report, order=options.order,
    )
    if options.date:
        try:
            ctx.wide_date = read_date(options.date)
        except DateProblem as exc:
            raise ImportUsageError(f"--date: {exc}") from None
        if ctx.wide_date is None or ctx.wide_date.end is not None:
            raise ImportUsageError(f"--date {options.date!r}: give one date")
    if ds is not None:
        ctx.source_by_url = {s.url: s.id for s in ds.sources if s.url}
        for p in ds.positions:
            ctx.known_positions.add((ds.actors[p.actor].id, ds.issues[p.issue].id,
                                     p.date.iso() if p.date else "", p.stance, p.text))
        for e in ds.events:
            ctx.known_events.add(event_key(e.date, e.end, e.title, e.detail,
                                           [ds.actors[a].id for a in e.actors]))
    return ctx


def _read_all(paths: Sequence[Path], options: ImportOptions, report: Report
              ) -> list[RawTable]:
    tables: list[RawTable] = []
    for path in paths:
        fmt = options.format or format_for(path)
        if fmt is None:
            raise ImportUsageError(f"{path}: cannot tell the format from '{path.suffix}'; "
                                   "pass --format csv|tsv|xlsx|ods|md|html|timelinejs")
        try:
            found = read_source(path, fmt, options.sheets)
        except SourceProblem as problem:
            report.error(problem.label or shown_name(path), problem.line, problem.column,
                         problem.message)
            continue
        for table in found:
            for row, column, message in table.notes:
                report.at(table, row, column, message, Severity.WARNING)
        found = [table for table in found if table.header or table.rows]  # empty sheets
        if not found:
            report.error(shown_name(path), 0, 0, f"no table found in this {fmt.value} file")
        tables.extend(found)
    return tables


def plan_import(paths: Sequence[Path], options: ImportOptions, out_name: str = "out.toml"
                ) -> ImportPlan:
    """Read ``paths`` and plan the import (DESIGN §2). Raises :class:`ImportUsageError`
    for options that cannot work; every data problem is a diagnostic in the plan."""
    # Hundreds of thousands of rows, cells and entries that form no reference cycles: the
    # cyclic collector would walk them again and again as they pile up (as in the loader).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _plan(paths, options, out_name)
    finally:
        if enabled:
            gc.enable()


def _plan(paths: Sequence[Path], options: ImportOptions, out_name: str) -> ImportPlan:
    out_name = shown_name(out_name)
    plan = ImportPlan(tuple(paths), options)
    report = Report()
    target = _target(options.into, report) if options.into else None
    ctx = _context(target[1] if target else None, report, options)
    if options.into and target is None:
        plan.diagnostics = report.diagnostics
        return plan
    tables = _read_all(paths, options, report)
    overrides = {normalize_header(column): name for column, name in options.mapping}
    matched = {normalize_header(h) for table in tables for h in table.header}
    for mapped, _name in options.mapping:
        if normalize_header(mapped) not in matched and tables:
            shown = "; ".join(f"{t.label}: {', '.join(h for h in t.header if h.strip())}"
                              for t in tables[:3])
            raise ImportUsageError(f"--map {mapped}=…: no column '{mapped}' ({shown})")
    layouts = [(table, layout_of(table, overrides)) for table in tables]
    first = (TableKind.EVENTS, TableKind.TIMELINEJS)
    ordered = [pair for pair in layouts if pair[1].kind in first] + \
              [pair for pair in layouts if pair[1].kind not in first]
    summaries = {}
    for table, layout in ordered:
        summary = summaries[table.label] = TableSummary(table.label, layout.kind)
        for problem in layout.problems:
            report.error(table.label, table.header_row, 0, problem)
        _unused_columns(table, layout.unused, report)
        if layout.problems:
            continue
        if layout.kind is TableKind.STATEMENTS:
            summary.statements = read_statements(table, layout, ctx)
        elif layout.kind is TableKind.WIDE:
            summary.statements = read_wide(table, ctx)
        elif layout.kind is TableKind.EVENTS:
            summary.events = read_events(table, layout, ctx)
        else:
            summary.events = read_timeline(table, ctx)
    plan.tables = [summaries[t.label] for t in tables if t.label in summaries]
    for entry, event in zip(ctx.event_entries, ctx.new_events, strict=True):
        event.id = entry.id  # an event a statement names was given an id
    plan.actors, plan.issues = ctx.actors.new_entries, ctx.issues.new_entries
    plan.sources_made, plan.events, plan.positions = (ctx.sources.new_entries, ctx.new_events,
                                                       ctx.positions)
    plan.names = {"actors": {e.id: e.name for e in ctx.actors.entries},
                  "issues": {e.id: e.name for e in ctx.issues.entries},
                  "sources": {e.id: e.name for e in ctx.sources.entries}}
    first_table = next((t.title for t in tables if t.title), "")
    names = [shown_name(path) for path in paths]
    plan.title = options.title or ctx.title or first_table or f"Imported from {', '.join(names)}"
    if not report.errors or options.keep_going:
        _render(plan, ctx, target, names, out_name, report)
    plan.skipped_rows = list(dict.fromkeys(report.bad_rows))
    rank = {table.label: number for number, table in enumerate(tables)}
    for path in paths:
        rank.setdefault(shown_name(path), -1)
    plan.diagnostics = sorted(report.diagnostics,
                              key=lambda d: (rank.get(d.file, len(rank)), d.line, d.column))
    return plan


def _unused_columns(table: RawTable, unused: list[tuple[int, str]], report: Report) -> None:
    """One warning for the columns whose names are no field, one each for the others."""
    plain = [column for column, why in unused if why == "not a field name"]
    if plain:
        names = ", ".join(f"'{table.header[c].strip()}'" for c in plain[:12])
        more = f" and {len(plain) - 12} more" if len(plain) > 12 else ""
        noun = "column is" if len(plain) == 1 else "columns are"
        report.at(table, table.header_row, plain[0], (
            f"{len(plain)} {noun} not imported, their names being no field: {names}{more}; "
            "map one with --map COLUMN=FIELD"), Severity.WARNING)
    for column, why in unused:
        if why != "not a field name":
            report.at(table, table.header_row, column, f"column not imported: {why}",
                      Severity.WARNING)


def _render(plan: ImportPlan, ctx: Context, target: tuple[bytes, Dataset] | None,
            names: list[str], out_name: str, report: Report) -> None:
    label = names[0] if names else out_name
    if not ctx.actors.entries or not ctx.issues.entries:
        missing = "actors" if not ctx.actors.entries else "issues"
        report.error(label, 0, 0, f"nothing to compare: the sources give no {missing}, and a "
                     "comparison needs actors and issues; import into a file that has them "
                     "(--into FILE), or with a table of statements")
        return
    if not plan.positions and not plan.events and not plan.actors and not plan.issues:
        report.error(label, 0, 0, "nothing to import: no statement or event was read")
        return
    for attempt in range(_ATTEMPTS):
        rendered = _rendered(plan, ctx, target, names, out_name, report)
        if rendered is None:
            return
        data, result, found = rendered
        refused = [d for d in found if d.is_error]
        if result.dataset is not None or not plan.options.keep_going or \
                attempt == _ATTEMPTS - 1 or not leave_out_refused(plan, refused, report):
            report.diagnostics.extend(found)
            break
        report.diagnostics.extend(refused)  # what was left out, and why
    if result.dataset is not None:
        plan.data = data


_ATTEMPTS = 3  # with --keep-going: what the loader refuses is left out, and rendered again


def _rendered(plan: ImportPlan, ctx: Context, target: tuple[bytes, Dataset] | None,
              names: list[str], out_name: str, report: Report
              ) -> tuple[bytes, LoadResult, list[Diagnostic]] | None:
    """The file to write, its load by the loader of ``check``, and that load's
    diagnostics moved to the source rows; ``None`` when it cannot be made."""
    today = plan.options.today or dt.date.today()
    parts = (plan.actors, plan.issues, plan.sources_made, plan.events, plan.positions)
    if target is None:
        text = new_file_text(plan.title, ctx.description, names, today, *parts)
        data = text.encode("utf-8")
        offsets: dict[str, int] = {}
    else:
        old, dataset = target
        conflict = _inline_array(old, parts)
        if conflict:
            report.error(shown_name(str(plan.options.into)), conflict[1], 1, conflict[0])
            return None
        data = old + (b"" if not old or old.endswith(b"\n") else b"\n") + \
            appended_text(names, today, *parts).encode("utf-8")
        offsets = {name: len(getattr(dataset, name)) for name in
                   ("actors", "issues", "sources", "events", "positions")}
    result = load_bytes(data, out_name)
    return data, result, relocate(result.diagnostics, offsets, plan, target is not None)


def _inline_array(old: bytes, parts: Sequence[Sequence[object]]) -> tuple[str, int] | None:
    """A table the import adds to but the file writes as ``name = [...]``: TOML cannot
    append ``[[name]]`` entries to it."""
    names = ("actors", "issues", "sources", "events", "positions")
    text = old.decode("utf-8", errors="replace")
    first_table = re.search(r"^[ \t]*\[", text, re.MULTILINE)
    text = text[: first_table.start()] if first_table else text  # the root table's keys
    for name, added in zip(names, parts, strict=True):
        found = re.search(rf"^[ \t]*{name}[ \t]*=", text, re.MULTILINE) if added else None
        if found is not None:
            line = text.count("\n", 0, found.start()) + 1
            return (f"the file writes {name} as an inline array (`{name} = [...]`): new "
                    f"entries cannot be appended to it; write it as [[{name}]] tables", line)
    return None


def write_plan(plan: ImportPlan, out: Path) -> None:
    """Write the planned file to ``out`` atomically (a temporary file beside it, then a
    rename): a link is written through, the mode of a file it replaces is kept but for
    set-id, sticky and world-write bits (:func:`write_atomically`). ``ValueError`` if not
    writable; :class:`FileProblem` (an ``OSError``) for an ``out`` that is a folder, a
    FIFO, a device or a loop of links; ``OSError`` when the write fails."""
    if not plan.writable or plan.data is None:
        raise ValueError("this import cannot be written: it has errors")
    write_atomically(out, plan.data)

