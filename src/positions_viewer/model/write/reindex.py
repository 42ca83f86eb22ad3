"""The dataset after a change to one entry, without loading the file again.

Entries refer to each other by file index once loaded (a position's ``actor`` is an index
into ``actors``), so inserting, deleting or swapping an entry renumbers the entries after it
and every reference to them; replacing one changes nothing else. The result equals what
loading the edited file gives (tests compare the two after every kind of change).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from ..types import Dataset, Event, Position, View

__all__ = ["Change", "apply_change"]

Op = Literal["replace", "insert", "delete", "swap"]


@dataclass(frozen=True, slots=True)
class Change:
    """One entry changed: ``replace`` entry ``index`` by ``entry``, ``insert`` ``entry`` at
    ``index``, ``delete`` entry ``index``, or ``swap`` entries ``index`` and ``index + 1``."""

    table: str
    op: Op
    index: int
    entry: Any = None

    def inverse(self, dataset: Dataset) -> Change:
        """The change that undoes this one on ``dataset`` (the dataset it applies to)."""
        if self.op == "replace":
            return Change(self.table, "replace", self.index,
                          getattr(dataset, self.table)[self.index])
        if self.op == "insert":
            return Change(self.table, "delete", self.index)
        if self.op == "delete":
            return Change(self.table, "insert", self.index,
                          getattr(dataset, self.table)[self.index])
        return self


def apply_change(dataset: Dataset, change: Change) -> Dataset:
    """``dataset`` with ``change`` made, every reference renumbered."""
    table, index = change.table, change.index
    entries: list[Any] = list(getattr(dataset, table))
    size = len(entries)
    mapping: Callable[[int], int] | None = None
    if change.op == "replace":
        entries[index] = change.entry
    elif change.op == "insert":
        entries.insert(index, change.entry)
        if index < size:
            mapping = lambda i: i + 1 if i >= index else i  # noqa: E731
    elif change.op == "delete":
        del entries[index]
        if index < size - 1:
            mapping = lambda i: i - 1 if i > index else i  # noqa: E731
    else:
        entries[index], entries[index + 1] = entries[index + 1], entries[index]
        mapping = lambda i: index + 1 if i == index else index if i == index + 1 else i  # noqa: E731
    fields: dict[str, Any] = {table: tuple(_numbered(table, entries, index))}
    if mapping is not None:
        fields.update(_references(dataset, table, mapping, fields))
    return dataclasses.replace(dataset, _ids={}, **fields)


def _numbered(table: str, entries: list[Any], first: int) -> list[Any]:
    """Positions and events carry their own index: renumber those from ``first`` on."""
    if table not in ("positions", "events"):
        return entries
    for number in range(max(0, first), len(entries)):
        entry = entries[number]
        if entry.index != number:
            entries[number] = dataclasses.replace(entry, index=number)
    return entries


def _references(dataset: Dataset, table: str, mapping: Callable[[int], int],
                fields: dict[str, Any]) -> dict[str, Any]:
    """The tables whose references into ``table`` change under ``mapping``."""
    out: dict[str, Any] = {}
    positions: tuple[Position, ...] = fields.get("positions", dataset.positions)
    events: tuple[Event, ...] = fields.get("events", dataset.events)
    if table in ("actors", "issues", "sources", "events"):
        out["positions"] = tuple(_position(p, table, mapping) for p in positions)
    if table in ("actors", "issues", "sources"):
        out["events"] = tuple(_event(e, table, mapping) for e in events)
    if table in ("actors", "issues"):
        out["views"] = tuple(_view(v, table, mapping) for v in dataset.views)
    return out


def _many(values: tuple[int, ...], mapping: Callable[[int], int]) -> tuple[int, ...]:
    return tuple(mapping(v) for v in values)


def _position(p: Position, table: str, mapping: Callable[[int], int]) -> Position:
    if table == "actors":
        new = mapping(p.actor)
        return p if new == p.actor else dataclasses.replace(p, actor=new)
    if table == "issues":
        new = mapping(p.issue)
        return p if new == p.issue else dataclasses.replace(p, issue=new)
    if table == "events":
        if p.event is None or mapping(p.event) == p.event:
            return p
        return dataclasses.replace(p, event=mapping(p.event))
    sources = _many(p.sources, mapping)
    return p if sources == p.sources else dataclasses.replace(p, sources=sources)


def _event(e: Event, table: str, mapping: Callable[[int], int]) -> Event:
    old: tuple[int, ...] = getattr(e, table)
    new = _many(old, mapping)
    if new == old:
        return e
    changed: dict[str, Any] = {table: new}
    return dataclasses.replace(e, **changed)


def _view(v: View, table: str, mapping: Callable[[int], int]) -> View:
    old: tuple[int, ...] | None = getattr(v, table)
    if old is None:
        return v
    new = _many(old, mapping)
    if new == old:
        return v
    changed: dict[str, Any] = {table: new}
    return dataclasses.replace(v, **changed)
