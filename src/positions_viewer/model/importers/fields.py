"""Which column holds which field: header names, their synonyms and ``--map COLUMN=FIELD``.

A table is read as TimelineJS when it has the template's ``Year`` and ``Headline``; as a
*wide* table (an article's: issues as rows, actors as columns) when no column but the first
names a field (and the first does not name the actor); otherwise as *statements* or
*events*, whichever fields its columns name more of (a field that is missing is then an
error that says which, not a guess). Headers are compared case-insensitively, with
punctuation and a parenthesised part dropped (``Date (2025)`` is a date column whose dates
are in 2025), and each ``/`` alternative tried (``What was said / signaled``). DESIGN §2
lists the fields.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from .tables import RawTable
from .timelinejs import is_template

__all__ = ["FIELDS", "Layout", "TableKind", "layout_of", "normalize_header", "year_hint"]


class TableKind(StrEnum):
    STATEMENTS = "statements"
    EVENTS = "events"
    TIMELINEJS = "TimelineJS"
    WIDE = "wide"


_STATEMENT_SYNONYMS: dict[str, tuple[str, ...]] = {
    "actor": ("actor", "actor name", "speaker", "who", "country", "party", "person",
              "organisation", "organization", "entity", "member", "candidate",
              "candidate name"),
    "actor_id": ("actor id", "actorid", "actor key"),
    "issue": ("issue", "issue title", "topic", "question", "subject", "theme"),
    "issue_id": ("issue id", "issueid", "issue key", "topic id"),
    "date": ("date", "when", "date stated", "stated on", "statement date", "said on", "day"),
    "stance": ("stance", "verdict", "vote", "rating", "tag", "position tag"),
    "text": ("text", "statement", "quote", "position", "what was said", "said", "summary",
             "claim", "comment", "remarks"),
    "source": ("source", "source title", "outlet", "publication", "cited in", "reference"),
    "url": ("url", "link", "source url", "source link", "href", "web address"),
    "event": ("event", "event id"),
    "ignore": ("changed",),  # the grid CSV's own column: the kind of change, not data
}
_EVENT_SYNONYMS: dict[str, tuple[str, ...]] = {
    "id": ("id", "event id", "unique id", "key"),
    "date": ("date", "start", "start date", "from", "begin", "began", "when", "starts"),
    "end": ("end", "end date", "to", "until", "ends", "finish", "finished"),
    "title": ("title", "headline", "event", "name", "label", "what", "event title"),
    "detail": ("detail", "details", "description", "text", "notes", "note", "summary",
               "what was said", "comment"),
    "actors": ("actors", "actor", "who", "parties", "party", "country", "countries", "group",
               "participants", "candidate", "candidate name"),
    "issues": ("issues", "issue", "topic", "topics"),
    "source": ("source", "source title", "outlet", "publication", "reference"),
    "url": ("url", "link", "source url", "source link", "href"),
}
STATEMENT_ONLY = frozenset({"actor", "actor_id", "issue", "issue_id", "stance", "text", "event"})
EVENT_ONLY = frozenset({"id", "end", "title", "detail", "actors", "issues"})
IGNORE = "ignore"
FIELDS = tuple(sorted(STATEMENT_ONLY | EVENT_ONLY | {"date", "source", "url", IGNORE}))

_PARENTHESIS = re.compile(r"\(([^)]*)\)")
_NOT_WORD = re.compile(r"[^0-9a-z]+")
_YEAR = re.compile(r"\s*([0-9]{4})\s*\Z")


def normalize_header(text: str) -> str:
    """``' Date (2025) '`` → ``'date'``; ``'Actor_ID'`` → ``'actor id'``."""
    text = _PARENTHESIS.sub(" ", text.replace("\ufeff", "").lower())
    return " ".join(_NOT_WORD.sub(" ", text).split())


def year_hint(header: str) -> int | None:
    """The year a header gives its dates: ``Date (2025)`` → 2025."""
    for inside in _PARENTHESIS.findall(header):
        match = _YEAR.match(inside)
        if match:
            return int(match.group(1))
    return None


def _lookup(synonyms: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    return {name: fld for fld, names in synonyms.items() for name in names}


_STATEMENT_NAMES = _lookup(_STATEMENT_SYNONYMS)
_EVENT_NAMES = _lookup(_EVENT_SYNONYMS)


def _field_of(header: str, names: Mapping[str, str]) -> str | None:
    found = names.get(normalize_header(header))
    if found is None and "/" in header:
        for alternative in header.split("/"):
            found = names.get(normalize_header(alternative))
            if found is not None:
                break
    return found


@dataclass(slots=True)
class Layout:
    """How a table is read: its kind, the column of each field, the columns left out (with
    why) and problems with the mapping itself."""

    kind: TableKind
    columns: dict[str, int] = field(default_factory=dict)
    unused: list[tuple[int, str]] = field(default_factory=list)  # (column, why)
    problems: list[str] = field(default_factory=list)


def layout_of(table: RawTable, overrides: Mapping[str, str]) -> Layout:
    """How to read ``table`` given ``--map`` ``overrides`` (normalized column → field)."""
    header = table.header
    if table.timelinejs or (not overrides and is_template(header)):
        return Layout(TableKind.TIMELINEJS)
    forced = {i: overrides[normalize_header(h)] for i, h in enumerate(header)
              if normalize_header(h) in overrides}
    statement_only = {f for f in forced.values() if f in STATEMENT_ONLY}
    event_only = {f for f in forced.values() if f in EVENT_ONLY}
    statements = _assign(header, forced, _STATEMENT_NAMES)
    events = _assign(header, forced, _EVENT_NAMES)
    if statement_only and event_only:
        layout = Layout(TableKind.STATEMENTS)
        layout.problems.append(
            f"--map gives both statement fields ({', '.join(sorted(statement_only))}) and "
            f"event fields ({', '.join(sorted(event_only))}) to one table")
        return layout
    first_is_actor = statements.columns.get("actor") == 0 or events.columns.get("actors") == 0
    if not forced and not first_is_actor and \
            all(column == 0 for column in statements.columns.values()) and \
            all(column == 0 for column in events.columns.values()):
        return Layout(TableKind.WIDE)
    if statement_only or (not event_only and _prefers_statements(statements, events)):
        statements.kind = TableKind.STATEMENTS
        return statements
    events.kind = TableKind.EVENTS
    return events


def _prefers_statements(statements: Layout, events: Layout) -> bool:
    """Whichever kind has more of its required fields (actor, issue, text; date, title),
    then more of its own fields; statements on a tie."""
    cols = statements.columns
    needed = (("actor" in cols or "actor_id" in cols) + ("issue" in cols or "issue_id" in cols)
              + ("text" in cols)) / 3
    event_needed = (("date" in events.columns) + ("title" in events.columns)) / 2
    if needed != event_needed:
        return needed > event_needed
    return len(STATEMENT_ONLY & cols.keys()) >= len(EVENT_ONLY & events.columns.keys())


def _assign(header: Sequence[str], forced: Mapping[int, str], names: Mapping[str, str]
            ) -> Layout:
    layout = Layout(TableKind.WIDE)
    taken: dict[str, int] = {}
    for column, fld in forced.items():
        if fld != IGNORE:
            taken.setdefault(fld, column)
    for column, text in enumerate(header):
        if column in forced:
            if forced[column] != IGNORE and taken.get(forced[column]) != column:
                layout.unused.append((column, f"'{forced[column]}' is already given by "
                                      f"column {taken[forced[column]] + 1}"))
            continue
        if not text.strip():
            continue
        found = _field_of(text, names)
        if found == IGNORE:
            continue
        if found is None:
            layout.unused.append((column, "not a field name"))
        elif found in taken:
            layout.unused.append((column, f"'{header[taken[found]].strip()}' already gives "
                                  f"the {found.replace('_', ' ')}"))
        else:
            taken[found] = column
    layout.columns = taken
    return layout
