"""Why an edit is refused before it is placed: what the rest of the file still needs."""

from __future__ import annotations

from collections.abc import Sequence

from ..diagnostics import Diagnostic
from ..load.schema import TABLES
from ..types import Dataset
from .edits import Edit, EditEntry, noun

__all__ = ["EditRefused", "id_change_problem", "may_delete", "referrers"]


class EditRefused(Exception):
    """The edit would make the file fail ``check`` (or cannot be placed): nothing changed.
    ``diagnostics`` say why, located in the file as ``check`` would."""

    def __init__(self, message: str, diagnostics: Sequence[Diagnostic] = ()) -> None:
        super().__init__(message)
        self.diagnostics = tuple(diagnostics)


def referrers(dataset: Dataset, table: str, index: int) -> list[str]:
    """Paths of the entries that refer to entry ``index`` of ``table`` (``positions[3]``)."""
    out: list[str] = []
    if table in ("actors", "issues"):
        key = table[:-1]
        out += [f"positions[{p.index}]" for p in dataset.positions if getattr(p, key) == index]
        out += [f"events[{e.index}]" for e in dataset.events if index in getattr(e, table)]
        out += [f"views[{n}]" for n, v in enumerate(dataset.views)
                if index in (getattr(v, table) or ())]
    elif table == "events":
        out += [f"positions[{p.index}]" for p in dataset.positions if p.event == index]
    elif table == "sources":
        out += [f"positions[{p.index}]" for p in dataset.positions if index in p.sources]
        out += [f"events[{e.index}]" for e in dataset.events if index in e.sources]
    return out


def id_change_problem(dataset: Dataset, edit: Edit) -> str:
    """Why ``edit`` may not change its entry's id (others refer to it by that id), or ""."""
    if not isinstance(edit, EditEntry) or not any(key == "id" for key, _ in edit.changes):
        return ""
    users = referrers(dataset, edit.table, edit.index)
    if not users:
        return ""
    old = getattr(dataset, edit.table)[edit.index].id
    return (f"id: {noun(edit.table)} {old!r} is referred to by {', '.join(users[:3])}"
            + (f" and {len(users) - 3} more" if len(users) > 3 else "")
            + "; its id cannot change")


def may_delete(dataset: Dataset, table: str, index: int) -> None:
    """Raises :class:`EditRefused` unless entry ``index`` of ``table`` may go: nothing may
    refer to it, and a table the file needs one of keeps one (DESIGN §1)."""
    entries = getattr(dataset, table)
    if TABLES[table].at_least_one and len(entries) == 1:
        raise EditRefused(f"the file needs at least one {noun(table)}")
    users = referrers(dataset, table, index)
    if users:
        shown = ", ".join(users[:3]) + (f" and {len(users) - 3} more" if len(users) > 3
                                        else "")
        raise EditRefused(f"{noun(table)} {entries[index].id!r} is still referred to by "
                          f"{shown}; change those first")
