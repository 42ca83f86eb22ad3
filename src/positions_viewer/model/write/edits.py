"""Edits as small command objects (DESIGN §7), and the values of the entries they change.

An edit names an entry by table and file index and says what to write; it knows nothing of
the file's text (:class:`~.document.TextDocument` applies it). Values are
:data:`~.render.Value`: texts and ids, :class:`~..dates.PartialDate`, tuples of ids. An
:class:`EditEntry` carries only the keys that change, so the others keep their exact text.

The constructors (:func:`add_statement`, :func:`edit_entry`, :func:`view_from_filter`, …)
build them from what the window holds: file indices and typed values.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..load.schema import TABLES
from ..query import Filter
from ..types import Dataset
from .render import Value

__all__ = [
    "AddEntry", "DeleteEntry", "Edit", "EditEntry", "MoveEntry", "add_statement",
    "edit_entry", "entry_values", "new_id", "noun", "view_from_filter",
]

Values = Mapping[str, Value]
_NOUNS = {"positions": "statement", "events": "event", "issues": "issue", "actors": "actor",
          "views": "saved view", "sources": "source"}


def noun(table: str) -> str:
    """What the window calls one entry of ``table``: "statement" for a position."""
    return _NOUNS[table]


@dataclass(frozen=True, slots=True)
class AddEntry:
    """Add an entry after the last one of ``table``."""

    table: str
    values: tuple[tuple[str, Value], ...]
    label: str = ""

    @property
    def title(self) -> str:
        return self.label or f"Add {noun(self.table)}"


@dataclass(frozen=True, slots=True)
class EditEntry:
    """Set (a value) or remove (``None``) some keys of entry ``index`` of ``table``."""

    table: str
    index: int
    changes: tuple[tuple[str, Value | None], ...]
    label: str = ""

    @property
    def title(self) -> str:
        return self.label or f"Edit {noun(self.table)}"


@dataclass(frozen=True, slots=True)
class DeleteEntry:
    table: str
    index: int
    label: str = ""

    @property
    def title(self) -> str:
        return self.label or f"Delete {noun(self.table)}"


@dataclass(frozen=True, slots=True)
class MoveEntry:
    """Move entry ``index`` of ``table`` one place up (``step`` -1) or down (+1)."""

    table: str
    index: int
    step: int
    label: str = ""

    @property
    def title(self) -> str:
        return self.label or f"Move {noun(self.table)} {'up' if self.step < 0 else 'down'}"

    @property
    def first(self) -> int:
        """The first of the two entries that trade places."""
        return self.index if self.step > 0 else self.index - 1


Edit = AddEntry | EditEntry | DeleteEntry | MoveEntry


def entry_values(dataset: Dataset, table: str, index: int) -> dict[str, Value]:
    """The values of entry ``index`` of ``table`` as an edit writes them: references as
    ids, optional keys left out when empty (a view's ``issues`` is kept even when empty:
    absent means all)."""
    entry = getattr(dataset, table)[index]
    out: dict[str, Value] = {}
    for key in TABLES[table].key_names:
        value = _read(dataset, table, entry, key)
        kept = table == "views" and key in ("issues", "actors") and value == ()
        if value is None or (value in ("", ()) and not _required(table, key) and not kept):
            continue
        out[key] = value
    return out


def edit_entry(dataset: Dataset, table: str, index: int, values: Values,
               label: str = "") -> EditEntry:
    """The edit that makes entry ``index`` hold ``values`` (the keys it lacks are removed),
    naming only the keys that change."""
    old = entry_values(dataset, table, index)
    changes: list[tuple[str, Value | None]] = [(k, v) for k, v in values.items()
                                               if old.get(k) != v]
    changes += [(k, None) for k in old if k not in values]
    return EditEntry(table, index, tuple(changes), label)


def add_statement(dataset: Dataset, issue: int, actor: int, text: str,
                  date: Value | None = None, stance: str = "",
                  sources: tuple[str, ...] = (), event: str = "") -> AddEntry:
    """A statement of actor ``actor`` on issue ``issue`` (file indices)."""
    values: dict[str, Value] = {"actor": dataset.actors[actor].id,
                                "issue": dataset.issues[issue].id, "text": text}
    if date is not None:
        values["date"] = date
    if stance:
        values["stance"] = stance
    if event:
        values["event"] = event
    if sources:
        values["sources"] = sources
    return AddEntry("positions", tuple(values.items()))


def new_id(dataset: Dataset, table: str, stem: str) -> str:
    """An id for a new entry of ``table``, made from ``stem`` (a title), not yet taken."""
    word = "".join(c if c.isascii() and (c.isalnum() or c in "_.-") else "-"
                   for c in stem.strip().lower())
    word = "-".join(part for part in word.split("-") if part)[:40].strip("-_.")
    word = word or noun(table).replace(" ", "-")
    taken = {e.id for e in getattr(dataset, table)}
    candidate, number = word, 2
    while candidate in taken:
        candidate = f"{word}-{number}"
        number += 1
    return candidate


def view_from_filter(dataset: Dataset, flt: Filter, title: str, notes: str = "",
                     view_id: str = "") -> AddEntry:
    """A saved view of the current filters (DESIGN §1 ``[[views]]``); the search text is
    not part of a view. Replaces copying a snippet by hand."""
    values: dict[str, Value] = {"id": view_id or new_id(dataset, "views", title),
                                "title": title}
    if flt.issues is not None:
        values["issues"] = tuple(dataset.issues[i].id for i in sorted(flt.issues))
    if flt.actors is not None:
        values["actors"] = tuple(dataset.actors[i].id for i in sorted(flt.actors))
    if flt.date_from is not None:
        values["from"] = flt.date_from
    if flt.date_to is not None:
        values["to"] = flt.date_to
    if notes:
        values["notes"] = notes
    return AddEntry("views", tuple(values.items()), "Save view")


def _required(table: str, key: str) -> bool:
    return key in TABLES[table].required


def _read(dataset: Dataset, table: str, entry: Any, key: str) -> Value | None:
    """One key of a typed entry, references turned back into ids."""
    spec = TABLES[table].key(key)
    if table == "views" and key in ("from", "to"):
        return entry.date_from if key == "from" else entry.date_to  # type: ignore[no-any-return]
    value = getattr(entry, key)
    if spec.target:
        rows = getattr(dataset, spec.target)
        if value is None:
            return None
        if isinstance(value, tuple):
            return tuple(rows[i].id for i in value)
        return rows[value].id  # type: ignore[no-any-return]
    return value  # type: ignore[no-any-return]
