"""The typed, validated contents of one comparison file (DESIGN §1).

Cross references are resolved to indices at load time: the query layer and the views
work with integer positions in the file-ordered tuples, never with id lookups.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .dates import PartialDate
from .durations import Duration
from .text import shown_text

__all__ = ["Actor", "Dataset", "Event", "Issue", "Position", "Source", "View"]


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name: str
    detail: str = ""
    color: str | None = None  # "#rrggbb" from the file; the UI picks a palette colour otherwise

    @property
    def label(self) -> str:
        """The name as shown: "(untitled)" when blank (DESIGN §1)."""
        return shown_text(self.name)


@dataclass(frozen=True, slots=True)
class Issue:
    id: str
    title: str
    description: str = ""

    @property
    def label(self) -> str:
        """The title as shown: "(untitled)" when blank (DESIGN §1)."""
        return shown_text(self.title)


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    title: str
    url: str = ""
    date: PartialDate | None = None

    @property
    def label(self) -> str:
        """The title as shown: "(untitled)" when blank (DESIGN §1)."""
        return shown_text(self.title)


@dataclass(slots=True)  # not frozen: a frozen __init__ is 4x slower, at 100k rows
class Event:
    index: int
    date: PartialDate
    title: str
    id: str = ""
    end: PartialDate | None = None
    detail: str = ""
    actors: tuple[int, ...] = ()
    issues: tuple[int, ...] = ()
    sources: tuple[int, ...] = ()

    @property
    def label(self) -> str:
        """The title as shown: "(untitled)" when blank (DESIGN §1)."""
        return shown_text(self.title)

    @property
    def start(self) -> int:
        return self.date.start

    @property
    def stop(self) -> int:
        """Ordinal of the last day covered (inclusive): the end's period, or the date's."""
        return (self.end or self.date).stop

    @property
    def is_approximate(self) -> bool:
        """Either end is a month or a year, not a day."""
        return self.date.is_approximate or (self.end is not None and self.end.is_approximate)

    @property
    def is_range(self) -> bool:
        return self.end is not None

    def date_label(self) -> str:
        return self.date.label() if self.end is None else self.date.range_label(self.end)


@dataclass(slots=True)  # not frozen: a frozen __init__ is 4x slower, at 100k rows
class Position:
    index: int
    actor: int
    issue: int
    text: str
    date: PartialDate | None = None
    stance: str = ""
    event: int | None = None
    sources: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class View:
    id: str
    title: str
    issues: tuple[int, ...] | None = None  # None: all
    actors: tuple[int, ...] | None = None
    date_from: PartialDate | None = None
    date_to: PartialDate | None = None
    notes: str = ""

    @property
    def label(self) -> str:
        """The title as shown: "(untitled)" when blank (DESIGN §1)."""
        return shown_text(self.title)


@dataclass(frozen=True, slots=True)
class Dataset:
    title: str
    actors: tuple[Actor, ...]
    issues: tuple[Issue, ...]
    description: str = ""
    as_of: PartialDate | None = None
    stale_after: Duration | None = None  # a shown position older than this is stale
    sources: tuple[Source, ...] = ()
    events: tuple[Event, ...] = ()
    positions: tuple[Position, ...] = ()
    views: tuple[View, ...] = ()
    path: Path | None = None
    _ids: dict[str, dict[str, int]] = field(default_factory=dict, repr=False, compare=False)

    @property
    def label(self) -> str:
        """The title as shown: "(untitled)" when blank (DESIGN §1)."""
        return shown_text(self.title)

    def index_of(self, table: str, id_: str) -> int | None:
        """File index of the entry with ``id_`` in ``table`` ("actors", "issues", …)."""
        if not self._ids:
            for name in ("actors", "issues", "sources", "events", "views"):
                entries = getattr(self, name)
                self._ids[name] = {e.id: i for i, e in enumerate(entries) if e.id}
        return self._ids.get(table, {}).get(id_)

    def event_actors(self, event: Event) -> frozenset[int]:
        """The actors ``event`` concerns: those it names, or all when it names none."""
        return frozenset(event.actors) or frozenset(range(len(self.actors)))

    def span(self) -> tuple[int, int] | None:
        """First and last ordinal day covered by the events, positions and as-of date."""
        starts: list[int] = []
        stops: list[int] = []
        for event in self.events:
            starts.append(event.start)
            stops.append(event.stop)
        for position in self.positions:
            if position.date is not None:
                # A position counts from its first day ("2025-12" holds from 1 Dec).
                starts.append(position.date.start)
                stops.append(position.date.start)
        if self.as_of is not None:
            starts.append(self.as_of.start)
            stops.append(self.as_of.stop)
        if not starts:
            return None
        return min(starts), max(stops)
