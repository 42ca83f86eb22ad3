"""The diagnostics of a large file after an edit, without loading it again.

The warnings the last load gave stay where their lines went: those after the edit move by
the lines it added or removed, those of a moved entry move with it, those in the rewritten
lines give way to the edited entry's own. The two warnings that span entries (an issue with
no statement, two colours too close) are worked out again on the new dataset. Paths name
entries by index, so they are renumbered as the entries are.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from ..colors import too_close_pairs
from ..diagnostics import Diagnostic, Severity, quote
from ..load.locate import SourceMap
from ..types import Dataset
from .checks import Checked
from .layout import Layout
from .reindex import Change

__all__ = ["carry"]

_PATH = re.compile(r"([a-z]+)\[(\d+)\]")
_SPANNING = ("has no position", "is hard to tell apart")


def carry(old: Sequence[Diagnostic], old_data: bytes, patch_start: int, old_bytes: bytes,
          new_bytes: bytes, change: Change, dataset: Dataset, checked: Checked | None,
          old_layout: Layout, new_layout: Layout, name: str) -> list[Diagnostic]:
    first = old_data.count(b"\n", 0, patch_start) + 1
    old_lines, new_lines = old_bytes.count(b"\n"), new_bytes.count(b"\n")
    moved = _swap_lines(old_layout, change, first) if change.op == "swap" else {}
    out: list[Diagnostic] = []
    for diagnostic in old:
        if _spans_entries(diagnostic):
            continue
        line = diagnostic.line
        if first <= line < first + old_lines:
            if line not in moved:
                continue
            line = moved[line]
        elif line >= first + old_lines:
            line += new_lines - old_lines
        out.append(dataclasses.replace(diagnostic, line=line,
                                       path=_renumbered(diagnostic.path, change)))
    if checked is not None:
        out += [d for d in checked.diagnostics if not _spans_entries(d)]
    out += _spanning(dataset, new_layout, name)
    out.sort(key=lambda d: (d.line, d.column, d.severity is Severity.WARNING))
    return out


def _spans_entries(diagnostic: Diagnostic) -> bool:
    """A warning about two entries or a table (worked out again after every edit)."""
    return any(words in diagnostic.message for words in _SPANNING)


def _swap_lines(layout: Layout, change: Change, first_line: int) -> dict[int, int]:
    """Old line -> new line for the lines of two entries that trade places."""
    one = layout.block(change.table, change.index)
    two = layout.block(change.table, change.index + 1)
    line = layout.line_of
    one_start, one_end = line(one.lead), line(one.end)
    two_start, two_end = line(two.lead), line(two.end)
    out = {n: first_line + n - two_start for n in range(two_start, two_end)}
    out.update({n: n + (two_end - one_end) for n in range(one_start, one_end)})
    return out


def _renumbered(path: str, change: Change) -> str:
    found = _PATH.match(path)
    if found is None or found.group(1) != change.table:
        return path
    number, index = int(found.group(2)), change.index
    if change.op == "insert" and number >= index:
        number += 1
    elif change.op == "delete" and number > index:
        number -= 1
    elif change.op == "swap" and number in (index, index + 1):
        number = index + 1 if number == index else index
    return f"{change.table}[{number}]{path[found.end():]}"


def _spanning(dataset: Dataset, layout: Layout, name: str) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    covered = {p.issue for p in dataset.positions}
    for number, issue in enumerate(dataset.issues):
        if number not in covered:
            out.append(_at(layout, name, "issues", number, "id",
                           f"issue {quote(issue.id)} has no position: its row will show "
                           "'No stated position' for every actor"))
    actors = dataset.actors
    for first, second, _gap in too_close_pairs([a.color for a in actors]):
        line = _where(layout, "actors", first, "color")[0]
        out.append(_at(layout, name, "actors", second, "color",
                       f"colour {actors[second].color} is hard to tell apart from "
                       f"{actors[first].color} (actor {quote(actors[first].id)}, line {line}); "
                       "choose a more distinct colour, or none for a palette colour"))
    return out


def _where(layout: Layout, table: str, index: int, key: str) -> tuple[int, int]:
    """Line and column of ``key`` in entry ``index`` of ``table`` (as ``check`` locates it),
    found in the entry's own text."""
    if index >= layout.count(table):
        return 0, 0
    block = layout.block(table, index)
    first = layout.line_of(block.start)
    text = layout.data[block.start:block.end].decode("utf-8", errors="replace")
    line, column = SourceMap.scan(text).find(table, 0, key)
    return first + line - 1, column


def _at(layout: Layout, name: str, table: str, index: int, key: str,
        message: str) -> Diagnostic:
    line, column = _where(layout, table, index, key)
    return Diagnostic(name, line, column, Severity.WARNING, message, f"{table}[{index}].{key}")
