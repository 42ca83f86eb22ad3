"""One pass over the parsed document: the schema number, the root keys, each table's entries,
cross references; located diagnostics for everything wrong (DESIGN §1)."""

from __future__ import annotations

from typing import Any

from ..colors import too_close_pairs
from ..dates import type_name
from ..diagnostics import Severity, quote
from ..types import Actor, Dataset, Issue, Position
from .entries import BUILDERS
from .positions import build_positions
from .result import LoadResult
from .schema import ROOT_KEYS, SUPPORTED_SCHEMA, TABLE_KEYS, TABLES
from .values import Checker

__all__ = ["validate"]


def validate(name: str, text: str, raw: dict[str, Any]) -> LoadResult:
    """The dataset ``raw`` (parsed from ``text``) describes, or the errors that stop it."""
    check = Checker(name, text)
    if not _schema_ok(check, raw):
        return _result(check, None)
    check.unknown_keys("", 0, raw, ROOT_KEYS)
    title = check.text_value("", 0, raw, "title", required=True)
    description = check.text_value("", 0, raw, "description")
    as_of = check.date_value("", 0, raw, "as_of")
    stale_after = check.duration_value(raw, "stale_after")
    rows = {table: _rows(check, raw, table) for table in TABLE_KEYS}
    for table in TABLES.values():
        if table.at_least_one and not rows[table.name] and not check.table_was_bad(table.name):
            check.error("", 0, table.name if table.name in raw else None,
                        f"no {table.name}: the file needs at least one [[{table.name}]] table")
    entries = {table: _entries(check, rows[table], table)
               for table in ("actors", "issues", "sources", "events")}
    if len(entries["actors"]) == len(rows["actors"]):  # every actor valid: rows line up
        _colours_too_close(check, entries["actors"])
    positions = build_positions(check, rows["positions"], entries["events"])
    views = _entries(check, rows["views"], "views")
    if not check.failed():
        _issues_without_positions(check, entries["issues"], positions)
    if check.failed():
        return _result(check, None)
    dataset = Dataset(
        title=title or "",
        description=description or "",
        as_of=as_of,
        stale_after=stale_after,
        actors=tuple(entries["actors"]),
        issues=tuple(entries["issues"]),
        sources=tuple(entries["sources"]),
        events=tuple(entries["events"]),
        positions=tuple(positions),
        views=tuple(views),
    )
    return _result(check, dataset)


def _result(check: Checker, dataset: Dataset | None) -> LoadResult:
    check.diagnostics.sort(key=lambda d: (d.line, d.column, d.severity is Severity.WARNING))
    return LoadResult(check.name, dataset, check.diagnostics)


def _schema_ok(check: Checker, raw: dict[str, Any]) -> bool:
    if "schema" not in raw:
        check.error("", 0, None,
                    f"missing 'schema'; add schema = {SUPPORTED_SCHEMA} at the top of the file")
        return False
    value = raw["schema"]
    if type(value) is not int:
        check.error("", 0, "schema",
                    f"must be the integer {SUPPORTED_SCHEMA}, got {type_name(value)}")
        return False
    if value != SUPPORTED_SCHEMA:
        shown = value if abs(value) < 10**12 else quote(str(value), 20)
        check.error("", 0, "schema",
                    f"unsupported schema {shown}; this version reads schema {SUPPORTED_SCHEMA}")
        return False
    return True


def _rows(check: Checker, raw: dict[str, Any], name: str) -> list[dict[str, Any]]:
    value = raw.get(name)
    if value is None:
        return []
    # map(type, …) runs in C: the usual list of plain tables is checked without a Python
    # step per row (114k rows at L); anything else takes the exact test.
    if not isinstance(value, list) or not (
            set(map(type, value)) <= {dict} or all(isinstance(v, dict) for v in value)):
        check.error("", 0, name,
                    f"expected an array of tables ([[{name}]] entries), got {type_name(value)}")
        return []
    return value


def _entries(check: Checker, rows: list[dict[str, Any]], table: str) -> list[Any]:
    ids: dict[str, int] = {}
    check.ids[table] = ids
    invalid = check.invalid_ids.setdefault(table, set())
    first_row: dict[str, int] = {}
    keys = TABLE_KEYS[table]
    known = frozenset(keys)
    build = BUILDERS[table]
    out: list[Any] = []
    for index, row in enumerate(rows):
        if not known.issuperset(row):  # the same test as row.keys() - known, no set
            check.unknown_keys(table, index, row, keys)
        entry = build(check, index, row)
        if entry is None:
            if isinstance(row.get("id"), str):
                invalid.add(row["id"])
            continue
        if entry.id:
            if entry.id in ids:
                line = check.smap.find(table, first_row[entry.id], "id")[0]
                check.error(table, index, "id",
                            f"duplicate id {quote(entry.id)} (first used on line {line})")
                continue
            ids[entry.id] = len(out)
            first_row[entry.id] = index
        out.append(entry)
    return out


def _colours_too_close(check: Checker, actors: list[Actor]) -> None:
    """Two given colours a reader cannot tell apart (DESIGN §1 warning, issue 13 item 6),
    at the second colour's line."""
    for first, second, _gap in too_close_pairs([a.color for a in actors]):
        line = check.smap.find("actors", first, "color")[0]
        check.warn("actors", second, "color",
                   f"colour {actors[second].color} is hard to tell apart from "
                   f"{actors[first].color} (actor {quote(actors[first].id)}, line {line}); "
                   "choose a more distinct colour, or none for a palette colour")


def _issues_without_positions(check: Checker, issues: list[Issue],
                              positions: list[Position]) -> None:
    covered = {p.issue for p in positions}
    for index, issue in enumerate(issues):
        if index not in covered:
            check.warn("issues", index, "id",
                       f"issue {quote(issue.id)} has no position: its row will show "
                       "'No stated position' for every actor")
