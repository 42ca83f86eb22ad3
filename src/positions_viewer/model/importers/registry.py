"""Actors, issues, sources and events an import knows: the target file's and new ones.

Distinct values become entries with stable, valid ids (DESIGN §1: ``[A-Za-z0-9][A-Za-z0-9_.-]*``):
a value that already is an id stays that id; any other is slugged (``"Whether talks are
imminent"`` → ``whether-talks-are-imminent``); a taken id gets ``-2``, ``-3``… Values are
matched to known entries by id, then by name (case and spacing ignored), so a column of
names and a column of ids both find the entries of the file imported into.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["Entry", "Registry", "is_id", "slug"]

_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*\Z")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
MAX_SLUG = 48


def is_id(text: str) -> bool:
    return bool(_ID.match(text))


def slug(text: str) -> str:
    """ASCII, lower case, words joined by ``-``, at most 48 characters cut at a word;
    ``""`` when nothing is left (a name in another script)."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = _NOT_SLUG.sub(" ", folded.lower()).split()
    out = ""
    for word in words:
        candidate = f"{out}-{word}" if out else word
        if len(candidate) > MAX_SLUG:
            return out or word[:MAX_SLUG]
        out = candidate
    return out


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


@dataclass(slots=True)
class Entry:
    """An actor, issue, source or event: ``name`` is its name or title."""

    id: str
    name: str
    detail: str = ""  # an actor's detail; a source's URL
    new: bool = True
    origin: tuple[str, int, int] | None = None  # (table label, row, column) of its first use


class Registry:
    """The entries of one table (``kind`` is "actor", "issue", "source" or "event")."""

    def __init__(self, kind: str, existing: Iterable[tuple[str, str, str]] = ()) -> None:
        self.kind = kind
        self.entries: list[Entry] = []
        self._by_id: dict[str, Entry] = {}
        self._by_name: dict[str, Entry] = {}
        self._cache: dict[tuple[str, str, str], Entry] = {}
        for id_, name, detail in existing:
            self._add(Entry(id_, name, detail, new=False))

    def add_new(self, id_: str, name: str, detail: str = "",
                origin: tuple[str, int, int] | None = None) -> Entry:
        """A new entry with exactly this id (``""`` for an event without one)."""
        return self._add(Entry(id_, name, detail, origin=origin))

    def _add(self, entry: Entry) -> Entry:
        self.entries.append(entry)
        if entry.id:
            self._by_id.setdefault(entry.id, entry)
        self._by_name.setdefault(_key(entry.name), entry)
        return entry

    @property
    def new_entries(self) -> list[Entry]:
        return [entry for entry in self.entries if entry.new]

    def find(self, value: str) -> Entry | None:
        """The entry whose id is ``value`` or whose name is ``value`` (case ignored)."""
        return self._by_id.get(value.strip()) or self._by_name.get(_key(value))

    def free_id(self, wanted: str) -> str:
        """``wanted`` (slugged unless it is an id), made unique with ``-2``, ``-3``…"""
        base = wanted if is_id(wanted) else slug(wanted)
        base = base or f"{self.kind}-{len(self.entries) + 1}"
        candidate, number = base, 2
        while candidate in self._by_id:
            candidate = f"{base}-{number}"
            number += 1
        return candidate

    def resolve(self, id_value: str, name: str, detail: str = "",
                origin: tuple[str, int, int] | None = None) -> Entry:
        """The entry for a row's id and/or name cell, made new when none matches."""
        key = (id_value, name, detail)
        found = self._cache.get(key)
        if found is not None:
            return found
        id_value, name = id_value.strip(), " ".join(name.split())
        if id_value:
            found = self._by_id.get(id_value)
            if found is None and not name:
                found = self._by_name.get(_key(id_value))
        elif name:
            found = self.find(name)
        if found is None:
            found = self._add(Entry(self.free_id(id_value or name), name or id_value, detail,
                                    origin=origin))
        self._cache[key] = found
        return found

    def assign_id(self, entry: Entry) -> str:
        """Give a new entry without an id (an event) one from its name."""
        if not entry.id:
            entry.id = self.free_id(entry.name)
            self._by_id[entry.id] = entry
        return entry.id
