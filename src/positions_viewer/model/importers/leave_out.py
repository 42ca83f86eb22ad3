"""``--keep-going`` after ``check``: the new entries the loader refuses are left out with
their rows, as the rows the import itself refuses are (DESIGN §2).

The import checks each row as it reads it, but the file it writes is loaded back with the
loader of ``check`` (the one judge), which may refuse a new entry the import let through.
With ``--keep-going`` such an entry is no reason to write nothing: it is left out, with
every new entry that names it (the statements of a refused actor, issue, source or event),
and the rows they came from are counted as left out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..diagnostics import Diagnostic

if TYPE_CHECKING:
    from .plan import ImportPlan
    from .records import Report
    from .registry import Entry

__all__ = ["leave_out_refused"]

_ENTRY = re.compile(r"(actors|issues|sources|events|positions)\[([0-9]+)\]")


def leave_out_refused(plan: ImportPlan, refused: Sequence[Diagnostic], report: Report) -> bool:
    """Drop from ``plan`` the new entries that ``refused`` (errors of the loader, relocated
    to the import's entries) name, and the entries that depend on them. False when an error
    names no new entry (then nothing can be left out to mend the file)."""
    bad: dict[str, set[int]] = {}
    for diagnostic in refused:
        found = _ENTRY.match(diagnostic.path)
        if found is None or not diagnostic.file or not diagnostic.line:
            return False  # not at a row of the sources: the file as a whole is wrong
        bad.setdefault(found.group(1), set()).add(int(found.group(2)))
    if not bad:
        return False
    def refused_ids(table: str, entries: Sequence[Entry]) -> set[str]:
        return {entry.id for index, entry in enumerate(entries) if index in bad.get(table, ())}

    ids = {"actors": refused_ids("actors", plan.actors),
           "issues": refused_ids("issues", plan.issues),
           "sources": refused_ids("sources", plan.sources_made),
           "events": {event.id for index, event in enumerate(plan.events)
                      if index in bad.get("events", ())}}
    kept_events, kept_positions, orphans = [], [], _Uses()
    for index, event in enumerate(plan.events):
        if index in bad.get("events", ()) or _names(ids, event.actors, event.issues,
                                                    event.sources):
            ids["events"].add(event.id)
            report.bad_rows.append(event.origin[:2])
            orphans.add(event.actors, event.issues, event.sources)
        else:
            kept_events.append(event)
    for index, position in enumerate(plan.positions):
        if index in bad.get("positions", ()) or position.event in ids["events"] or _names(
                ids, (position.actor,), (position.issue,), position.sources):
            report.bad_rows.append(position.origin[:2])
            orphans.add((position.actor,), (position.issue,), position.sources)
        else:
            kept_positions.append(position)
    used = _Uses()
    for event in kept_events:
        used.add(event.actors, event.issues, event.sources)
    for position in kept_positions:
        used.add((position.actor,), (position.issue,), position.sources)
    for table, entries in (("actors", plan.actors), ("issues", plan.issues),
                           ("sources", plan.sources_made)):
        for entry in entries:
            if entry.id in ids[table] and entry.origin is not None:
                report.bad_rows.append(entry.origin[:2])
        # An entry made only by the rows left out goes with them.
        gone = ids[table] | (orphans.ids[table] - used.ids[table])
        entries[:] = [entry for entry in entries if entry.id not in gone]
    plan.events[:], plan.positions[:] = kept_events, kept_positions
    return True


class _Uses:
    """The actors, issues and sources some entries name."""

    def __init__(self) -> None:
        self.ids: dict[str, set[str]] = {"actors": set(), "issues": set(), "sources": set()}

    def add(self, actors: Sequence[str], issues: Sequence[str], sources: Sequence[str]
            ) -> None:
        self.ids["actors"].update(actors)
        self.ids["issues"].update(issues)
        self.ids["sources"].update(sources)


def _names(ids: dict[str, set[str]], actors: Sequence[str], issues: Sequence[str],
           sources: Sequence[str]) -> bool:
    return bool(ids["actors"].intersection(actors) or ids["issues"].intersection(issues)
                or ids["sources"].intersection(sources))
