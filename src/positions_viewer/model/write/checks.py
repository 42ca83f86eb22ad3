"""One entry checked by the loader's own rules, against the rest of the file (DESIGN §1).

An edit changes one entry; the rest of the file was valid when it loaded. So the entry's
text is parsed on its own and its row goes through the loader's builders
(:mod:`..load.entries`, :mod:`..load.positions`) with the file's ids: the same readers, the
same messages as ``check``, in microseconds where a whole load of a 30 MB file takes seconds.
What spans entries is checked here too: an id used twice, a colour too close to another.
Diagnostics are located in the file (the entry's first line is given) with the entry's own
index in their path (``positions[7].date``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..colors import too_close_pairs
from ..diagnostics import Diagnostic, Severity, quote
from ..load.entries import BUILDERS
from ..load.parse import SyntaxProblem, parse
from ..load.positions import build_positions
from ..load.schema import TABLE_KEYS
from ..load.values import Checker
from ..types import Actor, Dataset

__all__ = ["Checked", "Ids", "check_block", "id_tables"]

Ids = dict[str, dict[str, int]]
"""table -> id -> file index, for every table whose entries have ids."""

_ID_TABLES = ("actors", "issues", "sources", "events", "views")


def id_tables(dataset: Dataset) -> Ids:
    return {table: {entry.id: number for number, entry in enumerate(getattr(dataset, table))
                    if entry.id}
            for table in _ID_TABLES}


@dataclass(slots=True)
class Checked:
    """The typed entry (``None`` when an error stops it) and every diagnostic about it."""

    entry: Any
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @property
    def ok(self) -> bool:
        return self.entry is not None and not self.errors


def check_block(dataset: Dataset, ids: Ids, table: str, index: int, block: str, name: str,
                first_line: int = 1, replacing: bool = False,
                line_of: Callable[[str, int], int] | None = None) -> Checked:
    """Check ``block``, the text of one ``[[table]]`` entry meant to be entry ``index`` of
    ``dataset`` (``replacing`` it, or added there), as ``check`` would in the whole file.
    ``line_of(table, k)`` gives the line of another entry, for "first used on line N"."""
    try:
        raw = parse(block)
    except SyntaxProblem as exc:
        return Checked(None, [Diagnostic(name, first_line + exc.line - 1, exc.column,
                                         Severity.ERROR, exc.message)])
    rows = raw.get(table)
    if set(raw) != {table} or not isinstance(rows, list) or len(rows) != 1 or not isinstance(
            rows[0], dict):
        return Checked(None, [Diagnostic(name, first_line, 0, Severity.ERROR,
                                         f"the text is not one [[{table}]] entry")])
    row: dict[str, Any] = rows[0]
    check = Checker(name, block)
    check.ids = {key: value for key, value in ids.items() if key != "views"}
    if table == "positions":
        built = build_positions(check, [row], list(dataset.events))
        entry: Any = built[0] if built else None
        if entry is not None:
            entry.index = index
    else:
        keys = TABLE_KEYS[table]
        if not frozenset(keys).issuperset(row):
            check.unknown_keys(table, 0, row, keys)
        entry = BUILDERS[table](check, 0, row)
        if entry is not None and table == "events":
            entry.index = index
    if entry is not None and getattr(entry, "id", None):
        other = ids.get(table, {}).get(entry.id)
        if other is not None and not (replacing and other == index):
            where = f"line {line_of(table, other)}" if line_of else f"{table}[{other}]"
            check.error(table, 0, "id", f"duplicate id {quote(entry.id)} (first used on {where})")
    if entry is not None and table == "actors":
        _colour_too_close(check, dataset, index, entry, replacing)
    return Checked(entry if not check.failed() else None,
                   [_relocated(d, table, index, first_line) for d in check.diagnostics])


def _colour_too_close(check: Checker, dataset: Dataset, index: int, actor: Actor,
                      replacing: bool) -> None:
    colors: list[str | None] = [a.color for a in dataset.actors]
    if replacing:
        colors[index] = actor.color
    else:
        colors.insert(index, actor.color)
    for first, second, _gap in too_close_pairs(colors):
        if index in (first, second):
            other = second if first == index else first
            check.warn("actors", 0, "color",
                       f"colour {colors[index]} is hard to tell apart from {colors[other]} "
                       f"(actor {quote(_actor_id(dataset, other, index, replacing))}); "
                       "choose a more distinct colour, or none for a palette colour")


def _actor_id(dataset: Dataset, number: int, index: int, replacing: bool) -> str:
    if not replacing and number > index:
        number -= 1  # the colours list has the new actor inserted at ``index``
    return dataset.actors[number].id


def _relocated(diagnostic: Diagnostic, table: str, index: int, first_line: int) -> Diagnostic:
    prefix = f"{table}[0]"
    path = diagnostic.path
    if path.startswith(prefix):
        path = f"{table}[{index}]{path[len(prefix):]}"
    line = diagnostic.line + first_line - 1 if diagnostic.line else first_line
    return Diagnostic(diagnostic.file, line, diagnostic.column, diagnostic.severity,
                      diagnostic.message, path)
