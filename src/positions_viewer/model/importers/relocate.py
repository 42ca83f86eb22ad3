"""Diagnostics of the file an import would write, moved to the source rows they concern.

The loader names entries by their place in the written file (``positions[12].text``); the
user knows the row of the spreadsheet it came from. A diagnostic about a new entry is
reported at that row; one about the existing part of a file imported into is that file's
own business (it loaded before) and is dropped unless it is an error.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..diagnostics import Diagnostic

if TYPE_CHECKING:
    from .plan import ImportPlan

__all__ = ["relocate"]

_PATH = re.compile(r"(actors|issues|sources|events|positions)\[([0-9]+)\]")


def _origin(plan: ImportPlan, table: str, index: int) -> tuple[str, int, int] | None:
    tables: dict[str, Sequence[Any]] = {
        "actors": plan.actors, "issues": plan.issues, "sources": plan.sources_made,
        "events": plan.events, "positions": plan.positions,
    }
    entries = tables[table]
    if not 0 <= index < len(entries):
        return None
    origin = getattr(entries[index], "origin", None)
    return origin if isinstance(origin, tuple) else None


def relocate(diagnostics: Sequence[Diagnostic], offsets: Mapping[str, int], plan: ImportPlan,
             into: bool) -> list[Diagnostic]:
    """``diagnostics`` of the rendered file, each at the source row of its entry where the
    import knows it (``offsets``: how many entries of each table the file had before)."""
    out = []
    for diagnostic in diagnostics:
        match = _PATH.match(diagnostic.path)
        if match is None:
            if diagnostic.is_error or not into:
                out.append(diagnostic)
            continue
        table, index = match.group(1), int(match.group(2)) - offsets.get(match.group(1), 0)
        origin = _origin(plan, table, index) if index >= 0 else None
        if origin is None:
            if diagnostic.is_error or index >= 0:
                out.append(diagnostic)
            continue
        label, row, column = origin
        out.append(Diagnostic(label, row, column, diagnostic.severity, diagnostic.message,
                              f"{match.group(1)}[{index}]"))
    return out
